/** InterPodAffinity filtering (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go). */
import type { NodeInfo, PodInfo, Snapshot } from '../../framework/nodeInfo';
import { podLabelKeys, termMatches, type AffinityTerm } from '../../framework/podInfo';
import type { CloneableState, CycleState, QuickTest, Status } from '../../framework/types';
import { constantStatus } from '../../framework/types';

export const ERR_REASON_EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const AFFINITY = constantStatus('InterPodAffinity', 'UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
const ANTI_AFFINITY = constantStatus('InterPodAffinity', 'Unschedulable', ERR_REASON_ANTI_AFFINITY);
const EXISTING_ANTI = constantStatus('InterPodAffinity', 'Unschedulable', ERR_REASON_EXISTING_ANTI);

/**
 * topologyToMatchedTermCount: counts per topology pair (key, value), nested by key so that a node is checked
 * without building strings; pairs that drop to zero are deleted, as upstream does.
 */
export class PairCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  size = 0;

  add(key: string, value: string | undefined, delta: number): void {
    if (value === undefined) return;
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const before = m.get(value);
    const n = (before ?? 0) + delta;
    if (n === 0) {
      if (before !== undefined) {
        m.delete(value);
        this.size--;
      }
      return;
    }
    if (before === undefined) this.size++;
    m.set(value, n);
  }

  get(key: string, value: string | undefined): number {
    return value === undefined ? 0 : (this.byKey.get(key)?.get(value) ?? 0);
  }

  clone(): PairCounts {
    const c = new PairCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    c.size = this.size;
    return c;
  }
}

/** preFilterState: existing pods' anti-affinity, and the incoming pod's affinity and anti-affinity counts. */
export class FilterState implements CloneableState {
  constructor(
    readonly existingAnti = new PairCounts(),
    readonly affinity = new PairCounts(),
    readonly anti = new PairCounts(),
  ) {}

  /** Filter's lookups by interned domain id, made on first use; dropped whenever the counts change. */
  fast: FastLookups | undefined;

  clone(): FilterState {
    return new FilterState(this.existingAnti.clone(), this.affinity.clone(), this.anti.clone());
  }
}

/** For one topology key: each node's domain id, and whether a domain's count is above zero. */
interface DomainHits {
  ids: Int32Array;
  hit: Uint8Array;
}

interface FastLookups {
  /** One per required anti-affinity term of the incoming pod, in order. */
  anti: DomainHits[];
  /** One per topology key of existing pods' anti-affinity. */
  existing: DomainHits[];
}

function domainHits(snapshot: Snapshot, key: string, m: ReadonlyMap<string, number> | undefined): DomainHits {
  const d = snapshot.domains(key);
  const hit = new Uint8Array(d.values.length);
  if (m)
    for (const [v, n] of m) {
      const id = d.idOf.get(v);
      if (id !== undefined && n > 0) hit[id] = 1;
    }
  return { ids: d.ids, hit };
}

function fastLookups(snapshot: Snapshot, s: FilterState, me: PodInfo): FastLookups {
  return {
    anti: me.requiredAntiAffinity.map((t) =>
      domainHits(snapshot, t.topologyKey, s.anti.byKey.get(t.topologyKey)),
    ),
    existing: [...s.existingAnti.byKey].map(([k, m]) => domainHits(snapshot, k, m)),
  };
}

function anyHit(list: readonly DomainHits[], index: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const l = list[i] as DomainHits;
    const id = l.ids[index] as number;
    if (id >= 0 && l.hit[id] === 1) return true;
  }
  return false;
}

function inc(m: PairCounts, key: string, value: string | undefined, n = 1): void {
  m.add(key, value, n);
}

/**
 * Whether an existing pod's required anti-affinity term may select the incoming pod: one indexed by one of
 * its labels, or one that cannot be indexed (checked in computeFilterState).
 */
export function existingAntiMaySelect(state: CycleState): boolean {
  const snap = state.snapshot;
  if (snap.antiUnindexed.size > 0) return true;
  for (const key of podLabelKeys(state.podInfo)) if (snap.antiTermsSelecting(key).size > 0) return true;
  return false;
}

