/**
 * The object store: every API object of the simulated cluster, keyed by kind/namespace/name, with a
 * global resourceVersion, deterministic uids, a watch stream and incremental indexes (by kind, pods by
 * node, dependents by owner uid, objects by uid). Objects are immutable: writers build a new object and
 * send a Change; readers may keep references, which stay valid snapshots.
 */
import { keyOf } from '../api/meta';
import { isClusterScoped } from '../api/kinds';
import { timestamp } from '../api/time';
import type { KubeObject, Pod } from '../api/types';
import { deepEqual } from '../../lib';
import type { Change, WatchEvent, WatchHandler } from './changes';

export class StoreError extends Error {}

/**
 * `timestamp` remembering its last answer: objects and events are stamped in bursts at one simulated
 * moment, and the RFC 3339 string only changes once a second.
 */
export function lastTimestamp(): (ms: number) => string {
  let second = NaN;
  let text = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      text = timestamp(ms);
    }
    return text;
  };
}

/** Read-only view given to controllers and the UI. */
export interface ReadonlyStore {
  get<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  getByKey<T extends KubeObject = KubeObject>(key: string): T | undefined;
  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined;
  /** Objects of a kind, in creation order; only one namespace when given. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[];
  /** Iterates a kind without copying (creation order). Do not change the store while iterating. */
  each<T extends KubeObject = KubeObject>(kind: string): IterableIterator<T>;
  count(kind: string): number;
  /** Pods whose spec.nodeName is the node, in creation order. */
  podsOnNode(nodeName: string): Array<Pod & KubeObject>;
  /** Objects whose ownerReferences name the uid. */
  dependents(ownerUid: string): KubeObject[];
  readonly resourceVersion: number;
}

export class ObjectStore implements ReadonlyStore {
  private readonly byKey = new Map<string, KubeObject>();
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly byUidIndex = new Map<string, string>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, Set<string>>();
  /** Watchers in subscription order, each of one kind or (undefined) of every kind. */
  private readonly handlers: { kind: string | undefined; handler: WatchHandler }[] = [];
  /** The handlers an event of a kind reaches, in subscription order (worked out on first use). */
  private readonly handlersByKind = new Map<string, WatchHandler[]>();
  private rv = 0;
  private uidCounter = 0;
  private readonly stamp = lastTimestamp();

  /**
   * @param clock returns the current simulated milliseconds (stamped on created objects and events)
   * @param uidPrefix makes uids differ between simulations with different seeds, yet stay reproducible
   */
  constructor(
    private readonly clock: () => number,
    private readonly uidPrefix = '00000000',
    private readonly freeze = false,
  ) {}

  get resourceVersion(): number {
    return this.rv;
  }

