/**
 * kube-scheduler as a component (`default-scheduler`): watches pods and nodes, keeps its NodeInfo cache
 * incrementally, runs one cycle per queued pod and binds by setting spec.nodeName, with upstream's events
 * (Scheduled, FailedScheduling, Preempted) and status (PodScheduled, nominatedNodeName).
 */
import { keyOf } from '../api/meta';
import type { KubeObject, Pod, PodCondition, PodDisruptionBudget } from '../api/types';
import type { WatchEvent } from '../core/changes';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { fitErrorMessage, schedulePod, type CycleResult } from './framework/cycle';
import { Snapshot } from './framework/nodeInfo';
import { preempt } from './plugins/defaultpreemption/defaultPreemption';
import {
  checkBindings,
  DEFAULT_BIND_TIMEOUT_SECONDS,
  volumeBindingPreBind,
  type PendingBindings,
  type VolumeBindingPlugin,
} from './plugins/volumebinding/volumeBinding';
import { defaultProfile, parseSchedulerConfiguration, type Profile } from './profile';
import { MAX_IN_UNSCHEDULABLE_MS, SchedulingQueue, type QueuedPod } from './queue';

const CYCLE = 'cycle';
const FLUSH = 'flush';
const PREBIND = 'prebind';

/**
 * A pod in its binding cycle, held in VolumeBinding's PreBind (BindPodVolumes) until the PV controller has
 * bound its claims: assumed on its node in the snapshot meanwhile, as kube-scheduler's cache assumes it.
 */
interface WaitingPod {
  q: QueuedPod;
  node: string;
  pending: PendingBindings;
  deadline: number;
}

const POD_DELETE_PLUGINS = new Set([
  'NodeResourcesFit',
  'NodePorts',
  'InterPodAffinity',
  'PodTopologySpread',
  'VolumeRestrictions',
]);
const POD_ADD_PLUGINS = new Set(['InterPodAffinity', 'PodTopologySpread']);
const VOLUME_PLUGINS = new Set(['VolumeBinding', 'VolumeZone', 'VolumeRestrictions']);

export interface SchedulerOptions {
  /** A KubeSchedulerConfiguration object; a configuration in the store takes over when one appears. */
  configuration?: KubeObject;
}

export class Scheduler implements Controller {
  readonly name = 'default-scheduler';
  private snapshot!: Snapshot;
  private profiles: Map<string, Profile>;
  private readonly queue = new SchedulingQueue();
  private nextStartNodeIndex = 0;
  private enqueue: (key: string) => void = () => undefined;
  private readonly waiting = new Map<string, WaitingPod>();

  constructor(options: SchedulerOptions = {}) {
    this.profiles = options.configuration
      ? parseSchedulerConfiguration(options.configuration)
      : new Map([['default-scheduler', defaultProfile()]]);
  }

  /** The scheduler's live snapshot (read-only use: explanations of the current state). */
  get cache(): Snapshot {
    return this.snapshot;
  }

  /** The profile for a schedulerName, if this scheduler serves it. */
  profile(schedulerName = 'default-scheduler'): Profile | undefined {
    return this.profiles.get(schedulerName);
  }

  /** Keys of pods waiting after a failed attempt. */
  pendingPods(): string[] {
    return this.queue.pending();
  }

