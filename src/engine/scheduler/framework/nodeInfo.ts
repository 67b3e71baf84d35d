/**
 * framework.NodeInfo and the scheduler's snapshot: per-node aggregates (requested resources, pods, host
 * ports, images, pods with affinity) kept incrementally as pods and nodes come and go, so that a cycle
 * never scans every pod of the cluster.
 */
import { milliValue, value } from '../../core/resources';
import type { Labels } from '../../api/labels';
import type { KubeObject, Node, Pod, Taint } from '../../api/types';
import type { ReadonlyStore } from '../../core/objectStore';
import { podInfoCarried, podInfoOf, podLabelKeys, type AffinityTerm, type PodInfo } from './podInfo';

export type { PodInfo } from './podInfo';

/** Allocatable or requested amounts, by the scheduler's resource names. */
export interface Resource {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar: Map<string, number>;
}

function allocatableOf(node: Node): Resource {
  const alloc = node.status?.allocatable ?? {};
  const r: Resource = { milliCpu: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: new Map() };
  for (const [k, q] of Object.entries(alloc)) {
    if (k === 'cpu') r.milliCpu = milliValue(q);
    else if (k === 'memory') r.memory = value(q);
    else if (k === 'ephemeral-storage') r.ephemeralStorage = value(q);
    else if (k === 'pods') r.pods = value(q);
    else r.scalar.set(k, value(q));
  }
  return r;
}

/** imagelocality normalizedImageName: a name without a tag gets `:latest`. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * Indexes of NodeInfo.hot: the numbers Filter and Score read for every node, kept together in one typed
 * array (no boxed doubles, one cache line) and always equal to what the Resource fields give.
 */
export const HOT = {
  freeMilliCpu: 0,
  freeMemory: 1,
  freeEphemeralStorage: 2,
  freePods: 3,
  requestedMilliCpu: 4,
  requestedMemory: 5,
  nonZeroMilliCpu: 6,
  nonZeroMemory: 7,
  allocatableMilliCpu: 8,
  allocatableMemory: 9,
} as const;

/** Numbers per node in NodeInfo.hot. */
export const HOT_STRIDE = 10;

/** One node and what is on it. */
export class NodeInfo {
  /**
   * Hot copies of the resource numbers, at `base + HOT index`: the snapshot's arena (every node's numbers
   * side by side, in node order, so a Filter or Score loop reads memory in sequence) or, for a node outside
   * a snapshot (clones, tests), an array of its own.
   */
  hot = new Float64Array(HOT_STRIDE);
  base = 0;
  /** Position in the snapshot's node list (Snapshot.nodes[index] === this); -1 outside a snapshot. */
  index = -1;
  node: Node & KubeObject;
  name: string;
  labels: Labels;
  allocatable: Resource;
  /** Requested by the pods on the node (Filter's view). */
  requested: Resource = { milliCpu: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: new Map() };
  /** cpu and memory with non-zero defaults (scoring's view). */
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** Host ports in use: `proto/port/ip` → count. */
  readonly usedPorts = new Map<string, number>();
  /**
   * Pods by `namespace\0key\0value` of their labels, terminating pods left out: counts for the
   * single-label selectors of topology spreading without scanning the node's pods.
   */
  readonly labelCounts = new Map<string, number>();
  /** Told of every labelCounts change (the snapshot's inverted index); unset on clones. */
  onLabelCount: ((node: NodeInfo, key: string, count: number) => void) | undefined;
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Whether the snapshot lists the node in withAffinity / withRequiredAntiAffinity. */
  listedWithAffinity = false;
  listedWithRequiredAntiAffinity = false;
  /** Normalized image name → size in bytes, from status.images. */
  images = new Map<string, number>();
  /** spec.unschedulable and spec.taints, read once per node version (hot in Filter). */
  unschedulable = false;
  taints: readonly Taint[] = [];
  preferNoScheduleTaints = 0;

  constructor(node: Node & KubeObject) {
    this.node = node;
    this.name = node.metadata.name;
    this.labels = node.metadata.labels ?? {};
    this.allocatable = allocatableOf(node);
    this.setNode(node);
  }

