/**
 * The runtime slice: the live Simulation and the change notifications the UI subscribes to. It keeps no
 * copy of the cluster: readers get the engine's immutable objects (a changed object is a new object, an
 * unchanged one keeps its identity). Watch events are collected while the engine runs and published in one
 * `commit()` per animation frame, so React renders once per frame whatever the engine did.
 */
import {
  createCluster,
  keyOf,
  objectKey,
  type Event,
  type KubeObject,
  type Pod,
  type Simulation,
  type WatchEvent,
} from '../engine';

type Listener = () => void;

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
]);

let sim: Simulation = createCluster({ seed: 1 });
let unwatch: () => void = () => undefined;
let version = 0;
let topologyVersion = 0;
let topologyDirty = true;
const dirtyKeys = new Set<string>();
const dirtyKinds = new Set<string>();
const keyListeners = new Map<string, Set<Listener>>();
const kindListeners = new Map<string, Set<Listener>>();
const frameListeners = new Set<Listener>();
const timeListeners = new Set<Listener>();
const keysCache = new Map<string, string[]>();
const eventIndex = new Map<string, Set<string>>();
const eventsCache = new Map<string, Array<Event & KubeObject>>();
const EMPTY_EVENTS: Array<Event & KubeObject> = [];

/** The live simulation. Read it freely; change it only through the store's commands. */
export function getSimulation(): Simulation {
  return sim;
}

/** Number of committed frames so far (it grows by one per commit that carried changes). */
export function getSimVersion(): number {
  return version;
}

/**
 * Grows when something the canvas lays out changed: an object of a drawn kind came or went, a pod was
 * bound, relabelled, became ready or started terminating, or a Service or Ingress changed its spec.
 */
export function getTopologyVersion(): number {
  return topologyVersion;
}

/** Replaces the simulation (reset, a new seed, a new design); every subscriber is notified. */
export function replaceSimulation(seed: number): Simulation {
  unwatch();
  sim = createCluster({ seed });
  keysCache.clear();
  eventIndex.clear();
  eventsCache.clear();
  unwatch = sim.watch(onWatch);
  for (const k of keyListeners.keys()) dirtyKeys.add(k);
  for (const k of kindListeners.keys()) dirtyKinds.add(k);
  topologyDirty = true;
  return sim;
}

unwatch = sim.watch(onWatch);

function podWiringChanged(e: WatchEvent): boolean {
  const a = e.old as (Pod & KubeObject) | undefined;
  const b = e.object as Pod & KubeObject;
  if (!a) return true;
  return (
    a.spec?.nodeName !== b.spec?.nodeName ||
    a.metadata.labels !== b.metadata.labels ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    isPodReady(a) !== isPodReady(b)
  );
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
  if (e.type !== 'MODIFIED') {
    dirtyKinds.add(kind);
    keysCache.delete(kind);
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
  else if (kind === 'Service' || kind === 'Ingress') topologyDirty ||= e.old?.spec !== e.object.spec;
}

/**
 * Publishes the changes collected since the last commit: listeners of each changed object, of each kind
 * whose membership changed, and of every frame are called once. Does nothing when nothing changed.
 */
export function commit(force = false): boolean {
  if (!force && dirtyKeys.size === 0 && dirtyKinds.size === 0 && !topologyDirty) return false;
  version++;
  if (topologyDirty) topologyVersion++;
  topologyDirty = false;
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

/** Keys of the live objects of a kind, in creation order; the same array while the set is unchanged. */
export function objectKeys(kind: string): string[] {
  let keys = keysCache.get(kind);
  if (!keys) {
    keys = [];
    for (const o of sim.store.each(kind)) keys.push(keyOf(o));
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
    const ev = sim.store.getByKey<Event & KubeObject>(k);
    if (ev) out.push(ev);
  }
  out.sort((a, b) => stamp(a).localeCompare(stamp(b)) || a.metadata.name.localeCompare(b.metadata.name));
  eventsCache.set(key, out);
  return out;
}

function stamp(e: Event): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}
