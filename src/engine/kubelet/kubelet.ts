/**
 * Every node's kubelet, as one component (`kubelet`): it runs the pods bound to its nodes (volumes,
 * sandbox and pod IP, init containers in order, image pulls, containers, probes, restarts with back-off),
 * writes their status, terminates deleted pods gracefully and then removes them, and keeps its node's
 * status and Lease. Upstream: pkg/kubelet (kubelet.go syncPod, kuberuntime, prober, status manager,
 * nodestatus, nodelease).
 *
 * Work is per key and event-driven, with indexes by node: a pod key is synced when its pod changes in a
 * way the kubelet cares about and when one of its timers is due (pull done, process exit, probe tick,
 * back-off end, grace period end); a node key (`node/<name>`) renews the Lease every 10 s. Nothing scans
 * all pods. A node whose fault annotation says `down` is a machine that is off: its kubelet does nothing
 * (no status, no Lease, no probes) until it is back, and then its containers start again as after a reboot.
 */
import { controllerOf, keyOf } from '../api/meta';
import type { KubeObject, Node, Pod } from '../api/types';
import { BEHAVIOR_ANNOTATION, containerBehavior, type ContainerBehavior } from '../behavior';
import type { WatchEvent } from '../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { deepEqual } from '../../lib';
import { Backoff } from './backoff';
import { terminate, workersFor, type StepContext } from './containers';
import {
  kubeletNodeStatus,
  LEASE_RENEW_MS,
  NodeAgent,
  nodeLease,
  NODE_STATUS_REPORT_MS,
  statusChanged,
} from './nodeAgent';
import { renderStatus } from './podStatus';
import { admissionFailure } from './admission';
import { timestamp } from '../api/time';
import { runPod, stopPod } from './podWorker';
import type { ContainerRuntime, PodRuntime } from './runtime';

type P = Pod & KubeObject;
type N = Node & KubeObject;

/**
 * How long a Job's container runs when its behaviour says neither when it completes nor when it crashes:
 * kubecanvas's choice, so that a Job or CronJob does its work without any annotation.
 */
export const JOB_DEFAULT_RUN_SECONDS = 10;

/** A container's behaviour, with a Job's run-to-completion default (JOB_DEFAULT_RUN_SECONDS). */
function behaviorOf(pod: P, container: string): ContainerBehavior {
  const b = containerBehavior(pod.metadata.annotations, container);
  if (
    controllerOf(pod)?.kind !== 'Job' ||
    b.completeAfterSeconds !== undefined ||
    b.crashAfterSeconds !== undefined
  )
    return b;
  return { ...b, completeAfterSeconds: b.startupSeconds + JOB_DEFAULT_RUN_SECONDS };
}

const NODE_PREFIX = 'node/';
const VOLUME_KINDS = ['PersistentVolumeClaim', 'PersistentVolume', 'VolumeAttachment', 'ConfigMap', 'Secret'];

