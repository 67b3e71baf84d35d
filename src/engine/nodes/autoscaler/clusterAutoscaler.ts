/**
 * The cluster autoscaler (kubernetes/autoscaler cluster-autoscaler, default flags), for NodeGroup objects
 * (nodeGroup.ts). Every --scan-interval (10 s), while any NodeGroup exists:
 * - scale-up: pods the scheduler marked unschedulable are packed (binpacking estimator) onto template nodes
 *   of each group, simulated with the scheduler's own filters; one group is chosen (expander `random`) and
 *   grows, within maxSize; its nodes register after bootSeconds, and the scheduler places the pods once
 *   they are Ready. Events: TriggeredScaleUp, NotTriggerScaleUp.
 * - scale-down: a node of a group above minSize whose requests are below 50% of allocatable
 *   (--scale-down-utilization-threshold) and whose pods can all move to other nodes is unneeded; after
 *   10 min unneeded (--scale-down-unneeded-time), and not within 10 min of a scale-up
 *   (--scale-down-delay-after-add), it is tainted ToBeDeletedByClusterAutoscaler, drained and deleted
 *   (empty nodes up to 10 at once, one non-empty node at a time). Events: ScaleDown, ScaleDownEmpty.
 * - serverless groups give each pending pod its own VM, sized to its requests and bound to it when Ready
 *   (as a virtual-kubelet or Fargate profile does); the VM goes when its pod ends.
 */
import { Prng } from '../../../lib';
import { keyOf } from '../../api/meta';
import { formatMilliCpu } from '../../api/quantity';
import { timestamp } from '../../api/time';
import type { KubeObject, Node, Pod, PodDisruptionBudget } from '../../api/types';
import type { WatchEvent } from '../../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { randomSuffix } from '../../core/names';
import { podRequests } from '../../core/resources';
import { defaultProfile, schedulePod, Snapshot } from '../../scheduler';
import { labelSelectorAsSelector } from '../../api/labels';
import { blockingReason, podsToMove, SCALE_DOWN_DISABLED, utilization } from './drain';
import {
  bounds,
  DEFAULT_BOOT_SECONDS,
  NODE_GROUP_KIND,
  NODE_GROUP_LABEL,
  SERVERLESS_KEY,
  templateNode,
  type NodeGroup,
} from './nodeGroup';

type P = Pod & KubeObject;
type N = Node & KubeObject;
type PDB = PodDisruptionBudget & KubeObject;

export const SCAN_INTERVAL_MS = 10_000;
export const SCALE_DOWN_UNNEEDED_MS = 10 * 60_000;
export const SCALE_DOWN_DELAY_AFTER_ADD_MS = 10 * 60_000;
export const SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
const MAX_EMPTY_BULK_DELETE = 10;

interface Upcoming {
  group: string;
  readyAtMs: number;
  /** For a serverless VM: the pod it is made for. */
  podKey?: string;
}

/** The cluster autoscaler (`cluster-autoscaler`). */
export class ClusterAutoscaler implements Controller {
  readonly name = 'cluster-autoscaler';
  private readonly unschedulable = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly upcoming = new Map<string, Upcoming>();
  private readonly unneeded = new Map<string, number>();
  private readonly deleting = new Set<string>();
  private lastScaleUpMs = -Infinity;
  private looping = false;

  setup(s: ControllerSetup): void {
    for (const g of s.store.each(NODE_GROUP_KIND)) this.addGroup(g, s.enqueue);
    for (const p of s.store.each<P>('Pod')) this.trackPod(p);
    s.watch(NODE_GROUP_KIND, (e) => {
      if (e.type === 'DELETED') this.groups.delete(keyOf(e.object));
      else this.addGroup(e.object, s.enqueue);
    });
    s.watch('Pod', (e) => this.onPod(e, s.enqueue));
    s.watch('Node', (e) => {
      const n = e.object as N;
      if (e.type === 'DELETED') return;
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      if (ready && this.upcoming.get(n.metadata.name)?.podKey) s.enqueue(`bind/${n.metadata.name}`);
    });
  }

  private addGroup(g: KubeObject, enqueue: (k: string) => void): void {
    const key = keyOf(g);
    if (!this.groups.has(key)) enqueue(`init/${key}`);
    this.groups.add(key);
    if (!this.looping) {
      this.looping = true;
      enqueue('loop');
    }
  }