  setup(s: ControllerSetup): void {
    this.snapshot = Snapshot.fromStore(s.store);
    this.enqueue = s.enqueue;
    for (const p of s.store.each<Pod & KubeObject>('Pod')) this.consider(p);
    for (const c of s.store.each('KubeSchedulerConfiguration'))
      this.profiles = parseSchedulerConfiguration(c);
    s.watch('Node', (e) => this.onNode(e));
    s.watch('Pod', (e) => this.onPod(e));
    for (const kind of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'])
      s.watch(kind, () => {
        this.moved((p) => VOLUME_PLUGINS.has(p));
        if (this.waiting.size > 0) s.enqueue(PREBIND);
      });
    s.watch('KubeSchedulerConfiguration', (e) => {
      if (e.type !== 'DELETED') this.profiles = parseSchedulerConfiguration(e.object);
      else this.profiles = new Map([['default-scheduler', defaultProfile()]]);
    });
    if (this.queue.activeSize) s.enqueue(CYCLE);
  }

  private wanted(p: Pod & KubeObject): boolean {
    if (p.spec?.nodeName || p.metadata.deletionTimestamp) return false;
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return false;
    if ((p.spec?.schedulingGates ?? []).length > 0) return false;
    return this.profiles.has(p.spec?.schedulerName ?? 'default-scheduler');
  }

  private consider(p: Pod & KubeObject): boolean {
    if (!this.wanted(p) || this.waiting.has(keyOf(p))) return false;
    this.queue.add(keyOf(p), p.spec?.priority ?? 0);
    return true;
  }

  private onNode(e: WatchEvent): void {
    if (e.type === 'DELETED') this.snapshot.removeNode(e.object.metadata.name);
    else this.snapshot.upsertNode(e.object as never);
    if (e.type !== 'DELETED') this.moved(() => true);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod & KubeObject;
    const key = keyOf(pod);
    if (e.type === 'DELETED') {
      this.queue.delete(key);
      this.waiting.delete(key);
      const wasAssigned = this.snapshot.nodeOfPod(key) !== undefined;
      this.snapshot.removePod(key);
      if (wasAssigned) this.moved((p) => POD_DELETE_PLUGINS.has(p));
      return;
    }
    const old = e.old as (Pod & KubeObject) | undefined;
    // A pod in its binding cycle stays assumed until it is bound or its binding fails.
    if (!pod.spec?.nodeName && this.waiting.has(key)) return;
    if (pod.spec?.nodeName) {
      this.queue.delete(key);
      this.waiting.delete(key);
      this.snapshot.upsertPod(pod, old);
      if (!old?.spec?.nodeName) this.moved((p) => POD_ADD_PLUGINS.has(p));
      return;
    }
    if (pod.status?.nominatedNodeName || this.snapshot.nominatedNodeOfPod(key) !== undefined)
      this.snapshot.upsertPod(pod, old);
    if (!this.wanted(pod)) {
      this.queue.delete(key);
      return;
    }
    if (old && old.spec !== pod.spec && this.queue.has(key)) {
      // The pod itself changed (PodUpdate): it may fit now.
      this.moved(
        () => true,
        (q) => q.key === key,
      );
    }
    if (this.consider(pod)) this.enqueue(CYCLE);
  }

  /** Moves unschedulable pods on a cluster event; schedules a cycle now or when backoff ends. */
  private moved(interested: (plugin: string) => boolean, only?: (q: QueuedPod) => boolean): void {
    const wake = this.queue.move(this.nowMs, interested, only);
    if (wake !== undefined) this.pendingWake = Math.min(this.pendingWake ?? Infinity, wake);
    if (this.queue.activeSize || wake !== undefined) this.enqueue(CYCLE);
  }

  private nowMs = 0;
  private pendingWake: number | undefined;

  sync(key: string, ctx: ControllerContext): void {
    this.nowMs = ctx.now;
    this.queue.flush(ctx.now);
    if (key === PREBIND) this.checkWaiting(ctx);
    if (key === FLUSH || key === CYCLE) {
      for (let q = this.queue.pop(); q; q = this.queue.pop()) this.scheduleOne(q, ctx);
    }
    if (this.pendingWake !== undefined) {
      ctx.enqueueAfter(this.pendingWake - ctx.now, CYCLE);
      this.pendingWake = undefined;
    }
  }

  private scheduleOne(q: QueuedPod, ctx: ControllerContext): void {
    const pod = ctx.store.getByKey<Pod & KubeObject>(q.key);
    if (!pod || !this.wanted(pod)) return;
    const profile = this.profiles.get(pod.spec?.schedulerName ?? 'default-scheduler') as Profile;
    const r = schedulePod(profile, this.snapshot, pod, ctx.rng, { startIndex: this.nextStartNodeIndex });
    if (this.snapshot.nodes.length)
      this.nextStartNodeIndex = (this.nextStartNodeIndex + r.processed) % this.snapshot.nodes.length;
    if (!r.selected) return this.fail(pod, q, profile, r, ctx);
    // Reserve and PreBind of VolumeBinding: PV claimRefs and selected-node annotations; then PreBind waits
    // (BindPodVolumes) for the PV controller to bind the claims before Bind.
    const plan = volumeBindingPreBind(r.state, r.selected);
    if (!plan.pending) return this.bind(pod, r.selected.name, ctx);
    const node = r.selected.name;
    this.snapshot.upsertPod({
      ...pod,
      spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
    });
    const plugin = profile.filter.find((p) => p.name === 'VolumeBinding') as VolumeBindingPlugin | undefined;
    const timeoutMs = (plugin?.bindTimeoutSeconds ?? DEFAULT_BIND_TIMEOUT_SECONDS) * 1000;
    this.waiting.set(q.key, { q, node, pending: plan.pending, deadline: ctx.now + timeoutMs });
    for (const o of plan.writes) ctx.update(o);
    ctx.enqueueAfter(timeoutMs, PREBIND);
    this.checkWaiting(ctx);
  }

  /**
   * BindPodVolumes' poll (checkBindings) for every pod held in PreBind: bound claims let the pod be bound; an
   * error, or the bind timeout, fails its binding cycle as upstream words it.
   */
  private checkWaiting(ctx: ControllerContext): void {
    for (const [key, w] of [...this.waiting]) {
      const verdict = checkBindings(ctx.store, key, w.node, w.pending);
      if (verdict === false && ctx.now < w.deadline) continue;
      this.waiting.delete(key);
      const pod = ctx.store.getByKey<Pod & KubeObject>(key);
      if (!pod || pod.spec?.nodeName) continue;
      if (verdict === true) {
        this.bind(pod, w.node, ctx);
        continue;
      }
      // ForgetPod, then handleSchedulingFailure with the PreBind error: the pod waits out its backoff.
      this.snapshot.upsertPod(pod);
      const err = verdict === false ? 'context deadline exceeded' : verdict;
      this.bindingFailed(pod, w.q, `running PreBind plugin "VolumeBinding": binding volumes: ${err}`, ctx);
    }
  }

  /** handleSchedulingFailure for an error of the binding cycle (reason SchedulerError, back-off queue). */
  private bindingFailed(pod: Pod & KubeObject, q: QueuedPod, message: string, ctx: ControllerContext): void {
    ctx.event(pod, 'Warning', 'FailedScheduling', message);
    const conditions = withCondition(pod, {
      type: 'PodScheduled',
      status: 'False',
      reason: 'SchedulerError',
      message,
    });
    this.queue.addBackoff(q, ctx.now);
    ctx.update({ ...pod, status: { ...pod.status, conditions } });
    ctx.enqueueAfter(q.backoffUntil - ctx.now, CYCLE);
  }

  private bind(pod: Pod & KubeObject, node: string, ctx: ControllerContext): void {
    const conditions = withCondition(pod, { type: 'PodScheduled', status: 'True' });
    ctx.update({
      ...pod,
      spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: node },
      status: { ...pod.status, conditions },
    });
    ctx.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${node}`,
    );
  }

  private fail(
    pod: Pod & KubeObject,
    q: QueuedPod,
    profile: Profile,
    r: CycleResult,
    ctx: ControllerContext,
  ): void {
    const pdbs = profile.preemption
      ? ctx.store.list<PodDisruptionBudget & KubeObject>('PodDisruptionBudget')
      : [];
    const post = profile.preemption && r.numAllNodes > 0 ? preempt(profile, r, pdbs, ctx.rng) : undefined;
    const message = fitErrorMessage(r.numAllNodes, r, post?.message ?? '');
    ctx.event(pod, 'Warning', 'FailedScheduling', message);
    let status = {
      ...pod.status,
      conditions: withCondition(pod, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
      }),
    };
    if (post?.candidate) {
      const node = post.candidate.node.name;
      for (const v of post.candidate.victims) {
        ctx.event(v.pod, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid ?? ''} on node ${node}`);
        ctx.delete(v.pod);
      }
      status = { ...status, nominatedNodeName: node };
      this.clearLowerPriorityNominations(pod, node, ctx);
    }
    const plugins = new Set<string>();
    if (r.preFilterStatus?.plugin) plugins.add(r.preFilterStatus.plugin);
    for (const s of r.statuses.values()) if (s.plugin) plugins.add(s.plugin);
    const fresh = ctx.store.getByKey<Pod & KubeObject>(q.key);
    this.queue.addUnschedulable(q, ctx.now, post?.candidate ? new Set() : plugins);
    if (fresh && JSON.stringify(fresh.status) !== JSON.stringify(status)) ctx.update({ ...fresh, status });
    ctx.enqueueAfter(MAX_IN_UNSCHEDULABLE_MS, FLUSH);
    if (post?.candidate) ctx.enqueueAfter(q.backoffUntil - ctx.now, CYCLE);
  }

  /**
   * prepareCandidate's getLowerPriorityNominatedPods and ClearNominatedNodeName: pods of lower priority
   * nominated to the node the preemptor now takes lose their nomination and are considered afresh.
   */
  private clearLowerPriorityNominations(
    preemptor: Pod & KubeObject,
    node: string,
    ctx: ControllerContext,
  ): void {
    const priority = preemptor.spec?.priority ?? 0;
    for (const info of [...this.snapshot.nominatedPodsFor(node)]) {
      if (info.priority >= priority || info.key === keyOf(preemptor)) continue;
      const p = ctx.store.getByKey<Pod & KubeObject>(info.key);
      if (!p?.status?.nominatedNodeName) continue;
      const { nominatedNodeName: _n, ...rest } = p.status;
      ctx.update({ ...p, status: rest });
    }
  }
}

function withCondition(pod: Pod, c: PodCondition): PodCondition[] {
  const rest = (pod.status?.conditions ?? []).filter((x) => x.type !== 'PodScheduled');
  const { lastTransitionTime: _t, ...clean } = c;
  return [...rest, clean];
}
