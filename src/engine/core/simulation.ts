/**
 * The simulated control plane: one object store, one virtual clock, one event queue ordered by
 * (time, sequence), and the components (scheduler, controllers, kubelets, network) in a fixed order.
 *
 * Order guarantees, the whole contract of `step(until)`:
 * 1. Work that is due now runs first: every component drains its work queue, in registration order,
 *    again and again until no component has work (a change made by one is seen by the next at once).
 * 2. Then the clock jumps to the earliest timed entry (enqueueAfter), and all entries due at that
 *    moment are enqueued in the order they were scheduled; then 1 again.
 * 3. When the next entry lies beyond `until`, the clock stops at `until`.
 * The same objects, commands and seed therefore give the same event log on every run and machine.
 */
import { BinaryHeap, Prng } from '../../lib';
import { keyOf, objectKey } from '../api/meta';
import { isClusterScoped } from '../api/kinds';
import { timestamp } from '../api/time';
import type { KubeObject, Pod } from '../api/types';
import type { WatchEvent, WatchHandler } from './changes';
import type { Controller, ControllerContext, DeleteOptions, EventType } from './controller';
import { applyDefaults } from './defaults';
import { computePodQOS } from './qos';
import { checkInvariants } from './invariants';
import { ObjectStore, StoreError } from './objectStore';
import { EventRecorder } from './recorder';
import { WorkQueue } from './workQueue';
import { GarbageCollector } from './garbageCollector';
import { randomSuffix } from './names';

export interface SimulationOptions {
  /** Seed of all randomness (names, tie-breaks, traffic). Default 1. */
  seed?: number;
  /** Check invariants after every step, and freeze stored objects so accidental mutation throws. */
  debug?: boolean;
  /** Components in the order they run (the garbage collector always runs last). */
  controllers?: Controller[];
  /** Record Events (default true). */
  recordEvents?: boolean;
  /**
   * Admission plugins, run in order on every create (by users and by components), as the API server's
   * mutating admission chain runs (e.g. DefaultTolerationSeconds, ClusterIP allocation). Each returns the
   * object to store (the same one when it changes nothing) and may throw ApiError to refuse it.
   */
  admission?: AdmissionPlugin[];
  /** Checks of a user's update (kubectl apply of an existing object), run before it is stored. */
  updateChecks?: UpdateCheck[];
}

/**
 * The API server's check of an update (validation and validating admission): given the stored object and
 * the one that would replace it, throws ApiError to refuse.
 */
export type UpdateCheck = (old: KubeObject, updated: KubeObject, sim: Simulation) => void;

/** A mutating admission step on create: returns the object to store. */
export type AdmissionPlugin = (obj: KubeObject, sim: Simulation) => KubeObject;

interface Timed {
  at: number;
  seq: number;
  controller: number;
  key: string;
}

/** Namespaces every cluster starts with, as kubeadm creates them. */
const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** A write the API server refused, in its words (e.g. `deployments.apps "web" not found`). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'Forbidden' = 'Invalid',
  ) {
    super(message);
  }
}

