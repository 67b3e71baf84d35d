/** InterPodAffinity filtering (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go). */
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';
import { termMatches, type AffinityTerm } from '../../framework/podInfo';
import type { CycleState, Status } from '../../framework/types';
import { constantStatus } from '../../framework/types';

export const ERR_REASON_EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const AFFINITY = constantStatus('InterPodAffinity', 'UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
const ANTI_AFFINITY = constantStatus('InterPodAffinity', 'Unschedulable', ERR_REASON_ANTI_AFFINITY);
const EXISTING_ANTI = constantStatus('InterPodAffinity', 'Unschedulable', ERR_REASON_EXISTING_ANTI);

/** Counts per topology pair `key\0value`. */
type Counts = Map<string, number>;

export interface FilterState {
  existingAnti: Counts;
  affinity: Counts;
  anti: Counts;
}

function inc(m: Counts, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const k = `${key}\0${value}`;
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** PreFilter: the three topology-pair counts over the existing pods. */
export function computeFilterState(state: CycleState): FilterState {
  const s: FilterState = { existingAnti: new Map(), affinity: new Map(), anti: new Map() };
  const me = state.podInfo;
  const nsLabels = (ns: string) => state.snapshot.namespaceLabels(ns);
  const snap = state.snapshot;
  // Existing pods' anti-affinity terms that select the incoming pod: indexed by namespace/label, the rest scanned.
  for (const k in me.labels)
    for (const e of snap.antiTermsSelecting(`${me.namespace}\0${k}\0${me.labels[k] as string}`))
      inc(s.existingAnti, e.term.topologyKey, e.node.labels[e.term.topologyKey]);
  for (const e of snap.antiUnindexed)
    if (termMatches(e.term, me, nsLabels))
      inc(s.existingAnti, e.term.topologyKey, e.node.labels[e.term.topologyKey]);
  // The incoming pod's anti-affinity terms: one-label terms from the label index (which leaves terminating
  // pods out, so only while there are none), the rest and the affinity terms by a scan of every pod.
  const indexable = snap.terminating.size === 0;
  const scanned: AffinityTerm[] = [];
  for (const t of me.requiredAntiAffinity) {
    if (!indexable || t.indexKey === undefined) {
      scanned.push(t);
      continue;
    }
    for (const [node, n] of snap.nodesWithPodLabel(t.indexKey)) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined)
        s.anti.set(`${t.topologyKey}\0${v}`, (s.anti.get(`${t.topologyKey}\0${v}`) ?? 0) + n);
    }
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

function count(m: Counts, t: AffinityTerm, node: NodeInfo): number {
  const v = node.labels[t.topologyKey];
  return v === undefined ? 0 : (m.get(`${t.topologyKey}\0${v}`) ?? 0);
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

/** Filter: the incoming pod's affinity, its anti-affinity, then existing pods' anti-affinity. */
export function filterNode(state: CycleState, s: FilterState, node: NodeInfo): Status | undefined {
  const me = state.podInfo;
  if (!satisfyPodAffinity(s, me, node, (ns) => state.snapshot.namespaceLabels(ns))) return AFFINITY;
  for (const t of me.requiredAntiAffinity) if (count(s.anti, t, node) > 0) return ANTI_AFFINITY;
  if (s.existingAnti.size > 0)
    for (const k in node.labels)
      if ((s.existingAnti.get(`${k}\0${node.labels[k] as string}`) ?? 0) > 0) return EXISTING_ANTI;
  return undefined;
}