/** The simulated kubelets of all nodes. */
export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly agents = new Map<string, NodeAgent>();
  private readonly runtimes = new Map<string, PodRuntime>();
  private readonly waitingForVolumes = new Set<string>();
  private readonly crashBackoff = new Backoff();
  private readonly imageBackoff = new Backoff();
  private nodeCount = 0;

  /** The kubelet's view of a pod (tests, the inspector): undefined when no kubelet runs it. */
  runtimeOf(podKey: string): Readonly<PodRuntime> | undefined {
    return this.runtimes.get(podKey);
  }

  /** The agent of a node (tests, the network layer's "does this node answer"). */
  agentOf(nodeName: string): Readonly<NodeAgent> | undefined {
    return this.agents.get(nodeName);
  }

  setup(s: ControllerSetup): void {
    for (const n of s.store.each<N>('Node')) this.addNode(n, s.enqueue);
    for (const p of s.store.each<P>('Pod')) if (p.spec?.nodeName) s.enqueue(keyOf(p));
    s.watch('Node', (e) => this.onNode(e, s.enqueue));
    s.watch('Pod', (e) => this.onPod(e, s.enqueue));
    for (const kind of VOLUME_KINDS)
      s.watch(kind, () => {
        for (const k of this.waitingForVolumes) s.enqueue(k);
      });
  }

  private addNode(n: N, enqueue: (k: string) => void): NodeAgent {
    let agent = this.agents.get(n.metadata.name);
    if (!agent) {
      agent = new NodeAgent(n.metadata.name, this.nodeCount++);
      this.agents.set(n.metadata.name, agent);
    }
    agent.observe(n);
    enqueue(NODE_PREFIX + n.metadata.name);
    return agent;
  }

  private onNode(e: WatchEvent, enqueue: (k: string) => void): void {
    const n = e.object as N;
    if (e.type === 'DELETED') {
      this.agents.delete(n.metadata.name);
      return;
    }
    const agent = this.agents.get(n.metadata.name);
    if (!agent) {
      this.addNode(n, enqueue);
      return;
    }
    const wasUp = agent.up;
    agent.observe(n);
    const labels = n.metadata.labels ?? {};
    const unlabelled =
      !labels['kubernetes.io/hostname'] || !labels['kubernetes.io/os'] || !labels['kubernetes.io/arch'];
    if (unlabelled && agent.labelled) agent.labelled = false;
    if (wasUp !== agent.up || unlabelled) enqueue(NODE_PREFIX + n.metadata.name);
  }

  private onPod(e: WatchEvent, enqueue: (k: string) => void): void {
    const pod = e.object as P;
    const key = keyOf(pod);
    if (e.type === 'DELETED') {
      this.forget(key);
      return;
    }
    if (!pod.spec?.nodeName) return;
    const old = e.old as P | undefined;
    if (
      !old ||
      old.spec !== pod.spec ||
      old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
      old.metadata.uid !== pod.metadata.uid ||
      old.metadata.annotations?.[BEHAVIOR_ANNOTATION] !== pod.metadata.annotations?.[BEHAVIOR_ANNOTATION] ||
      // HandlePodReconcile: a readiness gate's condition written by another controller.
      ((pod.spec.readinessGates?.length ?? 0) > 0 && old.status !== pod.status)
    )
      enqueue(key);
  }

  private forget(key: string): void {
    const rt = this.runtimes.get(key);
    if (!rt) return;
    this.agents.get(rt.node)?.releaseIP(rt.podIP);
    for (const c of [...rt.init, ...rt.containers]) {
      this.crashBackoff.reset(`${rt.uid}/${c.name}`);
      this.imageBackoff.reset(`${rt.uid}_${c.spec.image ?? ''}`);
    }
    this.runtimes.delete(key);
    this.waitingForVolumes.delete(key);
  }

  sync(key: string, ctx: ControllerContext): void {
    if (key.startsWith(NODE_PREFIX)) this.syncNode(key.slice(NODE_PREFIX.length), ctx);
    else this.syncPod(key, ctx);
  }

  // ---- node ----

  private syncNode(name: string, ctx: ControllerContext): void {
    const node = ctx.store.get<N>('Node', undefined, name);
    const agent = this.agents.get(name);
    if (!node || !agent) return;
    if (!agent.up) {
      agent.posted = false;
      agent.heartbeatAtMs = undefined;
      return;
    }
    if (!agent.posted) this.boot(node, agent, ctx);
    if (!agent.labelled) this.label(node, agent, ctx);
    const lease = ctx.store.get('Lease', 'kube-node-lease', name);
    const renewed = nodeLease(node, ctx.now, lease);
    if (lease) ctx.update(renewed);
    else ctx.create(renewed);
    const current = ctx.store.get<N>('Node', undefined, name) ?? node;
    const status = kubeletNodeStatus(current, agent, ctx.now);
    if (statusChanged(current.status, status) || ctx.now - agent.lastStatusMs >= NODE_STATUS_REPORT_MS) {
      ctx.update({ ...current, status });
      agent.lastStatusMs = ctx.now;
    }
    // One heartbeat chain per node: an extra sync (a label fix, a recovery) does not start another.
    if (agent.heartbeatAtMs === undefined || agent.heartbeatAtMs <= ctx.now) {
      agent.heartbeatAtMs = ctx.now + LEASE_RENEW_MS;
      ctx.enqueueAfter(LEASE_RENEW_MS, NODE_PREFIX + name);
    }
  }

  /** Registration labels the kubelet sets on its Node when they are missing (hostname, os, arch). */
  private label(node: N, agent: NodeAgent, ctx: ControllerContext): void {
    agent.labelled = true;
    const labels = node.metadata.labels ?? {};
    const wanted: Record<string, string> = {
      'kubernetes.io/hostname': node.metadata.name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    };
    const missing = Object.entries(wanted).filter(([k]) => labels[k] === undefined);
    if (missing.length === 0) return;
    const current = ctx.store.get<N>('Node', undefined, node.metadata.name) ?? node;
    const next = { ...Object.fromEntries(missing), ...current.metadata.labels };
    ctx.update({ ...current, metadata: { ...current.metadata, labels: next } });
  }

  /** The kubelet (re)starts on a machine that is up: events, and a reboot of the pods it had. */
  private boot(node: N, agent: NodeAgent, ctx: ControllerContext): void {
    const wasReady = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const restarted = agent.lastStatusMs > -Infinity;
    agent.posted = true;
    if (!restarted) ctx.event(node, 'Normal', 'Starting', 'Starting kubelet.');
    if (!wasReady || restarted)
      ctx.event(node, 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`);
    for (const pod of ctx.store.podsOnNode(node.metadata.name)) {
      const rt = this.runtimes.get(keyOf(pod));
      if (rt && restarted) this.reboot(rt, ctx.now);
      ctx.enqueue(keyOf(pod));
    }
  }

  /** The machine was off: every process is gone (exit 255, reason Unknown, as after a node reboot). */
  private reboot(rt: PodRuntime, nowMs: number): void {
    for (const c of [...rt.init, ...rt.containers]) {
      if (c.phase.kind === 'running') terminate(c, nowMs, 255, 'Unknown');
      if (c.phase.kind === 'pulling') c.phase = { kind: 'new' };
    }
    delete rt.wakeAtMs;
  }

  // ---- pods ----

  private admit(pod: P, node: string, nowMs: number): PodRuntime {
    const make = (spec: NonNullable<P['spec']>['containers'][number], init: boolean): ContainerRuntime => {
      const c: ContainerRuntime = {
        name: spec.name,
        spec,
        init,
        sidecar: init && spec.restartPolicy === 'Always',
        behavior: behaviorOf(pod, spec.name),
        phase: { kind: 'new' },
        restartCount: 0,
        imageReady: false,
        started: false,
        probes: [],
      };
      workersFor(c);
      return c;
    };
    return {
      key: keyOf(pod),
      uid: pod.metadata.uid ?? '',
      node,
      admittedAtMs: nowMs,
      volumesReady: false,
      init: (pod.spec?.initContainers ?? []).map((c) => make(c, true)),
      containers: (pod.spec?.containers ?? []).map((c) => make(c, false)),
      behaviorAnnotation: pod.metadata.annotations?.[BEHAVIOR_ANNOTATION],
    };
  }

  private syncPod(key: string, ctx: ControllerContext): void {
    const pod = ctx.store.getByKey<P>(key);
    if (!pod) return this.forget(key);
    const nodeName = pod.spec?.nodeName;
    const agent = nodeName ? this.agents.get(nodeName) : undefined;
    if (!nodeName || !agent || !agent.up || !agent.posted) return;
    let rt = this.runtimes.get(key);
    if (rt && (rt.uid !== pod.metadata.uid || rt.node !== nodeName)) {
      this.forget(key);
      rt = undefined;
    }
    if (!rt) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        if (pod.metadata.deletionTimestamp) ctx.delete(pod, { gracePeriodSeconds: 0 });
        return;
      }
      rt = this.admit(pod, nodeName, ctx.now);
      this.runtimes.set(key, rt);
      const node = ctx.store.get<N>('Node', undefined, nodeName);
      const refused =
        node && !pod.metadata.deletionTimestamp ? admissionFailure(pod, node, ctx.store) : undefined;
      if (refused) {
        rt.rejected = refused;
        ctx.event(pod, 'Warning', refused.reason, refused.message.replace('Pod was rejected: ', ''));
      }
    }
    if (rt.rejected) return this.writeRejected(pod, rt, ctx);
    if (rt.wakeAtMs !== undefined && rt.wakeAtMs <= ctx.now) delete rt.wakeAtMs;
    this.refreshBehavior(pod, rt);
    let next = Infinity;
    const s: StepContext = {
      now: ctx.now,
      pod,
      rt,
      node: agent,
      crashBackoff: this.crashBackoff,
      imageBackoff: this.imageBackoff,
      event: (type, reason, message) => ctx.event(pod, type, reason, message),
      wake: (at) => {
        if (at > ctx.now && at < next) next = at;
      },
    };
    this.refreshSpecs(pod, rt, s);
    const done = pod.metadata.deletionTimestamp
      ? stopPod(s)
      : runPod(s, ctx.store, agent, this.waitingForVolumes);
    if (done) {
      ctx.delete(pod, { gracePeriodSeconds: 0 });
      return this.forget(key);
    }
    const status = renderStatus(pod, rt, ctx.now, agent.hostIP);
    if (!deepEqual(pod.status, status)) ctx.update({ ...pod, status });
    if (next < Infinity && (rt.wakeAtMs === undefined || next < rt.wakeAtMs)) {
      rt.wakeAtMs = next;
      ctx.enqueueAfter(next - ctx.now, key);
    }
  }

  /** A pod the kubelet refused at admission: Failed, with the reason, and no containers run. */
  private writeRejected(pod: P, rt: PodRuntime, ctx: ControllerContext): void {
    if (pod.metadata.deletionTimestamp) {
      ctx.delete(pod, { gracePeriodSeconds: 0 });
      return this.forget(rt.key);
    }
    if (pod.status?.phase === 'Failed') return;
    const { reason, message } = rt.rejected!;
    ctx.update({
      ...pod,
      status: { ...pod.status, phase: 'Failed', reason, message, startTime: timestamp(ctx.now) },
    });
  }

  /** A container whose spec changed (kubectl set image on a pod) is killed and started again. */
  private refreshSpecs(pod: P, rt: PodRuntime, s: StepContext): void {
    const specs = new Map(
      [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c]),
    );
    for (const c of [...rt.init, ...rt.containers]) {
      const spec = specs.get(c.name);
      if (!spec || spec === c.spec || spec.image === c.spec.image) {
        if (spec) c.spec = spec;
        continue;
      }
      c.spec = spec;
      c.imageReady = false;
      if (c.phase.kind === 'running' && c.killExitAtMs === undefined) {
        s.event('Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
        c.killExitAtMs = s.now + 1000;
        s.wake(c.killExitAtMs);
      }
    }
  }

  private refreshBehavior(pod: P, rt: PodRuntime): void {
    const annotation = pod.metadata.annotations?.[BEHAVIOR_ANNOTATION];
    if (annotation === rt.behaviorAnnotation) return;
    rt.behaviorAnnotation = annotation;
    for (const c of [...rt.init, ...rt.containers]) c.behavior = behaviorOf(pod, c.name);
  }
}