  setNode(node: Node & KubeObject): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.allocatable = allocatableOf(node);
    this.images = imagesOf(node);
    this.unschedulable = node.spec?.unschedulable ?? false;
    this.taints = node.spec?.taints ?? [];
    this.preferNoScheduleTaints = this.taints.filter((t) => t.effect === 'PreferNoSchedule').length;
    this.refreshHot();
  }

  /** Recomputes the hot numbers from the Resource fields. */
  refreshHot(): void {
    const h = this.hot;
    const b = this.base;
    const a = this.allocatable;
    const q = this.requested;
    h[b + HOT.freeMilliCpu] = a.milliCpu - q.milliCpu;
    h[b + HOT.freeMemory] = a.memory - q.memory;
    h[b + HOT.freeEphemeralStorage] = a.ephemeralStorage - q.ephemeralStorage;
    h[b + HOT.freePods] = a.pods - this.pods.size;
    h[b + HOT.requestedMilliCpu] = q.milliCpu;
    h[b + HOT.requestedMemory] = q.memory;
    h[b + HOT.nonZeroMilliCpu] = this.nonZeroMilliCpu;
    h[b + HOT.nonZeroMemory] = this.nonZeroMemory;
    h[b + HOT.allocatableMilliCpu] = a.milliCpu;
    h[b + HOT.allocatableMemory] = a.memory;
  }

  /** The node's allocatable amount of a resource (0 when it has none). */
  allocatableOf(name: string): number {
    switch (name) {
      case 'cpu':
        return this.allocatable.milliCpu;
      case 'memory':
        return this.allocatable.memory;
      case 'ephemeral-storage':
        return this.allocatable.ephemeralStorage;
      default:
        return this.allocatable.scalar.get(name) ?? 0;
    }
  }

  /** What the node would have requested with the pod (calculateResourceAllocatableRequest). */
  requestedWith(podRequest: number, name: string, nonZero: boolean): number {
    switch (name) {
      case 'cpu':
        return (nonZero ? this.nonZeroMilliCpu : this.requested.milliCpu) + podRequest;
      case 'memory':
        return (nonZero ? this.nonZeroMemory : this.requested.memory) + podRequest;
      case 'ephemeral-storage':
        return this.requested.ephemeralStorage + podRequest;
      default:
        return (this.requested.scalar.get(name) ?? 0) + podRequest;
    }
  }

  /** Adds (sign 1) or removes (sign -1) a pod's contribution. */
  account(p: PodInfo, sign: 1 | -1): void {
    const r = p.requests;
    const q = this.requested;
    q.milliCpu += sign * r.milliCpu;
    q.memory += sign * r.memoryBytes;
    q.ephemeralStorage += sign * r.ephemeralStorageBytes;
    for (const k in r.scalar) q.scalar.set(k, (q.scalar.get(k) ?? 0) + sign * (r.scalar[k] as number));
    if (!p.pod.metadata.deletionTimestamp)
      for (const key of podLabelKeys(p)) {
        const n = (this.labelCounts.get(key) ?? 0) + sign;
        if (n > 0) this.labelCounts.set(key, n);
        else this.labelCounts.delete(key);
        this.onLabelCount?.(this, key, n);
      }
    this.nonZeroMilliCpu += sign * p.nonZeroMilliCpu;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    if (
      p.requiredAffinity.length ||
      p.requiredAntiAffinity.length ||
      p.preferredAffinity.length ||
      p.preferredAntiAffinity.length
    )
      this.podsWithAffinity += sign;
    if (p.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity += sign;
    for (const hp of p.hostPorts) {
      const k = `${hp.protocol}/${hp.port}/${hp.ip}`;
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n > 0) this.usedPorts.set(k, n);
      else this.usedPorts.delete(k);
    }
    this.refreshHot();
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.key)) this.removePod(p.key);
    this.pods.set(p.key, p);
    this.account(p, 1);
  }

  removePod(key: string): void {
    const p = this.pods.get(key);
    if (!p) return;
    this.pods.delete(key);
    this.account(p, -1);
  }

  /** NodeInfo.Clone, shallow for pods: preemption's what-if works on a copy. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node);
    for (const p of this.pods.values()) c.addPod(p);
    return c;
  }
}

function imagesOf(node: Node): Map<string, number> {
  const m = new Map<string, number>();
  for (const img of node.status?.images ?? [])
    for (const n of img.names ?? []) m.set(normalizedImageName(n), img.sizeBytes ?? 0);
  return m;
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  return n === Object.keys(b).length;
}

const EMPTY_NODE_COUNTS: ReadonlyMap<NodeInfo, number> = new Map();

/**
 * A node label key's values interned: `ids[node.index]` is the id of the node's value (`values[id]`), or -1
 * when the node has no such label. Filter and Score loops read an integer instead of looking a string key up
 * in the node's labels and the value up in a map. Ids are never reused; `ids` is replaced when the snapshot
 * grows, so read it afresh each cycle.
 */