export class Simulation {
  readonly store: ObjectStore;
  readonly rng: Prng;
  readonly seed: number;
  private clockMs = 0;
  private seq = 0;
  private readonly timed = new BinaryHeap<Timed>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private readonly controllers: Controller[] = [];
  private readonly queues: WorkQueue[] = [];
  private readonly contexts: ControllerContext[] = [];
  private readonly recorder: EventRecorder;
  private readonly authoredObjects = new Map<string, KubeObject>();
  private readonly debug: boolean;
  private readonly admission: AdmissionPlugin[];
  private readonly updateChecks: UpdateCheck[];

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 1;
    this.debug = options.debug ?? false;
    this.admission = options.admission ?? [];
    this.updateChecks = options.updateChecks ?? [];
    this.rng = new Prng(this.seed);
    this.store = new ObjectStore(
      () => this.clockMs,
      (this.seed >>> 0).toString(16).padStart(8, '0'),
      this.debug,
    );
    this.recorder = new EventRecorder(this.store, () => this.clockMs, options.recordEvents ?? true);
    for (const ns of INITIAL_NAMESPACES) {
      this.store.apply({
        type: 'create',
        object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      });
    }
    for (const c of options.controllers ?? []) this.addController(c);
    this.addController(new GarbageCollector(this));
  }

  /** Simulated milliseconds since the start. */
  get now(): number {
    return this.clockMs;
  }

  /** Adds a component after the ones already present (before the garbage collector when it exists). */
  addController(controller: Controller): void {
    const gcIndex = this.controllers.findIndex((c) => c instanceof GarbageCollector);
    if (gcIndex >= 0) throw new Error('add every controller before the simulation starts stepping');
    const index = this.controllers.length;
    const queue = new WorkQueue();
    this.controllers.push(controller);
    this.queues.push(queue);
    this.contexts.push(this.makeContext(index, controller.name));
    controller.setup({
      store: this.store,
      watch: (kind, handler) => this.store.watch(handler, kind === '*' ? undefined : kind),
      enqueue: (key) => queue.add(key),
    });
  }

  /** Subscribes to the watch stream of every change (ADDED, MODIFIED, DELETED). */
  watch(handler: WatchHandler): () => void {
    return this.store.watch(handler);
  }

  // ---- the user's writes, as kubectl sends them to the API server ----

  /**
   * Creates or updates an object the user authored (kubectl apply). Defaults are applied to the live
   * object only; the authored copy is kept for export, so export writes only what the user wrote.
   */
  apply(input: KubeObject): KubeObject {
    const authored = normalizeAuthored(input);
    const key = keyOf(authored);
    const ns = authored.metadata.namespace;
    if (!isClusterScoped(authored.kind) && ns && !this.store.get('Namespace', undefined, ns)) {
      if (!this.authoredObjects.has(objectKey('Namespace', undefined, ns))) {
        throw new ApiError(`namespaces "${ns}" not found`, 'NotFound');
      }
    }
    const live = this.store.getByKey(key);
    const desired = applyDefaults(inNamespace(authored));
    const previous = this.authoredObjects.get(key);
    if (!live) {
      this.authoredObjects.set(key, authored);
      return this.store.apply({ type: 'create', object: this.admit(desired) });
    }
    const merged = mergeLive(live, desired, keepsLiveReplicas(authored, previous));
    for (const check of this.updateChecks) check(live, merged, this);
    this.authoredObjects.set(key, authored);
    return this.store.apply({ type: 'update', object: merged });
  }

  /** Deletes an object (kubectl delete); its authored copy goes too. */
  delete(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): void {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) throw new ApiError(`${resourceName(kind)} "${name}" not found`, 'NotFound');
    this.authoredObjects.delete(keyOf(obj));
    this.deleteObject(obj, options);
  }

  /** The objects the user authored, in the order they were first applied, as written (no defaults). */
  authored(): KubeObject[] {
    return [...this.authoredObjects.values()];
  }

  /** The authored copy of one object, if the user authored it. */
  authoredOf(key: string): KubeObject | undefined {
    return this.authoredObjects.get(key);
  }

  /** Changes the authored copy and the live object together (kubectl scale, set image, label...). */
  patchAuthored(key: string, patch: (obj: KubeObject) => KubeObject): KubeObject {
    const authored = this.authoredObjects.get(key) ?? this.store.getByKey(key);
    if (!authored) throw new ApiError(`${key} not found`, 'NotFound');
    return this.apply(patch(structuredClone(authored)));
  }

  /** Records an Event from a named component (used by commands and the user-facing API). */
  recordEvent(
    component: string,
    involved: KubeObject,
    type: EventType,
    reason: string,
    message: string,
  ): void {
    this.recorder.record(component, involved, type, reason, message);
  }

  /** Schedules a component's key at an absolute simulated time (used by scenario steps and tests). */
  enqueueAt(controllerName: string, atMs: number, key: string): void {
    const index = this.controllers.findIndex((c) => c.name === controllerName);
    if (index < 0) throw new Error(`no controller named ${controllerName}`);
    this.timed.push({ at: Math.max(atMs, this.clockMs), seq: this.seq++, controller: index, key });
  }

  /** The named component, to call its own API (e.g. a kubelet's node failure switch). */
  controller<T extends Controller>(name: string): T | undefined {
    return this.controllers.find((c) => c.name === name) as T | undefined;
  }

  // ---- time ----

  /** Advances simulated time to `untilMs`, running everything due on the way (see the file comment). */
  step(untilMs: number): void {
    this.drain();
    for (;;) {
      const next = this.timed.peek();
      if (!next || next.at > untilMs) break;
      this.clockMs = Math.max(this.clockMs, next.at);
      while (this.timed.peek()?.at === next.at) {
        const t = this.timed.pop() as Timed;
        this.queues[t.controller]?.add(t.key);
      }
      this.drain();
    }
    this.clockMs = Math.max(this.clockMs, untilMs);
    if (this.debug) this.assertInvariants();
  }

  /** Advances by a number of simulated milliseconds. */
  advance(ms: number): void {
    this.step(this.clockMs + ms);
  }

  /** When the next timed work is due, or undefined when nothing is scheduled. */
  nextWakeup(): number | undefined {
    return this.timed.peek()?.at;
  }

  /** Throws when an invariant is broken (debug mode does this after every step). */
  assertInvariants(): void {
    const violations = checkInvariants(this.store);
    if (violations.length > 0)
      throw new Error(`invariants broken at ${this.clockMs} ms:\n${violations.join('\n')}`);
  }

  private drain(): void {
    let rounds = 0;
    for (;;) {
      let worked = false;
      for (let i = 0; i < this.controllers.length; i++) {
        const queue = this.queues[i] as WorkQueue;
        const controller = this.controllers[i] as Controller;
        const ctx = this.contexts[i] as ControllerContext;
        let budget = queue.size;
        while (budget-- > 0) {
          const key = queue.take();
          if (key === undefined) break;
          worked = true;
          controller.sync(key, ctx);
        }
      }
      if (!worked) return;
      if (++rounds > 100_000)
        throw new Error(`components did not settle at ${this.clockMs} ms (a reconcile loop?)`);
    }
  }

  private makeContext(index: number, component: string): ControllerContext {
    const clock = () => this.clockMs;
    return {
      get now() {
        return clock();
      },
      store: this.store,
      rng: this.rng,
      create: <T extends KubeObject>(obj: T) => this.createObject(obj) as T,
      update: <T extends KubeObject>(obj: T) => this.store.apply({ type: 'update', object: obj }) as T,
      delete: (obj, options) => this.deleteObject(obj, options ?? {}),
      event: (involved, type, reason, message, source) =>
        this.recorder.record(source ?? component, involved, type, reason, message),
      enqueue: (key) => this.queues[index]?.add(key),
      enqueueAfter: (delayMs, key) =>
        this.timed.push({ at: this.clockMs + Math.max(0, delayMs), seq: this.seq++, controller: index, key }),
    };
  }

  private admit(obj: KubeObject): KubeObject {
    let out = prepareForCreate(obj);
    for (const plugin of this.admission) out = plugin(out, this);
    return out;
  }

  /** Creates an object written by a component, resolving metadata.generateName as the API server does. */
  private createObject(obj: KubeObject): KubeObject {
    if (obj.metadata.name || !obj.metadata.generateName)
      return this.store.apply({ type: 'create', object: this.admit(obj) });
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = `${obj.metadata.generateName}${randomSuffix(this.rng)}`;
      if (!this.store.get(obj.kind, obj.metadata.namespace, name)) {
        return this.store.apply({
          type: 'create',
          object: this.admit({ ...obj, metadata: { ...obj.metadata, name } }),
        });
      }
    }
    throw new StoreError(`could not generate a unique name for ${obj.metadata.generateName}`);
  }

  /** Deletion as the API server performs it: graceful for bound pods and objects with finalizers. */
  deleteObject(obj: KubeObject, options: DeleteOptions): void {
    const current = this.store.getByKey(keyOf(obj));
    if (!current) return;
    const policy = options.propagationPolicy ?? 'Background';
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const pod = current.kind === 'Pod' ? (current as Pod & KubeObject) : undefined;
    const grace = options.gracePeriodSeconds ?? pod?.spec?.terminationGracePeriodSeconds ?? 30;
    const graceful = pod !== undefined && !!pod.spec?.nodeName && grace > 0 && !isTerminal(pod);
    if (current.metadata.deletionTimestamp !== undefined) {
      if (finalizers.length === 0 && (!graceful || options.gracePeriodSeconds === 0)) {
        this.store.apply({ type: 'remove', key: keyOf(current) });
      }
      return;
    }
    if (finalizers.length === 0 && !graceful) {
      this.store.apply({ type: 'remove', key: keyOf(current) });
      return;
    }
    this.store.apply({
      type: 'update',
      object: {
        ...current,
        metadata: {
          ...current.metadata,
          deletionTimestamp: timestamp(this.clockMs + (graceful ? grace * 1000 : 0)),
          deletionGracePeriodSeconds: graceful ? grace : 0,
          ...(finalizers.length > 0 ? { finalizers } : {}),
        },
      },
    });
  }

  /** Events of the watch stream are also available to tests as a log (see recordLog). */
  static recordLog(sim: Simulation): WatchEvent[] {
    const log: WatchEvent[] = [];
    sim.watch((e) => log.push(e));
    return log;
  }
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Lower-case plural resource name as the API server words errors (`deployments.apps "web" not found`). */
export function resourceName(kind: string): string {
  const plural = kind.endsWith('s')
    ? `${kind.toLowerCase()}es`
    : kind.endsWith('y')
      ? `${kind.toLowerCase().slice(0, -1)}ies`
      : `${kind.toLowerCase()}s`;
  const group: Record<string, string> = {
    Deployment: 'apps',
    ReplicaSet: 'apps',
    StatefulSet: 'apps',
    DaemonSet: 'apps',
    Job: 'batch',
    CronJob: 'batch',
    Ingress: 'networking.k8s.io',
  };
  const g = group[kind];
  return g ? `${plural}.${g}` : plural;
}

