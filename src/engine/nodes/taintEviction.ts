/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): when a node has NoExecute
 * taints, each pod on it that does not tolerate them all is deleted at once; a pod that tolerates them with
 * tolerationSeconds is deleted that long after the controller saw the taint (the smallest of its matching
 * tolerations); one that tolerates them forever stays. A taint removed in time cancels the deletion.
 * Before deleting, the pod gets the DisruptionTarget condition (DeletionByTaintManager).
 *
 * Also here, pod GC's rule for non-graceful node shutdown (pkg/controller/podgc gcTerminating): terminating
 * pods on a node that is not Ready and carries `node.kubernetes.io/out-of-service` are force-deleted.
 */
import { keyOf } from '../api/meta';
import { timestamp } from '../api/time';
import type { KubeObject, Node, Pod, Taint } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { matchingTolerations, minTolerationMs, noExecuteTaints, TAINT_OUT_OF_SERVICE } from './taints';

type N = Node & KubeObject;
type P = Pod & KubeObject;

const NODE = 'node/';

interface Scheduled {
  createdAtMs: number;
  triggerAtMs: number;
}

/** The taint eviction controller (`taint-eviction-controller`). */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private readonly taintsByNode = new Map<string, string>();
  private readonly scheduled = new Map<string, Scheduled>();

  setup(s: ControllerSetup): void {
    s.watch('Node', (e) => {
      const n = e.object as N;
      const sig = JSON.stringify(noExecuteTaints(n.spec?.taints).map((t) => [t.key, t.value]));
      if (e.type === 'DELETED') {
        this.taintsByNode.delete(n.metadata.name);
        return;
      }
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      const outOfService = !ready && (n.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE);
      if ((this.taintsByNode.get(n.metadata.name) ?? '[]') !== sig || outOfService) {
        this.taintsByNode.set(n.metadata.name, sig);
        s.enqueue(NODE + n.metadata.name);
      }
    });
    s.watch('Pod', (e) => {
      const pod = e.object as P;
      const key = keyOf(pod);
      if (e.type === 'DELETED') {
        this.scheduled.delete(key);
        return;
      }
      const node = pod.spec?.nodeName;
      const old = e.old as P | undefined;
      if (!node || (old && old.spec?.nodeName === node && old.spec?.tolerations === pod.spec?.tolerations))
        return;
      if ((this.taintsByNode.get(node) ?? '[]') !== '[]') s.enqueue(key);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    if (key.startsWith(NODE)) {
      const name = key.slice(NODE.length);
      const node = ctx.store.get<N>('Node', undefined, name);
      if (!node) return;
      for (const pod of ctx.store.podsOnNode(name)) this.processPod(pod, node, ctx);
      this.gcOutOfService(node, ctx);
      return;
    }
    const pod = ctx.store.getByKey<P>(key);
    const node = pod?.spec?.nodeName ? ctx.store.get<N>('Node', undefined, pod.spec.nodeName) : undefined;
    if (!pod || !node) return;
    this.processPod(pod, node, ctx);
  }

  /** processPodOnNode, with the eviction itself when the trigger time has come. */
  private processPod(pod: P, node: N, ctx: ControllerContext): void {
    const key = keyOf(pod);
    if (pod.metadata.deletionTimestamp) return;
    const taints = noExecuteTaints(node.spec?.taints);
    const s = this.scheduled.get(key);
    if (taints.length === 0) {
      if (s) this.cancel(pod, ctx);
      return;
    }
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) return this.evict(pod, taints, ctx);
    const min = minTolerationMs(used);
    if (min < 0) {
      if (s) this.cancel(pod, ctx);
      return;
    }
    const createdAtMs = s?.createdAtMs ?? ctx.now;
    const triggerAtMs = createdAtMs + min;
    if (ctx.now >= triggerAtMs) return this.evict(pod, taints, ctx);
    if (!s || s.triggerAtMs !== triggerAtMs) {
      this.scheduled.set(key, { createdAtMs, triggerAtMs });
      ctx.enqueueAfter(triggerAtMs - ctx.now, key);
    }
  }

  private cancel(pod: P, ctx: ControllerContext): void {
    this.scheduled.delete(keyOf(pod));
    ctx.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
    );
  }

  private evict(pod: P, _taints: Taint[], ctx: ControllerContext): void {
    this.scheduled.delete(keyOf(pod));
    ctx.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
    );
    const condition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: timestamp(ctx.now),
    };
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      condition,
    ];
    const updated = ctx.update<P>({ ...pod, status: { ...pod.status, conditions } });
    ctx.delete(updated);
  }

  private gcOutOfService(node: N, ctx: ControllerContext): void {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready || !(node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE)) return;
    for (const pod of ctx.store.podsOnNode(node.metadata.name))
      if (pod.metadata.deletionTimestamp) ctx.delete(pod, { gracePeriodSeconds: 0 });
  }
}