export interface Domains {
  ids: Int32Array;
  readonly values: string[];
  readonly idOf: Map<string, number>;
}

function internDomain(d: Domains, value: string | undefined): number {
  if (value === undefined) return -1;
  let id = d.idOf.get(value);
  if (id === undefined) {
    id = d.values.length;
    d.values.push(value);
    d.idOf.set(value, id);
  }
  return id;
}

/** One required anti-affinity term of an existing pod, on its node. */
export interface AntiEntry {
  term: AffinityTerm;
  node: NodeInfo;
  /** The node's value of the term's topology key (kept when the node's labels change). */
  value: string | undefined;
}
const EMPTY_ANTI: ReadonlySet<AntiEntry> = new Set();

/**
 * The scheduler's view of the cluster (Cache + Snapshot in one, since a simulated cycle is synchronous):
 * nodes in the order they appeared, and the pods assigned to them.
 */
export class Snapshot {
  readonly nodes: NodeInfo[] = [];
  /** Every node's NodeInfo.hot numbers, node i at i × HOT_STRIDE. */
  private arena = new Float64Array(HOT_STRIDE * 64);

  /** The arena of hot numbers (node i at i × HOT_STRIDE); replaced when nodes are added. */
  get hotArena(): Float64Array {
    return this.arena;
  }
  readonly byName = new Map<string, NodeInfo>();
  /** Nodes whose pods are kept while the node object is unknown (pods bound to a missing node). */
  private readonly orphanPods = new Map<string, Map<string, PodInfo>>();
  private readonly podNode = new Map<string, string>();
  /** Normalized image name → number of nodes that have it. */
  readonly imageNodes = new Map<string, number>();
  /** Nodes with pods that have (anti-)affinity terms, and with required anti-affinity (HavePodsWith...List). */
  readonly withAffinity = new Set<NodeInfo>();
  readonly withRequiredAntiAffinity = new Set<NodeInfo>();
  /** Existing pods' required anti-affinity terms: by indexKey, the rest apart, and per pod for removal. */
  private readonly antiIndex = new Map<string, Set<AntiEntry>>();
  readonly antiUnindexed = new Set<AntiEntry>();
  private readonly antiByPod = new Map<string, AntiEntry[]>();
  /** Keys of terminating pods on known nodes (label indexes leave them out; some plugins must not). */
  readonly terminating = new Set<string>();

  /** Anti-affinity terms of existing pods that select exactly this namespace/label pair. */
  antiTermsSelecting(key: string): ReadonlySet<AntiEntry> {
    return this.antiIndex.get(key) ?? EMPTY_ANTI;
  }

  /** Existing pods whose terms can score an incoming pod (required affinity, preferred terms), by key. */
  readonly scoringAffinityPods = new Map<string, { pod: PodInfo; node: NodeInfo }>();

  private registerPod(n: NodeInfo, info: PodInfo): void {
    if (info.pod.metadata.deletionTimestamp) this.terminating.add(info.key);
    if (info.requiredAffinity.length || info.preferredAffinity.length || info.preferredAntiAffinity.length)
      this.scoringAffinityPods.set(info.key, { pod: info, node: n });
    if (info.requiredAntiAffinity.length === 0) return;
    const entries = info.requiredAntiAffinity.map((term) => ({
      term,
      node: n,
      value: n.labels[term.topologyKey],
    }));
    for (const e of entries) {
      if (e.term.indexKey === undefined) this.antiUnindexed.add(e);
      else {
        let set = this.antiIndex.get(e.term.indexKey);
        if (!set) this.antiIndex.set(e.term.indexKey, (set = new Set()));
        set.add(e);
      }
    }
    this.antiByPod.set(info.key, entries);
  }

  private unregisterPod(key: string): void {
    this.terminating.delete(key);
    this.scoringAffinityPods.delete(key);
    for (const e of this.antiByPod.get(key) ?? []) {
      this.antiUnindexed.delete(e);
      if (e.term.indexKey !== undefined) this.antiIndex.get(e.term.indexKey)?.delete(e);
    }
    this.antiByPod.delete(key);
  }