  get<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    const ns = isClusterScoped(kind) ? '' : (namespace ?? 'default');
    return this.byKey.get(`${kind}/${ns}/${name}`) as T | undefined;
  }

  getByKey<T extends KubeObject = KubeObject>(key: string): T | undefined {
    return this.byKey.get(key) as T | undefined;
  }

  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined {
    const key = this.byUidIndex.get(uid);
    return key === undefined ? undefined : (this.byKey.get(key) as T | undefined);
  }

  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    const all = [...m.values()] as T[];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  each<T extends KubeObject = KubeObject>(kind: string): IterableIterator<T> {
    return (this.byKind.get(kind) ?? new Map<string, KubeObject>()).values() as IterableIterator<T>;
  }

  /** Every object, of every kind. */
  all(): IterableIterator<KubeObject> {
    return this.byKey.values();
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  podsOnNode(nodeName: string): Array<Pod & KubeObject> {
    const keys = this.podsByNode.get(nodeName);
    if (!keys) return [];
    const out: Array<Pod & KubeObject> = [];
    for (const k of keys) out.push(this.byKey.get(k) as Pod & KubeObject);
    return out;
  }

  dependents(ownerUid: string): KubeObject[] {
    const keys = this.byOwner.get(ownerUid);
    if (!keys) return [];
    return [...keys].map((k) => this.byKey.get(k) as KubeObject);
  }

  /**
   * Subscribes to the watch stream, of every kind or of one kind; returns the unsubscribe function.
   * Handlers run in subscription order (an event of a kind reaches only its kind's and every-kind handlers).
   */
  watch(handler: WatchHandler, kind?: string): () => void {
    const entry = { kind, handler };
    this.handlers.push(entry);
    this.handlersByKind.clear();
    return () => {
      const i = this.handlers.indexOf(entry);
      if (i >= 0) this.handlers.splice(i, 1);
      this.handlersByKind.clear();
    };
  }

  /** A fresh deterministic uid (RFC 4122 shape). */
  newUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    return `${this.uidPrefix}-0000-4000-8000-${n}`;
  }

  /**
   * Carries out one change: the only place the store is written. Returns the stored object (or the
   * removed one). Throws StoreError for a create of an existing key or an update of a missing one.
   */
  apply(change: Change): KubeObject {
    switch (change.type) {
      case 'create':
        return this.create(change.object);
      case 'update':
        return this.update(change.object);
      case 'remove':
        return this.remove(change.key);
    }
  }

  /**
   * Stores an object exactly as another store holds it (uid, resourceVersion and all): this store is then
   * a mirror of a simulation that runs elsewhere (the browser's Web Worker). Emits ADDED or MODIFIED.
   */
  mirror(obj: KubeObject): void {
    const key = keyOf(obj);
    const old = this.byKey.get(key);
    if (old) this.unindex(key, old);
    this.index(key, obj);
    const time = this.clock();
    this.emit(old ? { type: 'MODIFIED', object: obj, old, time } : { type: 'ADDED', object: obj, time });
  }

  /** Sets a mirror's resourceVersion to the one of the store it mirrors (see `mirror`). */
  mirrorVersion(resourceVersion: number): void {
    this.rv = resourceVersion;
  }

  /** Removes an object from a mirror (see `mirror`); does nothing when the key is absent. */
  mirrorRemove(key: string): void {
    const old = this.byKey.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.emit({ type: 'DELETED', object: old, time: this.clock() });
  }

  private create(input: KubeObject): KubeObject {
    const key = keyOf(input);
    if (this.byKey.has(key)) {
      throw new StoreError(`${input.kind} "${input.metadata.name}" already exists`);
    }
    const now = this.clock();
    // Fields set one by one on a copy (the same key order as spreading them, without temporary objects).
    const metadata: Record<string, unknown> & { name: string } = { ...input.metadata };
    if (!isClusterScoped(input.kind)) metadata.namespace = input.metadata.namespace ?? 'default';
    metadata.uid = input.metadata.uid ?? this.newUid();
    metadata.resourceVersion = String(++this.rv);
    metadata.creationTimestamp = input.metadata.creationTimestamp ?? this.stamp(now);
    if (input.spec !== undefined) metadata.generation = 1;
    const obj: KubeObject = { ...input, metadata };
    this.index(key, obj);
    this.emit({ type: 'ADDED', object: this.seal(obj), time: now });
    return obj;
  }

  private update(input: KubeObject): KubeObject {
    const key = keyOf(input);
    const old = this.byKey.get(key);
    if (!old) throw new StoreError(`${input.kind} "${input.metadata.name}" not found`);
    if (old === input) return old;
    const specChanged = old.spec !== input.spec && !deepEqual(old.spec, input.spec);
    const generation = (old.metadata.generation ?? 0) + (specChanged ? 1 : 0);
    const metadata: Record<string, unknown> & { name: string } = { ...input.metadata };
    if (old.metadata.uid) metadata.uid = old.metadata.uid;
    if (old.metadata.creationTimestamp) metadata.creationTimestamp = old.metadata.creationTimestamp;
    metadata.resourceVersion = String(++this.rv);
    if (old.metadata.generation !== undefined) metadata.generation = generation;
    const obj: KubeObject = { ...input, metadata };
    this.unindex(key, old);
    this.index(key, obj);
    this.emit({ type: 'MODIFIED', object: this.seal(obj), old, time: this.clock() });
    return obj;
  }

  private remove(key: string): KubeObject {
    const old = this.byKey.get(key);
    if (!old) throw new StoreError(`${key} not found`);
    this.unindex(key, old);
    this.rv++;
    this.emit({ type: 'DELETED', object: old, time: this.clock() });
    return old;
  }

  private index(key: string, obj: KubeObject): void {
    this.byKey.set(key, obj);
    let kindMap = this.byKind.get(obj.kind);
    if (!kindMap) this.byKind.set(obj.kind, (kindMap = new Map()));
    kindMap.set(key, obj);
    if (obj.metadata.uid) this.byUidIndex.set(obj.metadata.uid, key);
    if (obj.kind === 'Pod') {
      const node = (obj as Pod).spec?.nodeName;
      if (node) {
        let set = this.podsByNode.get(node);
        if (!set) this.podsByNode.set(node, (set = new Set()));
        set.add(key);
      }
    }
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.byOwner.get(ref.uid);
      if (!set) this.byOwner.set(ref.uid, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string, obj: KubeObject): void {
    this.byKey.delete(key);
    this.byKind.get(obj.kind)?.delete(key);
    if (obj.metadata.uid) this.byUidIndex.delete(obj.metadata.uid);
    if (obj.kind === 'Pod') {
      const node = (obj as Pod).spec?.nodeName;
      if (node) {
        const set = this.podsByNode.get(node);
        set?.delete(key);
        if (set?.size === 0) this.podsByNode.delete(node);
      }
    }
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.byOwner.get(ref.uid);
      set?.delete(key);
      if (set?.size === 0) this.byOwner.delete(ref.uid);
    }
  }

  private seal(obj: KubeObject): KubeObject {
    if (this.freeze) deepFreeze(obj);
    return obj;
  }

  private emit(event: WatchEvent): void {
    const kind = event.object.kind;
    let list = this.handlersByKind.get(kind);
    if (!list) {
      list = this.handlers.filter((e) => e.kind === undefined || e.kind === kind).map((e) => e.handler);
      this.handlersByKind.set(kind, list);
    }
    for (const h of list) h(event);
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