  private trackPod(p: P): void {
    const key = keyOf(p);
    const c = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    if (
      !p.spec?.nodeName &&
      !p.metadata.deletionTimestamp &&
      c?.status === 'False' &&
      c.reason === 'Unschedulable'
    )
      this.unschedulable.add(key);
    else this.unschedulable.delete(key);
  }

  private onPod(e: WatchEvent, enqueue: (k: string) => void): void {
    const p = e.object as P;
    if (e.type === 'DELETED') this.unschedulable.delete(keyOf(p));
    else this.trackPod(p);
    const node = p.spec?.nodeName;
    const ended = e.type === 'DELETED' || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    if (node && ended) enqueue(`gone/${node}`);
  }

  sync(key: string, ctx: ControllerContext): void {
    const slash = key.indexOf('/');
    const verb = slash < 0 ? key : key.slice(0, slash);
    const arg = key.slice(slash + 1);
    if (verb === 'loop') return this.loop(ctx);
    if (verb === 'init') return this.ensureMin(arg, ctx);
    if (verb === 'boot') return this.boot(arg, ctx);
    if (verb === 'bind') return this.bindServerless(arg, ctx);
    if (verb === 'gone') return this.serverlessGone(arg, ctx);
  }

  private groupList(ctx: ControllerContext): NodeGroup[] {
    return [...this.groups].map((k) => ctx.store.getByKey<NodeGroup>(k)).filter((g): g is NodeGroup => !!g);
  }

  private nodesOf(g: NodeGroup, ctx: ControllerContext): N[] {
    return ctx.store.list<N>('Node').filter((n) => n.metadata.labels?.[NODE_GROUP_LABEL] === g.metadata.name);
  }

  private upcomingOf(g: NodeGroup): string[] {
    return [...this.upcoming].filter(([, u]) => u.group === g.metadata.name).map(([n]) => n);
  }

  private size(g: NodeGroup, ctx: ControllerContext): number {
    return (
      this.nodesOf(g, ctx).filter((n) => !this.deleting.has(n.metadata.name)).length +
      this.upcomingOf(g).length
    );
  }

  private loop(ctx: ControllerContext): void {
    const groups = this.groupList(ctx);
    if (groups.length === 0) {
      this.looping = false;
      return;
    }
    this.scaleUp(groups, ctx);
    this.scaleDown(groups, ctx);
    this.finishDeletions(ctx);
    ctx.enqueueAfter(SCAN_INTERVAL_MS, 'loop');
  }

  /** A new group boots minSize nodes, as a cloud's autoscaling group keeps its minimum. */
  private ensureMin(groupKey: string, ctx: ControllerContext): void {
    const g = ctx.store.getByKey<NodeGroup>(groupKey);
    if (!g || g.spec?.serverless) return;
    const missing = bounds(g).min - this.size(g, ctx);
    for (let i = 0; i < missing; i++) this.startNode(g, ctx);
  }

  private startNode(g: NodeGroup, ctx: ControllerContext, podKey?: string): string {
    let name = `${g.metadata.name}-${randomSuffix(ctx.rng)}`;
    while (this.upcoming.has(name) || ctx.store.get('Node', undefined, name))
      name = `${g.metadata.name}-${randomSuffix(ctx.rng)}`;
    const bootMs = (g.spec?.bootSeconds ?? DEFAULT_BOOT_SECONDS) * 1000;
    this.upcoming.set(name, {
      group: g.metadata.name,
      readyAtMs: ctx.now + bootMs,
      ...(podKey ? { podKey } : {}),
    });
    ctx.enqueueAfter(bootMs, `boot/${keyOf(g)}|${name}`);
    return name;
  }

