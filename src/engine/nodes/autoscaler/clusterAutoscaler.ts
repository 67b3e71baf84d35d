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
import { keyOf } from '../../api/meta';
import { formatMilliCpu } from '../../api/quantity';
import { timestamp } from '../../api/time';
import type { KubeObject, Node, Pod } from '../../api/types';
import type { WatchEvent } from '../../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import type { ReadonlyStore } from '../../core/objectStore';
import { randomSuffix } from '../../core/names';
import { podRequests } from '../../core/resources';
import { ScaleDown } from './scaleDown';
import { estimate, filterOutSchedulable, fitsServerless } from './scaleUp';

export { SCALE_DOWN_UNNEEDED_MS, SCALE_DOWN_UTILIZATION_THRESHOLD, TO_BE_DELETED_TAINT } from './scaleDown';
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

/** --scan-interval: how often the autoscaler runs its loop. */
export const SCAN_INTERVAL_MS = 10_000;
/** --scale-down-delay-after-add: no scale-down this long after a scale-up. */
export const SCALE_DOWN_DELAY_AFTER_ADD_MS = 10 * 60_000;

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
  private readonly down = new ScaleDown();
  private lastScaleUpMs = -Infinity;
  private looping = false;

  setup(s: ControllerSetup): void {
    for (const g of s.store.each(NODE_GROUP_KIND)) this.addGroup(g, s.enqueue, s.store);
    s.watch(NODE_GROUP_KIND, (e) => {
      if (e.type === 'DELETED') this.groups.delete(keyOf(e.object));
      else this.addGroup(e.object, s.enqueue, s.store);
    });
    s.watch('Pod', (e) => this.onPod(e, s.enqueue));
    s.watch('Node', (e) => {
      const n = e.object as N;
      if (e.type === 'DELETED') return;
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      if (ready && this.upcoming.get(n.metadata.name)?.podKey) s.enqueue(`bind/${n.metadata.name}`);
    });
  }

  private addGroup(g: KubeObject, enqueue: (k: string) => void, store?: ReadonlyStore): void {
    const key = keyOf(g);
    if (this.groups.size === 0 && store) for (const p of store.each<P>('Pod')) this.trackPod(p);
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
    // Without node groups there is nothing to scale: the index is rebuilt when the first group appears.
    if (this.groups.size === 0) return;
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
      this.nodesOf(g, ctx).filter((n) => !this.down.deleting.has(n.metadata.name)).length +
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
    for (const g of groups) this.writeStatus(g, ctx);
    ctx.enqueueAfter(SCAN_INTERVAL_MS, 'loop');
  }

  /** status: targetSize, readyNodes, and the nodes still booting (for the canvas to draw). */
  private writeStatus(g: NodeGroup, ctx: ControllerContext): void {
    const nodes = this.nodesOf(g, ctx);
    const status = {
      targetSize: this.size(g, ctx),
      readyNodes: nodes.filter((n) =>
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ).length,
      upcomingNodes: this.upcomingOf(g).map((name) => ({
        name,
        readyAt: timestamp(this.upcoming.get(name)?.readyAtMs ?? ctx.now),
      })),
    };
    if (JSON.stringify(g.status) !== JSON.stringify(status)) ctx.update({ ...g, status });
  }

  /** A new group boots minSize nodes, as a cloud's autoscaling group keeps its minimum. */
  private ensureMin(groupKey: string, ctx: ControllerContext): void {
    const g = ctx.store.getByKey<NodeGroup>(groupKey);
    if (!g || g.spec?.serverless) return;
    const missing = bounds(g).min - this.size(g, ctx);
    for (let i = 0; i < missing; i++) this.startNode(g, ctx);
    this.writeStatus(g, ctx);
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
    this.writeStatus(g, ctx);
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

  private scaleUp(groups: NodeGroup[], ctx: ControllerContext): void {
    const pending = filterOutSchedulable(this.pendingPods(ctx), groups, (g) => this.upcomingOf(g), ctx);
    if (pending.length === 0) return;
    const regular = groups.filter((g) => !g.spec?.serverless);
    const plans = regular.map((g) => ({
      g,
      ...estimate(g, pending, this.upcomingOf(g), this.size(g, ctx), ctx),
    }));
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
      const vm = serverless.find((g) => bounds(g).max > this.size(g, ctx) && fitsServerless(g, p, ctx));
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

  private scaleDown(groups: NodeGroup[], ctx: ControllerContext): void {
    this.down.run(
      groups,
      ctx,
      (g) => this.nodesOf(g, ctx),
      (g) => this.size(g, ctx),
      ctx.now - this.lastScaleUpMs < SCALE_DOWN_DELAY_AFTER_ADD_MS,
    );
  }

  private finishDeletions(ctx: ControllerContext): void {
    this.down.finishDeletions(ctx);
  }
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