/**
 * The registry strategy's PrepareForCreate, for what the simulation needs of it: a Pod's status.qosClass is
 * set when it is created (pkg/registry/core/pod/strategy.go), so a Pending pod already has its QoS class.
 */
function prepareForCreate(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Pod') return obj;
  const pod = obj as Pod & KubeObject;
  return { ...pod, status: { ...pod.status, qosClass: computePodQOS(pod) } } as KubeObject;
}

/**
 * Drops the fields the API server populates itself, which imports may carry (`kubectl get -o yaml`). The
 * namespace stays as written: a namespaced object without one is in `default` (keyOf, inNamespace), and
 * its authored copy exports without it, so `kubectl apply -n other` can place it.
 */
function normalizeAuthored(input: KubeObject): KubeObject {
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    managedFields: _m,
    generation: _g,
    selfLink: _s,
    ...meta
  } = input.metadata as KubeObject['metadata'] & { managedFields?: unknown; selfLink?: unknown };
  // A Node's status (capacity, allocatable) is what the modeled VM has: the user authors it, so it stays.
  const { status: _status, ...withoutStatus } = input;
  const rest = input.kind === 'Node' ? input : withoutStatus;
  return { ...rest, metadata: meta } as KubeObject;
}

/** The object as the API server stores it: a namespaced object without a namespace is in `default`. */
function inNamespace(obj: KubeObject): KubeObject {
  if (isClusterScoped(obj.kind) || obj.metadata.namespace) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: 'default' } };
}

