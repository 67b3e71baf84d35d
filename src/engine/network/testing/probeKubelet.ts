/**
 * A test-only kubelet for networking tests, until the real kubelet (src/engine/kubelet) is registered:
 * for pods bound by the scheduler it gives a pod IP (10.244.<node>.<n>, the node's /24 of kubeadm's
 * flannel-style pod CIDR), marks containers running after `startMs`, and sets Ready the way the
 * kubelet's prober would with the simulated behaviour: at once without a readiness probe; with one, at
 * the first probe (initialDelaySeconds, then every periodSeconds) after the process listens
 * (startupSeconds). A deleted pod is removed after `terminateMs`. Not a model of the kubelet.
 */
import type { KubeObject, Pod } from '../../api/types';
import { keyOf } from '../../api/meta';
import { timestamp } from '../../api/time';
import { containerBehavior } from '../../behavior';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';

type P = Pod & KubeObject;

/** Options of the ProbeKubelet. */
export interface ProbeKubeletOptions {
  /** From binding to containers running (image pull and start). Default 1000 ms. */
  startMs?: number;
  /** From deletion to removal. Default 1000 ms. */
  terminateMs?: number;
}

/** The test kubelet of the networking tests (name `probe-kubelet`). */
export class ProbeKubelet implements Controller {
  readonly name = 'probe-kubelet';
  private readonly nodeIndex = new Map<string, number>();
  private readonly nextHost = new Map<string, number>();

  constructor(private readonly options: ProbeKubeletOptions = {}) {}

  setup(s: ControllerSetup): void {
    s.watch('Pod', (e) => {
      if (e.type !== 'DELETED') s.enqueue(keyOf(e.object));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const pod = ctx.store.getByKey<P>(key);
    const node = pod?.spec?.nodeName;
    if (!pod || !node) return;
    if (pod.metadata.deletionTimestamp) return this.terminate(pod, key, ctx);
    const phase = pod.status?.phase;
    if (phase !== 'Running') {
      const bound = Number(pod.metadata.annotations?.['test/bound-at'] ?? NaN);
      if (Number.isNaN(bound)) {
        const annotations = { ...pod.metadata.annotations, 'test/bound-at': String(ctx.now) };
        ctx.update({ ...pod, metadata: { ...pod.metadata, annotations } });
        ctx.enqueueAfter(this.options.startMs ?? 1000, key);
      } else if (ctx.now >= bound + (this.options.startMs ?? 1000)) this.start(pod, node, ctx);
      return;
    }
    this.probe(pod, key, ctx);
  }

  private start(pod: P, node: string, ctx: ControllerContext): void {
    if (!this.nodeIndex.has(node)) this.nodeIndex.set(node, this.nodeIndex.size + 1);
    const host = (this.nextHost.get(node) ?? 1) + 1;
    this.nextHost.set(node, host);
    const ip = `10.244.${this.nodeIndex.get(node)}.${host}`;
    const t = timestamp(ctx.now);
    ctx.update({
      ...pod,
      status: {
        ...pod.status,
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        startTime: t,
        containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready: false,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: t } },
        })),
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: t }],
      },
    });
    ctx.enqueue(keyOf(pod));
  }

  private probe(pod: P, key: string, ctx: ControllerContext): void {
    if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
    const readyAt = (pod.spec?.containers ?? []).reduce((latest, c) => {
      const b = containerBehavior(pod.metadata.annotations, c.name);
      const probe = c.readinessProbe;
      if (!probe) return latest;
      const initial = (probe.initialDelaySeconds ?? 0) * 1000;
      const period = (probe.periodSeconds ?? 10) * 1000;
      const listenAt = b.startupSeconds * 1000;
      const k = Math.max(0, Math.ceil((listenAt - initial) / period));
      return Math.max(latest, initial + k * period);
    }, 0);
    const runningSince =
      Number(pod.metadata.annotations?.['test/bound-at'] ?? 0) + (this.options.startMs ?? 1000);
    if (ctx.now < runningSince + readyAt) {
      ctx.enqueueAfter(runningSince + readyAt - ctx.now, key);
      return;
    }
    const t = timestamp(ctx.now);
    ctx.update({
      ...pod,
      status: {
        ...pod.status,
        containerStatuses: (pod.status?.containerStatuses ?? []).map((s) => ({ ...s, ready: true })),
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }],
      },
    });
  }

  private terminate(pod: P, key: string, ctx: ControllerContext): void {
    const since = Number(pod.metadata.annotations?.['test/terminating-since'] ?? NaN);
    const after = this.options.terminateMs ?? 1000;
    if (Number.isNaN(since)) {
      const annotations = { ...pod.metadata.annotations, 'test/terminating-since': String(ctx.now) };
      ctx.update({ ...pod, metadata: { ...pod.metadata, annotations } });
      ctx.enqueueAfter(after, key);
    } else if (ctx.now >= since + after) ctx.delete(pod, { gracePeriodSeconds: 0 });
  }
}
