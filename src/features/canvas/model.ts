/**
 * What the canvas lays out, read from the live cluster in one pass: nodes with the resources their pods
 * request, pods with their node, owner and labels, and the objects drawn as cards (controllers, Services,
 * Ingresses, claims, ConfigMaps). Pure over a read-only store: no React.
 */
import {
  controllerOf,
  isKubernetesService,
  keyOf,
  objectKey,
  podRequests,
  type Ingress,
  type KubeObject,
  type Pod,
  type ReadonlyStore,
  type Service,
} from '../../engine';
import { podReady } from './podState';

const byName = new Intl.Collator('en', { numeric: true });

/** Kinds drawn as cards, in the column order of the automatic layout. */
export const CARD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Service',
  'Ingress',
  'PersistentVolumeClaim',
  'ConfigMap',
  'NodeGroup',
] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** Owner kinds that are folded into their own owner (a Deployment's ReplicaSets, a CronJob's Jobs). */
const FOLDED = new Set(['ReplicaSet', 'Job']);

export interface NodeModel {
  key: string;
  name: string;
  requested: { milliCpu: number; memoryBytes: number; pods: number };
}

export interface PodModel {
  key: string;
  name: string;
  namespace: string;
  /** spec.nodeName, '' while unscheduled. */
  node: string;
  /** Key of the drawn card that owns the pod (through folded owners), or null. */
  owner: string | null;
  labels: Record<string, string>;
  ready: boolean;
  terminating: boolean;
  claims: string[];
}

export interface CardModel {
  key: string;
  kind: CardKind;
  namespace: string;
  /** Service: its selector; Ingress: backend Service keys. */
  selector?: Record<string, string>;
  backends?: string[];
}

export interface ClusterModel {
  nodes: NodeModel[];
  pods: PodModel[];
  cards: CardModel[];
}

function drawnOwner(store: ReadonlyStore, obj: KubeObject): string | null {
  let current = obj;
  for (let depth = 0; depth < 4; depth++) {
    const ref = controllerOf(current);
    if (!ref) return depth === 0 ? null : keyOf(current);
    const owner = store.getByKey(objectKey(ref.kind, current.metadata.namespace, ref.name));
    if (!owner) return null;
    if (!FOLDED.has(owner.kind) || !controllerOf(owner)) return keyOf(owner);
    current = owner;
  }
  return keyOf(current);
}

function ingressBackends(ing: Ingress & KubeObject): string[] {
  const ns = ing.metadata.namespace;
  const names = new Set<string>();
  const d = ing.spec?.defaultBackend?.service?.name;
  if (d) names.add(d);
  for (const r of ing.spec?.rules ?? [])
    for (const p of r.http?.paths ?? []) if (p.backend.service?.name) names.add(p.backend.service.name);
  return [...names].map((n) => objectKey('Service', ns, n));
}

function* objectsOf<T extends KubeObject>(store: ReadonlyStore, keys: readonly string[]): Iterable<T> {
  for (const k of keys) {
    const o = store.getByKey<T>(k);
    if (o) yield o;
  }
}

/** Pods are immutable: a changed pod is a new object, so its model and requests are cached by identity. */
const podCache = new WeakMap<KubeObject, { model: PodModel; milliCpu: number; memoryBytes: number }>();

function cachedPod(store: ReadonlyStore, p: Pod & KubeObject) {
  let hit = podCache.get(p);
  if (!hit) {
    const req = podRequests(p);
    hit = { model: readPod(store, p), milliCpu: req.milliCpu, memoryBytes: req.memoryBytes };
    podCache.set(p, hit);
  }
  return hit;
}

function readPod(store: ReadonlyStore, p: Pod & KubeObject): PodModel {
  const ns = p.metadata.namespace ?? 'default';
  return {
    key: keyOf(p),
    name: p.metadata.name,
    namespace: ns,
    node: p.spec?.nodeName ?? '',
    owner: drawnOwner(store, p),
    labels: p.metadata.labels ?? {},
    ready: podReady(p),
    terminating: !!p.metadata.deletionTimestamp,
    claims: (p.spec?.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim
        ? [objectKey('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName)]
        : [],
    ),
  };
}

/** Node keys by name order, per list of Node keys (the runtime keeps a list while the set is unchanged). */
const nodeRanks = new WeakMap<readonly string[], Map<string, number>>();

/** Sorts Nodes by name, numbers in names by value; the collator runs only when the set of Nodes changes. */
function sortNodes(nodes: NodeModel[], keys: readonly string[] | undefined): void {
  const compare = (a: NodeModel, b: NodeModel) => byName.compare(a.name, b.name);
  if (!keys) {
    nodes.sort(compare);
    return;
  }
  let ranks = nodeRanks.get(keys);
  if (!ranks || ranks.size !== nodes.length) {
    ranks = new Map([...nodes].sort(compare).map((n, i) => [n.key, i]));
    nodeRanks.set(keys, ranks);
  }
  const r = ranks;
  nodes.sort((a, b) => (r.get(a.key) ?? 0) - (r.get(b.key) ?? 0));
}

/** Keys of a kind's objects in the order they are drawn. */
export type KeysOf = (kind: string) => readonly string[];

/**
 * Reads the cluster model from the store (O(objects)). Pods and cards come in the order `keysOf` gives
 * (the page passes the runtime's creation order, so a pod keeps its place in its node's grid and a card
 * its place in its column when they change); without it, the store's own order.
 */
export function readModel(store: ReadonlyStore, keysOf?: KeysOf): ClusterModel {
  const each = <T extends KubeObject>(kind: string): Iterable<T> =>
    keysOf ? objectsOf<T>(store, keysOf(kind)) : store.each<T>(kind);
  const nodes: NodeModel[] = [];
  const requested = new Map<string, NodeModel['requested']>();
  for (const n of store.each('Node')) {
    const r = { milliCpu: 0, memoryBytes: 0, pods: 0 };
    requested.set(n.metadata.name, r);
    nodes.push({ key: keyOf(n), name: n.metadata.name, requested: r });
  }
  sortNodes(nodes, keysOf?.('Node'));
  const pods: PodModel[] = [];
  for (const p of each<Pod & KubeObject>('Pod')) {
    const hit = cachedPod(store, p);
    pods.push(hit.model);
    const r = requested.get(hit.model.node);
    const phase = p.status?.phase;
    if (r && phase !== 'Succeeded' && phase !== 'Failed') {
      r.milliCpu += hit.milliCpu;
      r.memoryBytes += hit.memoryBytes;
      r.pods += 1;
    }
  }
  const cards: CardModel[] = [];
  for (const kind of CARD_KINDS) {
    for (const o of each(kind)) {
      if (FOLDED.has(kind) && controllerOf(o)) continue;
      if (isKubernetesService(o)) continue; // the API server's own, not part of the design
      const card: CardModel = { key: keyOf(o), kind, namespace: o.metadata.namespace ?? 'default' };
      if (kind === 'Service') {
        const sel = (o as Service & KubeObject).spec?.selector;
        if (sel) card.selector = sel;
      }
      if (kind === 'Ingress') card.backends = ingressBackends(o as Ingress & KubeObject);
      cards.push(card);
    }
  }
  return { nodes, pods, cards };
}
