/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go), as
 * kube-controller-manager runs it with default flags:
 * - monitorNodeHealth every --node-monitor-period (5 s): a node whose kubelet has renewed neither its Lease
 *   nor its status for more than --node-monitor-grace-period (50 s; 60 s, --node-startup-grace-period, for a
 *   node never heard from) gets every condition set to Unknown (NodeStatusUnknown, "Kubelet stopped posting
 *   node status."), a NodeNotReady event, and its pods marked not Ready (MarkPodsNotReady);
 * - doNoExecuteTaintingPass: Ready Unknown → `node.kubernetes.io/unreachable:NoExecute`, Ready False →
 *   `node.kubernetes.io/not-ready:NoExecute`, each with timeAdded; removed when Ready again;
 * - TaintNodesByCondition: the same keys with NoSchedule, and `node.kubernetes.io/unschedulable:NoSchedule`
 *   for a cordoned node.
 * - zones (handleDisruption, ComputeZoneState, setLimiterInZone): a zone with no Ready node is in
 *   FullDisruption, one with more than 2 and at least 55% (--unhealthy-zone-threshold) not Ready in
 *   PartialDisruption; NoExecute taints are added at --node-eviction-rate (0.1 nodes/s, one every 10 s per
 *   zone), in PartialDisruption at --secondary-node-eviction-rate (0.01/s) or not at all in clusters of at
 *   most 50 nodes (--large-cluster-size-threshold); when every zone is fully disrupted the controller
 *   assumes its own connectivity is at fault ("master disruption mode") and removes the NoExecute taints.
 * Checks are event-driven: one pending check per node at the first monitor tick after its grace ends.
 */
import { timestamp } from '../api/time';
import type { KubeObject, Node, NodeCondition, Pod, Taint } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from './taints';

type N = Node & KubeObject;
type P = Pod & KubeObject;

/** --node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period (50 s in current releases; 40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

const MANAGED = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE]);

/** --node-eviction-rate: nodes per second tainted NoExecute in a healthy zone. */
export const NODE_EVICTION_RATE = 0.1;
/** --secondary-node-eviction-rate: the same in a partially disrupted large cluster. */
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
/** --unhealthy-zone-threshold. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
/** --large-cluster-size-threshold. */
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;

type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** ComputeZoneState. */
export function computeZoneState(ready: number, notReady: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

/** GetZoneKey (pkg/util/node): region and zone labels of a node. */
function zoneKey(n: N): string {
  const l = n.metadata.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:\x00:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

interface Health {
  probeMs: number;
  heard: boolean;
  checkAtMs?: number;
  /** timeAdded of the managed taints, kept across re-applies of the node that drop them. */
  added: Map<string, string>;
}

/** The node lifecycle controller (`node-lifecycle-controller`). */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly health = new Map<string, Health>();
  /** When each zone's NoExecute tainter last used its token (rate limiter with burst 1). */
  private readonly lastTaintMs = new Map<string, number>();
  private readonly notReady = new Set<string>();
  private masterDisruption = false;

  setup(s: ControllerSetup): void {
    for (const n of s.store.each<N>('Node')) this.observe(n.metadata.name, 0, false, s.enqueue);
    s.watch('Node', (e) => {
      const name = e.object.metadata.name;
      if (e.type === 'DELETED') this.health.delete(name);
      else if (e.type === 'ADDED') this.observe(name, e.time, false, s.enqueue);
      else s.enqueue(name);
    });
    s.watch('Lease', (e) => {
      if (e.type === 'DELETED' || e.object.metadata.namespace !== 'kube-node-lease') return;
      this.observe(e.object.metadata.name, e.time, true, s.enqueue);
    });
  }

  private observe(name: string, atMs: number, heard: boolean, enqueue: (k: string) => void): void {
    const h = this.health.get(name);
    if (!h) {
      this.health.set(name, { probeMs: atMs, heard, added: new Map() });
      enqueue(name);
      return;
    }
    h.probeMs = atMs;
    if (heard && !h.heard) {
      h.heard = true;
      enqueue(name);
    }
    // A node that was marked Unknown and is heard again is re-examined at once.
    if (h.checkAtMs === undefined) enqueue(name);
  }

  sync(name: string, ctx: ControllerContext): void {
    const node = ctx.store.get<N>('Node', undefined, name);
    const h = this.health.get(name);
    if (!node || !h) return;
    if (h.checkAtMs !== undefined && h.checkAtMs <= ctx.now) delete h.checkAtMs;
    const grace = h.heard ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    const deadline = h.probeMs + grace;
    let current = node;
    const ready = readyCondition(node);
    if (ctx.now > deadline && ready?.status !== 'Unknown') current = this.markUnknown(node, ctx);
    else if (ctx.now <= deadline && h.checkAtMs === undefined) {
      h.checkAtMs = (Math.floor(deadline / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS;
      ctx.enqueueAfter(h.checkAtMs - ctx.now, name);
    }
    this.taint(current, h, ctx);
  }

  private markUnknown(node: N, ctx: ControllerContext): N {
    const now = timestamp(ctx.now);
    const types = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
    const old = node.status?.conditions ?? [];
    const conditions: NodeCondition[] = types.map((type) => {
      const o = old.find((c) => c.type === type);
      return {
        ...(o ?? { type }),
        type,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: now,
        ...(o?.lastHeartbeatTime ? { lastHeartbeatTime: o.lastHeartbeatTime } : {}),
      };
    });
    const rest = old.filter((c) => !types.includes(c.type));
    const updated = ctx.update<N>({
      ...node,
      status: { ...node.status, conditions: [...conditions, ...rest] },
    });
    ctx.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    for (const pod of ctx.store.podsOnNode(node.metadata.name)) markPodNotReady(pod, ctx);
    return updated;
  }

  /** Keeps the set of not-Ready nodes; entering or leaving master disruption re-examines them all. */
  private trackReadiness(node: N, notReady: boolean, ctx: ControllerContext): void {
    const name = node.metadata.name;
    const changed = notReady !== this.notReady.has(name);
    if (notReady) this.notReady.add(name);
    else this.notReady.delete(name);
    if (!changed) return;
    const states = this.zoneStates(ctx);
    const all = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    if (all !== this.masterDisruption) {
      this.masterDisruption = all;
      for (const n of this.notReady) if (n !== name) ctx.enqueue(n);
    }
  }

  private zoneStates(ctx: ControllerContext): Map<string, ZoneState> {
    const counts = new Map<string, [number, number]>();
    for (const n of ctx.store.each<N>('Node')) {
      const z = zoneKey(n);
      const c = counts.get(z) ?? [0, 0];
      if (this.notReady.has(n.metadata.name)) c[1]++;
      else c[0]++;
      counts.set(z, c);
    }
    return new Map([...counts].map(([z, [r, nr]]) => [z, computeZoneState(r, nr)]));
  }

  /** The zone's NoExecute tainter: whether the rate limiter lets this node be tainted now. */
  private mayTaint(node: N, ctx: ControllerContext): boolean {
    if (this.masterDisruption) return false;
    const zone = zoneKey(node);
    const state = this.zoneStates(ctx).get(zone) ?? 'Normal';
    const size = ctx.store.count('Node');
    const qps =
      state === 'PartialDisruption'
        ? size > LARGE_CLUSTER_SIZE_THRESHOLD
          ? SECONDARY_NODE_EVICTION_RATE
          : 0
        : NODE_EVICTION_RATE;
    if (qps === 0) return false;
    const next = (this.lastTaintMs.get(zone) ?? -Infinity) + 1000 / qps;
    if (ctx.now < next) {
      ctx.enqueueAfter(next - ctx.now, node.metadata.name);
      return false;
    }
    this.lastTaintMs.set(zone, ctx.now);
    return true;
  }

  private taint(node: N, h: Health, ctx: ControllerContext): void {
    const ready = readyCondition(node)?.status;
    const wanted: Taint[] = [];
    const at = timestamp(ctx.now);
    const keep = (key: string, effect: 'NoExecute' | 'NoSchedule') => {
      const id = `${key}:${effect}`;
      const timeAdded = h.added.get(id) ?? at;
      h.added.set(id, timeAdded);
      wanted.push(effect === 'NoExecute' ? { key, effect, timeAdded } : { key, effect });
    };
    const key = ready === 'Unknown' ? TAINT_UNREACHABLE : ready === 'False' ? TAINT_NOT_READY : undefined;
    this.trackReadiness(node, key !== undefined, ctx);
    if (key) {
      const had = (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === 'NoExecute');
      if (had || h.added.has(`${key}:NoExecute`) ? !this.masterDisruption : this.mayTaint(node, ctx))
        keep(key, 'NoExecute');
      keep(key, 'NoSchedule');
    }
    if (node.spec?.unschedulable) keep(TAINT_UNSCHEDULABLE, 'NoSchedule');
    const wantedIds = new Set(wanted.map((t) => `${t.key}:${t.effect}`));
    for (const id of [...h.added.keys()]) if (!wantedIds.has(id)) h.added.delete(id);
    const others = (node.spec?.taints ?? []).filter((t) => !MANAGED.has(t.key));
    const taints = [...others, ...wanted];
    const before = node.spec?.taints ?? [];
    if (JSON.stringify(before) === JSON.stringify(taints)) return;
    const spec = { ...node.spec };
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    ctx.update({ ...node, spec });
  }
}

function readyCondition(node: N): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** MarkPodsNotReady (pkg/controller/util/node): the pod's Ready condition becomes False, with an event. */
function markPodNotReady(pod: P, ctx: ControllerContext): void {
  const conditions = pod.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'False') return;
  const at = timestamp(ctx.now);
  const next = conditions.map((c) =>
    c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: at } : c,
  );
  ctx.update({ ...pod, status: { ...pod.status, conditions: next } });
  ctx.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
}