  /** Inverted labelCounts: `namespace\0key\0value` → the nodes with such pods, and how many. */
  private readonly labelNodes = new Map<string, Map<NodeInfo, number>>();
  /** Topology key → value → number of nodes with it; built on first use, then kept up to date. */
  private readonly topologyValueIndex = new Map<string, Map<string, number>>();
  /**
   * Matching pods per topology domain for one-label selectors: `namespace\0key\0value` → topology key →
   * value → pods. Built on first use, then kept by the label indexer (node label changes drop it).
   */
  private readonly domainIndex = new Map<string, Map<string, Map<string, number>>>();
  private readonly labelIndexer = (node: NodeInfo, key: string, count: number): void => {
    let m = this.labelNodes.get(key);
    const byKey = this.domainIndex.get(key);
    if (byKey) {
      const delta = count - (m?.get(node) ?? 0);
      for (const [tk, d] of byKey) {
        const v = node.labels[tk];
        if (v === undefined) continue;
        const n = (d.get(v) ?? 0) + delta;
        if (n > 0) d.set(v, n);
        else d.delete(v);
      }
    }
    if (count > 0) {
      if (!m) this.labelNodes.set(key, (m = new Map()));
      m.set(node, count);
    } else if (m) {
      m.delete(node);
      if (m.size === 0) this.labelNodes.delete(key);
    }
  };

  /** The nodes with pods carrying a label in a namespace (see NodeInfo.labelCounts), with counts. */
  nodesWithPodLabel(key: string): ReadonlyMap<NodeInfo, number> {
    return this.labelNodes.get(key) ?? EMPTY_NODE_COUNTS;
  }

  /**
   * Pods carrying a label in a namespace (a labelCounts key), summed per value of a node topology key
   * (values without such pods are absent). Kept up to date once asked for.
   */
  podsPerDomain(countKey: string, topologyKey: string): ReadonlyMap<string, number> {
    let byKey = this.domainIndex.get(countKey);
    if (!byKey) this.domainIndex.set(countKey, (byKey = new Map()));
    let d = byKey.get(topologyKey);
    if (!d) {
      d = new Map();
      for (const [node, n] of this.nodesWithPodLabel(countKey)) {
        const v = node.labels[topologyKey];
        if (v !== undefined) d.set(v, (d.get(v) ?? 0) + n);
      }
      byKey.set(topologyKey, d);
    }
    return d;
  }

  /** Number of nodes that have a label key. */
  nodesWithLabelKey(key: string): number {
    let n = this.topologyKeyNodes.get(key);
    if (n === undefined) {
      this.topologyValues(key);
      n = this.topologyKeyNodes.get(key) ?? 0;
    }
    return n;
  }
  private readonly topologyKeyNodes = new Map<string, number>();

  /** The values of a node label across nodes, with the number of nodes having each. */
  topologyValues(key: string): ReadonlyMap<string, number> {
    let m = this.topologyValueIndex.get(key);
    if (!m) {
      m = new Map();
      let withKey = 0;
      for (const n of this.nodes) {
        const v = n.labels[key];
        if (v !== undefined) {
          m.set(v, (m.get(v) ?? 0) + 1);
          withKey++;
        }
      }
      this.topologyValueIndex.set(key, m);
      this.topologyKeyNodes.set(key, withKey);
    }
    return m;
  }

  private indexTopology(labels: Labels, sign: 1 | -1): void {
    for (const [key, m] of this.topologyValueIndex) {
      const v = labels[key];
      if (v === undefined) continue;
      this.topologyKeyNodes.set(key, (this.topologyKeyNodes.get(key) ?? 0) + sign);
      const n = (m.get(v) ?? 0) + sign;
      if (n > 0) m.set(v, n);
      else m.delete(v);
    }
  }

  constructor(readonly store?: ReadonlyStore) {}

  /** Nodes with spec.unschedulable, and with NoSchedule or NoExecute taints (filters skip when none). */
  unschedulableNodes = 0;
  noScheduleTaintedNodes = 0;
  /** Nodes with PreferNoSchedule taints (TaintToleration scores 0 everywhere when none). */
  preferNoScheduleNodes = 0;

