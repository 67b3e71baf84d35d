/**
 * The runtime slice: a mirror of the simulation's objects and the change notifications the UI subscribes
 * to. The simulation itself lives in the engine host (a Web Worker in the browser, in-process in Node and
 * tests; see engineClient.ts), which sends deltas: changed objects (a changed object is a new object, an
 * unchanged one keeps its identity), deleted keys and the clock. Deltas are applied to the mirror as they
 * come and published in one `commit()` per animation frame, so React renders once per frame whatever the
 * engine did.
 */
import {
  keyOf,
  objectKey,
  ObjectStore,
  type Event,
  type KubeObject,
  type Pod,
  type ReadonlyStore,
  type TrafficMetrics,
  type WatchEvent,
} from '../engine';
import type { EngineDelta, TrafficSnapshot } from './engineHost';

type Listener = () => void;

/** TrafficMetrics over plain figures (what features read). */
export function metricsOf(s: TrafficSnapshot): TrafficMetrics {
  return {
    bucketMs: s.bucketMs,
    latest: s.latest,
    flows: s.flows,
    keys: () => Object.keys(s.series),
    series: (key) => [...(s.series[key] ?? [])],
    last: (key) => {
      const list = s.series[key];
      return list?.[list.length - 1];
    },
  };
}

/** Kinds whose additions, removals or wiring change what the canvas draws and links. */
const TOPOLOGY_KINDS = new Set([
  'Node',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'Ingress',
  'PersistentVolumeClaim',
  'ConfigMap',
  // Clients drawn for each TrafficSource (features/canvas/clients.ts).
  'TrafficSource',
]);

/**
 * What features read of the simulation: its objects (a mirror of the engine's store, kept by the deltas
 * the engine host sends) and its clock. A new view comes with each reset.
 */
export interface SimulationView {
  readonly store: ReadonlyStore;
  /** Simulated milliseconds since the start. */
  readonly now: number;
  readonly seed: number;
}

let clock = 0;
let mirror = new ObjectStore(() => clock);
class View implements SimulationView {
  constructor(
    readonly store: ReadonlyStore,
    readonly seed: number,
  ) {}
  get now(): number {
    return clock;
  }
}
let view: SimulationView = new View(mirror, 1);
const NO_TRAFFIC: TrafficMetrics = metricsOf({ bucketMs: 1000, latest: undefined, flows: [], series: {} });
let traffic = NO_TRAFFIC;
let unwatch: () => void = () => undefined;
let version = 0;
let topologyVersion = 0;
let topologyDirty = true;
let readinessVersion = 0;
let readinessDirty = false;
let timeMoved = false;
const dirtyKeys = new Set<string>();
const dirtyKinds = new Set<string>();
const keyListeners = new Map<string, Set<Listener>>();
const kindListeners = new Map<string, Set<Listener>>();
const frameListeners = new Set<Listener>();
const timeListeners = new Set<Listener>();
const keysCache = new Map<string, string[]>();
/** Keys added and removed since a kind's cached key list was read (applied at the next read). */
const keysAdded = new Map<string, string[]>();
const keysRemoved = new Map<string, Set<string>>();
const eventIndex = new Map<string, Set<string>>();
const eventsCache = new Map<string, Array<Event & KubeObject>>();
const EMPTY_EVENTS: Array<Event & KubeObject> = [];

/** The live simulation as the UI sees it. Read it freely; change it only through the store's commands. */
export function getSimulation(): SimulationView {
  return view;
}

/** The latest traffic figures (the engine sends them at most four times a wall second). */
export function getTrafficMetrics(): TrafficMetrics {
  return traffic;
}

/** Number of committed frames so far (it grows by one per commit that carried changes). */
export function getSimVersion(): number {
  return version;
}

/**
 * Grows when something the canvas lays out changed: an object of a drawn kind came or went, a pod was
 * bound, relabelled or started terminating, or a Service or Ingress changed its spec. A pod becoming
 * ready or not ready moves nothing: it grows the readiness version instead (hundreds of pods a second
 * turn ready while a big cluster starts, and a new layout of thousands of pods for each would be a long
 * task).
 */