  /** The VM has booted: its kubelet registers the Node. */
  private boot(arg: string, ctx: ControllerContext): void {
    const [groupKey, name] = arg.split('|') as [string, string];
    const g = ctx.store.getByKey<NodeGroup>(groupKey);
    const up = this.upcoming.get(name);
    if (!g || !up) return;
    let capacity: Record<string, string> | undefined;
    if (up.podKey) {
      const pod = ctx.store.getByKey<P>(up.podKey);
      if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
        this.upcoming.delete(name);
        return;
      }
      capacity = vmFor(pod);
    }
    if (!up.podKey) this.upcoming.delete(name);
    ctx.create(templateNode(g, name, capacity));
  }

  private bindServerless(name: string, ctx: ControllerContext): void {
    const up = this.upcoming.get(name);
    if (!up?.podKey) return;
    this.upcoming.delete(name);
    const pod = ctx.store.getByKey<P>(up.podKey);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return this.serverlessGone(name, ctx);
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastTransitionTime: timestamp(ctx.now) },
    ];
    ctx.update({ ...pod, spec: { ...pod.spec!, nodeName: name }, status: { ...pod.status, conditions } });
    ctx.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${name}`,
    );
  }

  /** A serverless VM whose pod has ended goes away. */
  private serverlessGone(name: string, ctx: ControllerContext): void {
    const node = ctx.store.get<N>('Node', undefined, name);
    if (!node || node.metadata.labels?.[SERVERLESS_KEY] !== 'true' || this.upcoming.has(name)) return;
    const live = ctx.store
      .podsOnNode(name)
      .some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    if (live) return;
    ctx.event(node, 'Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${name}"`);
    ctx.delete(node);
  }

  // ---- scale-up ----

  private pendingPods(ctx: ControllerContext): P[] {
    const out: P[] = [];
    for (const k of this.unschedulable) {
      const p = ctx.store.getByKey<P>(k);
      if (
        p &&
        !p.spec?.nodeName &&
        !p.status?.nominatedNodeName &&
        ![...this.upcoming.values()].some((u) => u.podKey === k)
      )
        out.push(p);
    }
    const size = (p: P) => {
      const r = podRequests(p);
      return r.milliCpu * 1e6 + r.memoryBytes / 1e3;
    };
    return out.sort((a, b) => size(b) - size(a) || (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  /**
   * filterOutSchedulable: pods that fit on the nodes the cluster has now (or that are booting) are left to
   * the scheduler; only the rest can trigger a scale-up.
   */
  private filterOutSchedulable(pods: P[], groups: NodeGroup[], ctx: ControllerContext): P[] {
    if (pods.length === 0) return pods;
    const snap = Snapshot.fromStore(ctx.store);
    for (const g of groups)
      if (!g.spec?.serverless) for (const n of this.upcomingOf(g)) snap.upsertNode(templateNode(g, n));
    const profile = defaultProfile();
    const rng = new Prng(1);
    const out: P[] = [];
    for (const p of pods) {
      const r = schedulePod(profile, snap, p, rng);
      if (r.selected) snap.upsertPod({ ...p, spec: { ...p.spec!, nodeName: r.selected.name } });
      else out.push(p);
    }
    return out;
  }

  private scaleUp(groups: NodeGroup[], ctx: ControllerContext): void {
    const pending = this.filterOutSchedulable(this.pendingPods(ctx), groups, ctx);
    if (pending.length === 0) return;
    const regular = groups.filter((g) => !g.spec?.serverless);
    const plans = regular.map((g) => ({ g, ...this.estimate(g, pending, ctx) }));
    const helpedSomewhere = new Set<string>();
    for (const p of plans) for (const k of p.onUpcoming) helpedSomewhere.add(k);
    const options = plans.filter((p) => p.newNodes > 0);
    if (options.length) {
      const chosen = options[ctx.rng.int(options.length)]!;
      const before = this.size(chosen.g, ctx);
      for (let i = 0; i < chosen.newNodes; i++) this.startNode(chosen.g, ctx);
      this.lastScaleUpMs = ctx.now;
      const info = `[{${chosen.g.metadata.name} ${before}->${before + chosen.newNodes} (max: ${bounds(chosen.g).max})}]`;
      for (const p of pending)
        if (chosen.helped.has(keyOf(p))) {
          helpedSomewhere.add(keyOf(p));
          ctx.event(p, 'Normal', 'TriggeredScaleUp', `pod triggered scale-up: ${info}`);
        }
    }
    const serverless = groups.filter((g) => g.spec?.serverless);
    for (const p of pending) {
      if (helpedSomewhere.has(keyOf(p))) continue;
      const vm = serverless.find((g) => this.fitsServerless(g, p, ctx));
      if (vm) {
        const before = this.size(vm, ctx);
        this.startNode(vm, ctx, keyOf(p));
        this.lastScaleUpMs = ctx.now;
        ctx.event(
          p,
          'Normal',
          'TriggeredScaleUp',
          `pod triggered scale-up: [{${vm.metadata.name} ${before}->${before + 1} (max: ${bounds(vm).max})}]`,
        );
        continue;
      }
      const reasons = new Map<string, number>();
      for (const plan of plans) {
        const r = plan.reasons.get(keyOf(p));
        if (r) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      const text = [...reasons]
        .map(([r, n]) => `${n} ${r}`)
        .sort()
        .join(', ');
      if (text) ctx.event(p, 'Normal', 'NotTriggerScaleUp', `pod didn't trigger scale-up: ${text}`);
    }
  }

  /**
   * The binpacking estimator for one group: pods go first onto the group's booting nodes, then onto as
   * many new template nodes as needed, within maxSize.
   */
  private estimate(
    g: NodeGroup,
    pods: P[],
    ctx: ControllerContext,
  ): { newNodes: number; helped: Set<string>; onUpcoming: Set<string>; reasons: Map<string, string> } {
    const snap = new Snapshot(ctx.store);
    const profile = defaultProfile();
    const rng = new Prng(1);
    for (const name of this.upcomingOf(g)) snap.upsertNode(templateNode(g, name));
    const upcomingNames = new Set(this.upcomingOf(g));
    const room = bounds(g).max - this.size(g, ctx);
    let newNodes = 0;
    const helped = new Set<string>();
    const onUpcoming = new Set<string>();
    const reasons = new Map<string, string>();
    for (const pod of pods) {
      let r = schedulePod(profile, snap, pod, rng);
      if (!r.selected && newNodes < room) {
        const name = `template-node-for-${g.metadata.name}-${newNodes}`;
        snap.upsertNode(templateNode(g, name));
        r = schedulePod(profile, snap, pod, rng);
        if (r.selected?.name === name) newNodes++;
        else {
          const s = r.statuses.get(name);
          reasons.set(keyOf(pod), s?.reasons[0] ?? 'node(s) did not fit');
          snap.removeNode(name);
          continue;
        }
      } else if (!r.selected) {
        reasons.set(keyOf(pod), 'max node group size reached');
        continue;
      }
      const node = r.selected!.name;
      snap.upsertPod({ ...pod, spec: { ...pod.spec!, nodeName: node } });
      if (upcomingNames.has(node)) onUpcoming.add(keyOf(pod));
      else helped.add(keyOf(pod));
    }
    return { newNodes, helped, onUpcoming, reasons };
  }

  private fitsServerless(g: NodeGroup, pod: P, ctx: ControllerContext): boolean {
    if (bounds(g).max <= this.size(g, ctx)) return false;
    const snap = new Snapshot(ctx.store);
    const node = templateNode(g, 'template-serverless');
    // The VM is made for the pod: its own taint does not apply to it.
    node.spec = { ...node.spec, taints: (node.spec?.taints ?? []).filter((t) => t.key !== SERVERLESS_KEY) };
    snap.upsertNode(node);
    return schedulePod(defaultProfile(), snap, pod, new Prng(1)).selected !== undefined;
  }

  // ---- scale-down ----

  /** Unneeded nodes are tracked on every loop; removal waits for --scale-down-delay-after-add. */
  private scaleDown(groups: NodeGroup[], ctx: ControllerContext): void {
    const coolingDown = ctx.now - this.lastScaleUpMs < SCALE_DOWN_DELAY_AFTER_ADD_MS;
    let snap: Snapshot | undefined;
    const ready: Array<{ node: N; empty: boolean }> = [];
    const seen = new Set<string>();
    for (const g of groups) {
      if (g.spec?.serverless) continue;
      let room = this.size(g, ctx) - bounds(g).min;
      for (const node of this.nodesOf(g, ctx)) {
        const name = node.metadata.name;
        seen.add(name);
        if (this.deleting.has(name)) continue;
        snap ??= Snapshot.fromStore(ctx.store);
        if (room <= 0 || !this.isUnneeded(node, snap, ctx)) {
          this.unneeded.delete(name);
          continue;
        }
        const since = this.unneeded.get(name) ?? ctx.now;
        this.unneeded.set(name, since);
        if (!coolingDown && ctx.now - since >= SCALE_DOWN_UNNEEDED_MS) {
          ready.push({ node, empty: podsToMove(name, ctx.store).length === 0 });
          room--;
        }
      }
    }
    for (const name of [...this.unneeded.keys()]) if (!seen.has(name)) this.unneeded.delete(name);
    const empty = ready.filter((r) => r.empty).slice(0, MAX_EMPTY_BULK_DELETE);
    for (const r of empty) this.removeNode(r.node, true, ctx);
    const drain = ready.find((r) => !r.empty);
    if (empty.length === 0 && drain) this.removeNode(drain.node, false, ctx);
  }

  /** A node is unneeded when lightly used and its pods can all go elsewhere (simulated in `snap`). */
  private isUnneeded(node: N, snap: Snapshot, ctx: ControllerContext): boolean {
    const name = node.metadata.name;
    if (node.metadata.annotations?.[SCALE_DOWN_DISABLED] === 'true') return false;
    if (node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') return false;
    if (utilization(node, ctx.store) >= SCALE_DOWN_UTILIZATION_THRESHOLD) return false;
    const pods = podsToMove(name, ctx.store);
    if (pods.some((p) => blockingReason(p, ctx.store) !== undefined)) return false;
    const info = snap.byName.get(name);
    if (!info) return false;
    const saved = info.node;
    snap.upsertNode({ ...saved, spec: { ...saved.spec, unschedulable: true } });
    const profile = defaultProfile();
    const rng = new Prng(1);
    const placed: string[] = [];
    let ok = true;
    for (const p of pods) {
      const r = schedulePod(profile, snap, { ...p, spec: { ...p.spec!, nodeName: '' } } as P, rng);
      if (!r.selected || r.selected.name === name) {
        ok = false;
        break;
      }
      const moved = {
        ...p,
        metadata: { ...p.metadata, name: `${p.metadata.name}-moved` },
        spec: { ...p.spec!, nodeName: r.selected.name },
      };
      snap.upsertPod(moved);
      placed.push(keyOf(moved));
    }
    if (!ok) {
      for (const k of placed) snap.removePod(k);
      snap.upsertNode(saved);
    }
    return ok;
  }

  private removeNode(node: N, empty: boolean, ctx: ControllerContext): void {
    const name = node.metadata.name;
    this.unneeded.delete(name);
    this.deleting.add(name);
    const taint = {
      key: TO_BE_DELETED_TAINT,
      value: String(Math.floor(ctx.now / 1000)),
      effect: 'NoSchedule' as const,
    };
    const tainted = ctx.update<N>({
      ...node,
      spec: { ...node.spec, taints: [...(node.spec?.taints ?? []), taint] },
    });
    if (empty) {
      ctx.event(tainted, 'Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${name}"`);
      ctx.delete(tainted);
      this.deleting.delete(name);
      return;
    }
    ctx.event(tainted, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable');
    for (const p of podsToMove(name, ctx.store)) {
      if (!this.consumePdb(p, ctx)) continue;
      ctx.event(p, 'Normal', 'ScaleDown', 'deleting pod for node scale down');
      ctx.delete(p);
    }
  }

  /** The eviction API's PDB check: a Ready pod consumes one disruption of each PDB that selects it. */
  private consumePdb(p: P, ctx: ControllerContext): boolean {
    const pdbs = ctx.store
      .list<PDB>('PodDisruptionBudget', p.metadata.namespace)
      .filter((b) => labelSelectorAsSelector(b.spec?.selector).matches(p.metadata.labels));
    if (pdbs.some((b) => (b.status?.disruptionsAllowed ?? 0) < 1)) return false;
    for (const b of pdbs)
      ctx.update({
        ...b,
        status: { ...b.status!, disruptionsAllowed: (b.status?.disruptionsAllowed ?? 0) - 1 },
      });
    return true;
  }

  /** A drained node is deleted once the pods it had to move are gone. */
  private finishDeletions(ctx: ControllerContext): void {
    for (const name of [...this.deleting]) {
      const node = ctx.store.get<N>('Node', undefined, name);
      if (!node) {
        this.deleting.delete(name);
        continue;
      }
      const left = ctx.store.podsOnNode(name).filter((p) => !isGone(p) && controllerKind(p) !== 'DaemonSet');
      if (left.length > 0) continue;
      ctx.event(node, 'Normal', 'ScaleDown', `Scale-down: node ${name} removed with drain`);
      ctx.delete(node);
      this.deleting.delete(name);
    }
  }
}

function isGone(p: P): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function controllerKind(p: P): string | undefined {
  return p.metadata.ownerReferences?.find((r) => r.controller)?.kind;
}

/** A serverless VM's size: the pod's requests, at least 250m CPU and 512Mi, with room for one pod. */
function vmFor(pod: P): Record<string, string> {
  const r = podRequests(pod);
  return {
    cpu: formatMilliCpu(Math.max(250, r.milliCpu)),
    memory: String(Math.max(512 * 1024 * 1024, r.memoryBytes)),
    pods: '1',
  };
}