  private countNode(info: NodeInfo, sign: 1 | -1): void {
    if (info.unschedulable) this.unschedulableNodes += sign;
    if (info.preferNoScheduleTaints > 0) this.preferNoScheduleNodes += sign;
    if (info.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
      this.noScheduleTaintedNodes += sign;
  }

  /**
   * The pod nominator (pkg/scheduler/backend/queue/nominator.go): pending pods with
   * status.nominatedNodeName, by node name.
   */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNodeOf = new Map<string, string>();

  /** Number of pods nominated to some node. */
  get nominatedCount(): number {
    return this.nominatedNodeOf.size;
  }

  /** NominatedPodsForNode: the pending pods nominated to a node. */
  nominatedPodsFor(node: string): Iterable<PodInfo> {
    return this.nominated.get(node)?.values() ?? [];
  }

  /** Whether a pod is nominated to a node (and which). */
  nominatedNodeOfPod(key: string): string | undefined {
    return this.nominatedNodeOf.get(key);
  }

  private unnominate(key: string): void {
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    const m = this.nominated.get(node);
    m?.delete(key);
    if (m?.size === 0) this.nominated.delete(node);
  }

  private nominate(info: PodInfo, node: string): void {
    this.nominatedNodeOf.set(info.key, node);
    let m = this.nominated.get(node);
    if (!m) this.nominated.set(node, (m = new Map()));
    m.set(info.key, info);
  }

  /** A snapshot of every node and bound, non-terminal pod of a store. */
  static fromStore(store: ReadonlyStore): Snapshot {
    const s = new Snapshot(store);
    for (const n of store.each<Node & KubeObject>('Node')) s.upsertNode(n);
    for (const p of store.each<Pod & KubeObject>('Pod')) s.upsertPod(p);
    return s;
  }

  namespaceLabels(ns: string): Labels | undefined {
    return this.store?.get('Namespace', undefined, ns)?.metadata.labels;
  }

  upsertNode(node: Node & KubeObject): void {
    const existing = this.byName.get(node.metadata.name);
    if (existing) {
      this.countImages(existing, -1);
      this.countNode(existing, -1);
      this.indexTopology(existing.labels, -1);
      const relabelled = !sameLabels(existing.labels, node.metadata.labels ?? {});
      if (relabelled) this.domainIndex.clear();
      existing.setNode(node);
      if (relabelled)
        for (const key of existing.pods.keys())
          for (const e of this.antiByPod.get(key) ?? []) e.value = existing.labels[e.term.topologyKey];
      for (const [key, d] of this.domainTable) d.ids[existing.index] = internDomain(d, existing.labels[key]);
      this.countNode(existing, 1);
      this.countImages(existing, 1);
      this.indexTopology(existing.labels, 1);
      return;
    }
    const info = new NodeInfo(node);
    info.onLabelCount = this.labelIndexer;
    this.indexTopology(info.labels, 1);
    this.nodes.push(info);
    this.attachHot(info, this.nodes.length - 1);
    this.byName.set(info.name, info);
    this.countImages(info, 1);
    this.countNode(info, 1);
    const orphans = this.orphanPods.get(info.name);
    if (orphans)
      for (const p of orphans.values()) {
        info.addPod(p);
        this.registerPod(info, p);
      }
    this.orphanPods.delete(info.name);
    this.track(info);
  }

  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (!info) return;
    this.countImages(info, -1);
    this.countNode(info, -1);
    this.indexTopology(info.labels, -1);
    for (const key of info.labelCounts.keys()) this.labelIndexer(info, key, 0);
    for (const key of info.pods.keys()) this.unregisterPod(key);
    this.withAffinity.delete(info);
    this.withRequiredAntiAffinity.delete(info);
    info.listedWithAffinity = info.listedWithRequiredAntiAffinity = false;
    this.byName.delete(name);
    const i = this.nodes.indexOf(info);
    const own = info.hot.slice(info.base, info.base + HOT_STRIDE);
    this.nodes.splice(i, 1);
    this.arena.copyWithin(i * HOT_STRIDE, (i + 1) * HOT_STRIDE, (this.nodes.length + 1) * HOT_STRIDE);
    for (const d of this.domainTable.values()) {
      d.ids.copyWithin(i, i + 1, this.nodes.length + 1);
      d.ids[this.nodes.length] = -1;
    }
    for (let j = i; j < this.nodes.length; j++) {
      const n = this.nodes[j] as NodeInfo;
      n.base = j * HOT_STRIDE;
      n.index = j;
    }
    info.hot = own;
    info.base = 0;
    info.index = -1;
    if (info.pods.size) this.orphanPods.set(name, new Map(info.pods));
  }

  /** Moves a node's hot numbers into the arena at position i (growing it as needed). */
  private attachHot(info: NodeInfo, i: number): void {
    if ((i + 1) * HOT_STRIDE > this.arena.length) {
      const bigger = new Float64Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
      for (let j = 0; j < i; j++) (this.nodes[j] as NodeInfo).hot = bigger;
      for (const d of this.domainTable.values()) {
        const ids = new Int32Array(bigger.length / HOT_STRIDE).fill(-1);
        ids.set(d.ids);
        d.ids = ids;
      }
    }
    info.hot = this.arena;
    info.base = i * HOT_STRIDE;
    info.index = i;
    info.refreshHot();
    for (const [key, d] of this.domainTable) d.ids[i] = internDomain(d, info.labels[key]);
  }