export function getTopologyVersion(): number {
  return topologyVersion;
}

/** Grows when a pod became ready or not ready, or with the topology (edges to pods show readiness). */
export function getReadinessVersion(): number {
  return readinessVersion;
}

/**
 * Applies what the engine changed to the mirror (the simulation was replaced when `delta.reset`: every
 * subscriber is then notified). Listeners hear of it at the next commit.
 */
export function applyDelta(delta: EngineDelta): void {
  if (delta.reset) {
    unwatch();
    mirror = new ObjectStore(() => clock);
    view = new View(mirror, delta.seed);
    traffic = NO_TRAFFIC;
    keysCache.clear();
    keysAdded.clear();
    keysRemoved.clear();
    eventIndex.clear();
    eventsCache.clear();
    unwatch = mirror.watch(onWatch);
    for (const k of keyListeners.keys()) dirtyKeys.add(k);
    for (const k of kindListeners.keys()) dirtyKinds.add(k);
    topologyDirty = true;
  }
  for (const key of delta.deleted) mirror.mirrorRemove(key);
  for (const obj of delta.upserts) mirror.mirror(obj);
  mirror.mirrorVersion(delta.resourceVersion);
  if (clock !== delta.now) timeMoved = true;
  clock = delta.now;
  if (delta.traffic) traffic = metricsOf(delta.traffic);
}

/** Whether the mirror holds changes (or a clock move) not yet committed. */
export function hasPendingChanges(): boolean {
  return timeMoved || dirtyKeys.size > 0 || dirtyKinds.size > 0 || topologyDirty || readinessDirty;
}

unwatch = mirror.watch(onWatch);

function podWiringChanged(e: WatchEvent): boolean {
  const a = e.old as (Pod & KubeObject) | undefined;
  const b = e.object as Pod & KubeObject;
  if (!a) return true;
  if (isPodReady(a) !== isPodReady(b)) readinessDirty = true;
  // The mirror's objects are copies (each delta brings new ones): labels are compared by value.
  return (
    a.spec?.nodeName !== b.spec?.nodeName ||
    !sameLabels(a.metadata.labels, b.metadata.labels) ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp
  );
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function involvedKey(ev: Event & KubeObject): string {
  const io = ev.involvedObject;
  return objectKey(io.kind ?? '', io.namespace, io.name ?? '');
}

function onWatch(e: WatchEvent): void {
  const kind = e.object.kind;
  const key = keyOf(e.object);
  dirtyKeys.add(key);
  // A big cluster adds Events on every frame: a kind's key list is edited, not read again from the store
  // (whose order is the order of last change: a changed object moves to the end).
  if (e.type === 'ADDED') {
    dirtyKinds.add(kind);
    if (keysCache.has(kind)) {
      const added = keysAdded.get(kind);
      if (added) added.push(key);
      else keysAdded.set(kind, [key]);
    }
  } else if (e.type === 'DELETED') {
    dirtyKinds.add(kind);
    if (keysCache.has(kind)) {
      const added = keysAdded.get(kind);
      const i = added ? added.indexOf(key) : -1;
      if (added && i >= 0) added.splice(i, 1);
      else {
        const removed = keysRemoved.get(kind);
        if (removed) removed.add(key);
        else keysRemoved.set(kind, new Set([key]));
      }
    }
  }
  if (kind === 'Event') {
    const target = involvedKey(e.object as Event & KubeObject);
    let set = eventIndex.get(target);
    if (!set) eventIndex.set(target, (set = new Set()));
    if (e.type === 'DELETED') set.delete(key);
    else set.add(key);
    eventsCache.delete(target);
    dirtyKeys.add(`events:${target}`);
    return;
  }
  if (!TOPOLOGY_KINDS.has(kind)) return;
  if (e.type !== 'MODIFIED') topologyDirty = true;
  else if (kind === 'Pod') topologyDirty ||= podWiringChanged(e);
  else if (kind === 'Service' || kind === 'Ingress')
    topologyDirty ||= !e.old || JSON.stringify(e.old.spec) !== JSON.stringify(e.object.spec);
}

/**
 * Publishes the changes collected since the last commit: listeners of each changed object, of each kind
 * whose membership changed, and of every frame are called once. When no object changed it only tells
 * time listeners (if the clock moved) and returns false.
 */
export function commit(force = false): boolean {
  const moved = timeMoved;
  timeMoved = false;
  if (!force && dirtyKeys.size === 0 && dirtyKinds.size === 0 && !topologyDirty && !readinessDirty) {
    if (moved) publishTime();
    return false;
  }
  version++;
  if (topologyDirty || readinessDirty) readinessVersion++;
  if (topologyDirty) topologyVersion++;
  topologyDirty = false;
  readinessDirty = false;
  const keys = [...dirtyKeys];
  const kinds = [...dirtyKinds];
  dirtyKeys.clear();
  dirtyKinds.clear();
  for (const k of keys) keyListeners.get(k)?.forEach((l) => l());
  for (const k of kinds) kindListeners.get(k)?.forEach((l) => l());
  for (const l of [...frameListeners]) l();
  publishTime();
  return true;
}

/** Tells time listeners the clock moved (every played frame, even when no object changed). */
export function publishTime(): void {
  for (const l of [...timeListeners]) l();
}

/** Calls `l` whenever simulated time moves or a commit happens. */
export function subscribeTime(l: Listener): () => void {
  timeListeners.add(l);
  return () => timeListeners.delete(l);
}

function addTo(map: Map<string, Set<Listener>>, key: string, l: Listener): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(l);
  return () => {
    set.delete(l);
    if (set.size === 0) map.delete(key);
  };
}