/** The live object after an apply: the new desired state, keeping what the cluster itself wrote. */
/**
 * Whether a re-applied workload keeps the live replica count: when neither this manifest nor the one
 * applied before it sets spec.replicas, kubectl apply's three-way merge leaves the live value alone (an
 * HPA or `kubectl scale` set it). A manifest that drops replicas it used to set resets them to the default.
 */
function keepsLiveReplicas(authored: KubeObject, previous: KubeObject | undefined): boolean {
  if (!SCALABLE.has(authored.kind)) return false;
  const replicasOf = (o: KubeObject | undefined): unknown =>
    (o?.spec as { replicas?: unknown } | undefined)?.replicas;
  return replicasOf(authored) === undefined && (previous === undefined || replicasOf(previous) === undefined);
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

function mergeLive(live: KubeObject, desired: KubeObject, keepReplicas: boolean): KubeObject {
  const liveMeta = live.metadata;
  const annotations = { ...(liveMeta.annotations ?? {}), ...(desired.metadata.annotations ?? {}) };
  const merged: KubeObject = {
    ...desired,
    metadata: {
      ...desired.metadata,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(liveMeta.ownerReferences ? { ownerReferences: liveMeta.ownerReferences } : {}),
      ...(liveMeta.finalizers ? { finalizers: liveMeta.finalizers } : {}),
      ...(liveMeta.deletionTimestamp ? { deletionTimestamp: liveMeta.deletionTimestamp } : {}),
    },
    ...(live.status !== undefined ? { status: live.status } : {}),
  };
  if (live.kind === 'Pod') {
    const liveSpec = (live as Pod & KubeObject).spec;
    const spec = { ...((merged as Pod & KubeObject).spec ?? { containers: [] }) };
    if (liveSpec?.nodeName && !spec.nodeName) spec.nodeName = liveSpec.nodeName;
    merged.spec = spec;
  }
  if (live.kind === 'Service') merged.spec = keepAllocated(live.spec, merged.spec);
  if (live.kind === 'PersistentVolumeClaim') {
    // kubectl apply's merge leaves what the cluster wrote into the spec alone: the volume the claim is
    // bound to, and the class the DefaultStorageClass admission or the PV controller gave it.
    const liveSpec = (live.spec ?? {}) as { volumeName?: string; storageClassName?: string };
    const spec = { ...((merged.spec ?? {}) as typeof liveSpec) };
    if (liveSpec.volumeName && spec.volumeName === undefined) spec.volumeName = liveSpec.volumeName;
    if (liveSpec.storageClassName !== undefined && spec.storageClassName === undefined)
      spec.storageClassName = liveSpec.storageClassName;
    merged.spec = spec;
  }
  const liveReplicas = (live.spec as { replicas?: number } | undefined)?.replicas;
  if (keepReplicas && liveReplicas !== undefined)
    merged.spec = { ...(merged.spec as object), replicas: liveReplicas };
  if (live.kind === 'Node') merged.status = resizedNodeStatus(live.status, desired.status);
  return merged;
}

type NodeStatusLike = { capacity?: Record<string, string>; allocatable?: Record<string, string> };

/**
 * A Node is a VM the user describes, capacity included: re-applied with a new capacity, the live Node
 * reports it as a kubelet restarted on a resized VM would (allocatable follows capacity unless given).
 * Everything else in the live status (conditions, addresses, images) stays the kubelet's.
 */
function resizedNodeStatus(liveStatus: unknown, desiredStatus: unknown): unknown {
  const want = (desiredStatus ?? {}) as NodeStatusLike;
  if (!want.capacity && !want.allocatable) return liveStatus;
  const live = (liveStatus ?? {}) as NodeStatusLike;
  const capacity = { ...live.capacity, ...want.capacity };
  const allocatable = { ...live.allocatable, ...(want.allocatable ?? want.capacity) };
  return { ...live, capacity, allocatable };
}

type ServiceSpecLike = {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  healthCheckNodePort?: number;
  ports?: { name?: string; port?: number; nodePort?: number }[];
};

/**
 * A re-applied Service keeps what the API server allocated when the new spec leaves it out, as upstream's
 * patchAllocatedValues does (pkg/registry/core/service/storage/storage.go): cluster IPs and families,
 * node ports (matched by port name, else by index) and the health-check node port.
 */
function keepAllocated(liveSpec: unknown, desiredSpec: unknown): KubeObject['spec'] {
  const live = (liveSpec ?? {}) as ServiceSpecLike;
  const next: ServiceSpecLike = { ...((desiredSpec ?? {}) as ServiceSpecLike) };
  if (next.type === 'ExternalName' || live.clusterIP === undefined) return next as KubeObject['spec'];
  if (next.clusterIP === undefined) next.clusterIP = live.clusterIP;
  if (next.clusterIPs === undefined && live.clusterIPs) next.clusterIPs = live.clusterIPs;
  if (next.ipFamilies === undefined && live.ipFamilies) next.ipFamilies = live.ipFamilies;
  if (next.ipFamilyPolicy === undefined && live.ipFamilyPolicy) next.ipFamilyPolicy = live.ipFamilyPolicy;
  const wantsNodePorts = next.type === 'NodePort' || next.type === 'LoadBalancer';
  if (wantsNodePorts && next.ports && live.ports) {
    next.ports = next.ports.map((port, i) => {
      if (port.nodePort !== undefined) return port;
      const old = live.ports?.find((p) => p.name !== undefined && p.name === port.name) ?? live.ports?.[i];
      return old?.nodePort !== undefined ? { ...port, nodePort: old.nodePort } : port;
    });
  }
  if (next.healthCheckNodePort === undefined && live.healthCheckNodePort !== undefined && wantsNodePorts)
    next.healthCheckNodePort = live.healthCheckNodePort;
  return next as KubeObject['spec'];
}

export { StoreError };