  private readonly domainTable = new Map<string, Domains>();

  /** The interned values of a node label key (see Domains); kept up to date once asked for. */
  domains(key: string): Domains {
    let d = this.domainTable.get(key);
    if (!d) {
      d = { ids: new Int32Array(this.arena.length / HOT_STRIDE).fill(-1), values: [], idOf: new Map() };
      for (let i = 0; i < this.nodes.length; i++)
        d.ids[i] = internDomain(d, (this.nodes[i] as NodeInfo).labels[key]);
      this.domainTable.set(key, d);
    }
    return d;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const name of info.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(name, n);
      else this.imageNodes.delete(name);
    }
  }

  /**
   * Adds, moves or removes a pod according to its spec.nodeName and phase (terminal pods free resources);
   * a pending pod with status.nominatedNodeName is recorded as nominated. `previous`, the pod's former
   * version, lets its PodInfo be carried over when only the node or status changed.
   */
  upsertPod(pod: Pod & KubeObject, previous?: Pod & KubeObject): void {
    const info = previous ? podInfoCarried(pod, previous) : podInfoOf(pod);
    const phase = pod.status?.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const node = terminal ? undefined : pod.spec?.nodeName;
    if (node !== undefined && this.replaceInPlace(info, node)) return;
    this.removePod(info.key);
    this.unnominate(info.key);
    const nominated = pod.status?.nominatedNodeName;
    if (!node && nominated && !terminal && !pod.metadata.deletionTimestamp) this.nominate(info, nominated);
    if (!node) return;
    this.podNode.set(info.key, node);
    const n = this.byName.get(node);
    if (n) {
      n.addPod(info);
      this.registerPod(n, info);
      this.track(n);
    } else {
      let m = this.orphanPods.get(node);
      if (!m) this.orphanPods.set(node, (m = new Map()));
      m.set(info.key, info);
    }
  }

  /**
   * A new version of a pod that stays on its node and whose PodInfo was carried over (a status update):
   * the stored PodInfo is swapped without taking the pod's resources, labels and terms off and on again.
   */
  private replaceInPlace(info: PodInfo, node: string): boolean {
    if (this.podNode.get(info.key) !== node) return false;
    const n = this.byName.get(node);
    const old = n?.pods.get(info.key);
    if (!n || !old || old === info) return !!n && old === info;
    if (
      old.labels !== info.labels ||
      old.requests !== info.requests ||
      old.requiredAffinity !== info.requiredAffinity ||
      old.requiredAntiAffinity !== info.requiredAntiAffinity ||
      old.preferredAffinity !== info.preferredAffinity ||
      old.preferredAntiAffinity !== info.preferredAntiAffinity ||
      old.hostPorts !== info.hostPorts ||
      old.pod.metadata.deletionTimestamp !== info.pod.metadata.deletionTimestamp
    )
      return false;
    n.pods.set(info.key, info);
    const scoring = this.scoringAffinityPods.get(info.key);
    if (scoring) scoring.pod = info;
    return true;
  }

  removePod(key: string): void {
    this.unnominate(key);
    const node = this.podNode.get(key);
    if (node === undefined) return;
    this.podNode.delete(key);
    const n = this.byName.get(node);
    if (n) {
      n.removePod(key);
      this.unregisterPod(key);
      this.track(n);
    }
    this.orphanPods.get(node)?.delete(key);
  }

  private track(n: NodeInfo): void {
    // The sets change only when a node enters or leaves them (most pods change neither).
    const affinity = n.podsWithAffinity > 0;
    if (affinity !== n.listedWithAffinity) {
      n.listedWithAffinity = affinity;
      if (affinity) this.withAffinity.add(n);
      else this.withAffinity.delete(n);
    }
    const anti = n.podsWithRequiredAntiAffinity > 0;
    if (anti !== n.listedWithRequiredAntiAffinity) {
      n.listedWithRequiredAntiAffinity = anti;
      if (anti) this.withRequiredAntiAffinity.add(n);
      else this.withRequiredAntiAffinity.delete(n);
    }
  }

  /** The node a pod is counted on, if any. */
  nodeOfPod(key: string): string | undefined {
    return this.podNode.get(key);
  }
}