/** Calls `l` after each commit. */
export function subscribeFrame(l: Listener): () => void {
  frameListeners.add(l);
  return () => frameListeners.delete(l);
}

/** Calls `l` after a commit that changed the object with this key. */
export function subscribeKey(key: string, l: Listener): () => void {
  return addTo(keyListeners, key, l);
}

/** Calls `l` after a commit in which an object of this kind was added or removed. */
export function subscribeKind(kind: string, l: Listener): () => void {
  return addTo(kindListeners, kind, l);
}

/**
 * Keys of the live objects of a kind, in creation order; the same array while the set is unchanged. The
 * store iterates in the order objects last changed, so the first read after a reset sorts by creation
 * time (stable: objects made in the same second keep the store's order); afterwards new keys are appended
 * and removed ones dropped, so a key keeps its place for as long as its object lives.
 */
export function objectKeys(kind: string): string[] {
  let keys = keysCache.get(kind);
  const added = keysAdded.get(kind);
  const removed = keysRemoved.get(kind);
  if (keys && (added || removed)) {
    if (removed) keys = keys.filter((k) => !removed.has(k));
    if (added) keys = keys.concat(added);
    keysCache.set(kind, keys);
    keysAdded.delete(kind);
    keysRemoved.delete(kind);
  }
  if (!keys) {
    const objects = [...mirror.each(kind)];
    objects.sort((a, b) => {
      const x = a.metadata.creationTimestamp ?? '';
      const y = b.metadata.creationTimestamp ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    keys = objects.map(keyOf);
    keysCache.set(kind, keys);
  }
  return keys;
}

/** Events about one object, oldest first (by last time seen); the same array while they are unchanged. */
export function eventsFor(key: string): Array<Event & KubeObject> {
  const cached = eventsCache.get(key);
  if (cached) return cached;
  const set = eventIndex.get(key);
  if (!set || set.size === 0) return EMPTY_EVENTS;
  const out: Array<Event & KubeObject> = [];
  for (const k of set) {
    const ev = mirror.getByKey<Event & KubeObject>(k);
    if (ev) out.push(ev);
  }
  out.sort((a, b) => stamp(a).localeCompare(stamp(b)) || a.metadata.name.localeCompare(b.metadata.name));
  eventsCache.set(key, out);
  return out;
}

function stamp(e: Event): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}