/** PreFilter: the three topology-pair counts over the existing pods. */
export function computeFilterState(state: CycleState): FilterState {
  const s = new FilterState();
  const me = state.podInfo;
  const nsLabels = (ns: string) => state.snapshot.namespaceLabels(ns);
  const snap = state.snapshot;
  // Existing pods' anti-affinity terms that select the incoming pod: indexed by namespace/label, the rest scanned.
  for (const key of podLabelKeys(me))
    for (const e of snap.antiTermsSelecting(key)) inc(s.existingAnti, e.term.topologyKey, e.value);
  for (const e of snap.antiUnindexed)
    if (termMatches(e.term, me, nsLabels)) inc(s.existingAnti, e.term.topologyKey, e.value);
  // The incoming pod's anti-affinity terms: one-label terms from the label index (which leaves terminating
  // pods out, so only while there are none), the rest and the affinity terms by a scan of every pod.
  const indexable = snap.terminating.size === 0;
  const scanned: AffinityTerm[] = [];
  for (const t of me.requiredAntiAffinity) {
    if (!indexable || t.indexKey === undefined) {
      scanned.push(t);
      continue;
    }
    for (const [v, n] of snap.podsPerDomain(t.indexKey, t.topologyKey)) inc(s.anti, t.topologyKey, v, n);
  }
  if (me.requiredAffinity.length === 0 && scanned.length === 0) return s;
  for (const node of snap.nodes) {
    if (node.pods.size === 0) continue;
    for (const e of node.pods.values()) {
      if (me.requiredAffinity.length > 0 && me.requiredAffinity.every((t) => termMatches(t, e, nsLabels)))
        for (const t of me.requiredAffinity) inc(s.affinity, t.topologyKey, node.labels[t.topologyKey]);
      for (const t of scanned)
        if (termMatches(t, e, nsLabels)) inc(s.anti, t.topologyKey, node.labels[t.topologyKey]);
    }
  }
  return s;
}

function count(m: PairCounts, t: AffinityTerm, node: NodeInfo): number {
  return m.get(t.topologyKey, node.labels[t.topologyKey]);
}

function satisfyPodAffinity(
  s: FilterState,
  me: PodInfo,
  node: NodeInfo,
  nsLabels: (ns: string) => Record<string, string> | undefined,
): boolean {
  let podsExist = true;
  for (const t of me.requiredAffinity) {
    if (!(t.topologyKey in node.labels)) return false;
    if (count(s.affinity, t, node) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group that matches its own affinity terms may go anywhere with the keys.
  return s.affinity.size === 0 && me.requiredAffinity.every((t) => termMatches(t, me, nsLabels));
}

/** Plugin.passes: the anti-affinity checks by snapshot position, for a pod without required affinity. */
export function quickPasses(state: CycleState, s: FilterState): QuickTest | undefined {
  const me = state.podInfo;
  if (me.requiredAffinity.length > 0) return undefined;
  const f = (s.fast ??= fastLookups(state.snapshot, s, me));
  return (i) => (anyHit(f.anti, i) ? ANTI_AFFINITY : anyHit(f.existing, i) ? EXISTING_ANTI : true);
}

/** Filter: the incoming pod's affinity, its anti-affinity, then existing pods' anti-affinity. */
export function filterNode(state: CycleState, s: FilterState, node: NodeInfo): Status | undefined {
  const me = state.podInfo;
  const snap = state.snapshot;
  if (
    me.requiredAffinity.length > 0 &&
    !satisfyPodAffinity(s, me, node, (ns) => state.snapshot.namespaceLabels(ns))
  )
    return AFFINITY;
  if (node.index >= 0 && snap.nodes[node.index] === node) {
    // The same checks through interned domain ids (a node of the snapshot, not a what-if clone).
    const f = (s.fast ??= fastLookups(snap, s, me));
    if (anyHit(f.anti, node.index)) return ANTI_AFFINITY;
    if (anyHit(f.existing, node.index)) return EXISTING_ANTI;
    return undefined;
  }
  for (const t of me.requiredAntiAffinity) if (count(s.anti, t, node) > 0) return ANTI_AFFINITY;
  if (s.existingAnti.size > 0)
    for (const [k, m] of s.existingAnti.byKey) {
      const v = node.labels[k];
      if (v !== undefined && (m.get(v) ?? 0) > 0) return EXISTING_ANTI;
    }
  return undefined;
}

/** updateWithPod: AddPod (multiplier 1) and RemovePod (-1) of an existing pod on a node. */
export function updateWithPod(
  state: CycleState,
  s: FilterState,
  p: PodInfo,
  node: NodeInfo,
  multiplier: 1 | -1,
): void {
  const me = state.podInfo;
  const nsLabels = (ns: string) => state.snapshot.namespaceLabels(ns);
  s.fast = undefined;
  for (const t of p.requiredAntiAffinity)
    if (termMatches(t, me, nsLabels))
      inc(s.existingAnti, t.topologyKey, node.labels[t.topologyKey], multiplier);
  if (me.requiredAffinity.length > 0 && me.requiredAffinity.every((t) => termMatches(t, p, nsLabels)))
    for (const t of me.requiredAffinity)
      inc(s.affinity, t.topologyKey, node.labels[t.topologyKey], multiplier);
  for (const t of me.requiredAntiAffinity)
    if (termMatches(t, p, nsLabels)) inc(s.anti, t.topologyKey, node.labels[t.topologyKey], multiplier);
}
