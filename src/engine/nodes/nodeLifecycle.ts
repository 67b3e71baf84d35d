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
 * Checks are event-driven: one pending check per node at the first monitor tick after its grace ends.
 * Not modeled: the per-zone eviction rate limits (taints are applied at once).
 */
import { timestamp } from '../api/time';
import type { KubeObject, Node, NodeCondition, Pod, Taint } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from './taints';

type N = Node & KubeObject;
type P = Pod & KubeObject;

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

const MANAGED = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE]);

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
    if (ready === 'Unknown') {
      keep(TAINT_UNREACHABLE, 'NoExecute');
      keep(TAINT_UNREACHABLE, 'NoSchedule');
    } else if (ready === 'False') {
      keep(TAINT_NOT_READY, 'NoExecute');
      keep(TAINT_NOT_READY, 'NoSchedule');
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
