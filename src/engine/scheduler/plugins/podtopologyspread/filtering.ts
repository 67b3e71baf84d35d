/**
 * PodTopologySpread PreFilter state and Filter (pkg/scheduler/framework/plugins/podtopologyspread/
 * filtering.go): matching pods per domain, the two critical paths per constraint, and the AddPod/RemovePod
 * extensions that preemption and nominated pods use to update them.
 */
import type { Domains, NodeInfo, PodInfo, Snapshot } from '../../framework/nodeInfo';
import type { CloneableState, CycleState, Status } from '../../framework/types';
import { constantStatus } from '../../framework/types';
import { countMatching, nodeHasAllKeys, nodeIncluded, type Constraint } from './constraints';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const MISSING_LABEL = constantStatus(
  'PodTopologySpread',
  'UnschedulableAndUnresolvable',
  ERR_REASON_NODE_LABEL_NOT_MATCH,
);
const NOT_MATCH = constantStatus('PodTopologySpread', 'Unschedulable', ERR_REASON_CONSTRAINTS_NOT_MATCH);
const MAX_INT32 = 2147483647;

/**
 * criticalPaths: the two domains with the fewest matching pods as upstream tracks them (the first always
 * holds the minimum after PreFilter; updates keep upstream's approximation exactly).
 */
export class CriticalPaths {
  v0 = '';
  n0 = MAX_INT32;
  v1 = '';
  n1 = MAX_INT32;

  update(value: string, num: number): void {
    if (value === this.v0 || value === this.v1) {
      if (value === this.v0) this.n0 = num;
      else this.n1 = num;
      if (this.n0 > this.n1) {
        const [v, n] = [this.v0, this.n0];
        this.v0 = this.v1;
        this.n0 = this.n1;
        this.v1 = v;
        this.n1 = n;
      }
    } else if (num < this.n0) {
      this.v1 = this.v0;
      this.n1 = this.n0;
      this.v0 = value;
      this.n0 = num;
    } else if (num < this.n1) {
      this.v1 = value;
      this.n1 = num;
    }
  }

  copy(): CriticalPaths {
    const c = new CriticalPaths();
    c.v0 = this.v0;
    c.n0 = this.n0;
    c.v1 = this.v1;
    c.n1 = this.n1;
    return c;
  }
}

/** preFilterState: per constraint, matching pods per topology value and the critical paths. */
export class SpreadFilterState implements CloneableState {
  constructor(
    readonly constraints: Constraint[],
    readonly counts: Array<Map<string, number>>,
    readonly paths: CriticalPaths[],
    /** Whether the incoming pod matches each constraint's selector (selfMatchNum). */
    readonly selfMatch: number[],
  ) {}

  /**
   * Filter's verdicts by constraint and domain id (0: not yet known, 1: fits, 2: skew too big), made as
   * nodes are filtered; dropped whenever the counts change.
   */
  verdicts: Uint8Array[] | undefined;
  domains: Domains[] | undefined;

  /** preFilterState.minMatchNum: the global minimum, 0 when there are fewer domains than minDomains. */
  minMatchNum(i: number): number {
    const c = this.constraints[i] as Constraint;
    return (this.counts[i] as Map<string, number>).size < c.minDomains
      ? 0
      : (this.paths[i] as CriticalPaths).n0;
  }

  clone(): SpreadFilterState {
    return new SpreadFilterState(
      this.constraints,
      this.counts.map((m) => new Map(m)),
      this.paths.map((p) => p.copy()),
      this.selfMatch,
    );
  }
}

/** The one-label, every-node case: domains from the topology index, counts from the snapshot's domain index. */
function indexedCounts(state: CycleState, c: Constraint): Map<string, number> {
  const values = state.snapshot.topologyValues(c.topologyKey);
  const matched = state.snapshot.podsPerDomain(c.countKey as string, c.topologyKey);
  const counts = new Map<string, number>();
  for (const v of values.keys()) counts.set(v, matched.get(v) ?? 0);
  return counts;
}

/** calPreFilterState over every node of the snapshot. */
export function calPreFilterState(
  state: CycleState,
  constraints: Constraint[],
  includesEveryNode: boolean,
): SpreadFilterState {
  let counts: Array<Map<string, number>>;
  if (constraints.length === 1 && constraints[0]?.countKey !== undefined && includesEveryNode)
    counts = [indexedCounts(state, constraints[0])];
  else {
    counts = constraints.map(() => new Map<string, number>());
    for (const node of state.snapshot.nodes) {
      if (!nodeHasAllKeys(node, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i] as Constraint;
        if (!nodeIncluded(c, state.pod, node)) continue;
        const value = node.labels[c.topologyKey] as string;
        const m = counts[i] as Map<string, number>;
        m.set(
          value,
          (m.get(value) ?? 0) + countMatching(node, c.selector, state.podInfo.namespace, c.countKey),
        );
      }
    }
  }
  const paths = counts.map((m) => {
    const p = new CriticalPaths();
    for (const [v, n] of m) p.update(v, n);
    return p;
  });
  const selfMatch = constraints.map((c) => (c.selector.matches(state.podInfo.labels) ? 1 : 0));
  return new SpreadFilterState(constraints, counts, paths, selfMatch);
}

/** verdictAt's answers. */
const FITS = 0;
const NO_LABEL = 1;
const TOO_SKEWED = 2;

/**
 * Filter's verdict for the node at a snapshot position, read by interned domain id: FITS, NO_LABEL (a
 * topology key missing) or TOO_SKEWED, the first constraint that fails deciding, as in filterNode.
 */
function verdictAt(s: SpreadFilterState, snapshot: Snapshot, index: number): number {
  const cs = s.constraints;
  let doms = s.domains;
  let verdicts = s.verdicts;
  if (!doms || !verdicts) {
    doms = s.domains = cs.map((c) => snapshot.domains(c.topologyKey));
    verdicts = s.verdicts = doms.map((d) => new Uint8Array(d.values.length));
  }
  for (let i = 0; i < cs.length; i++) {
    const d = (doms[i] as Domains).ids[index] as number;
    if (d < 0) return NO_LABEL;
    const memo = verdicts[i] as Uint8Array;
    let v = memo[d] as number;
    if (v === 0) {
      const c = cs[i] as Constraint;
      const counts = s.counts[i] as Map<string, number>;
      const minMatch = counts.size < c.minDomains ? 0 : (s.paths[i] as CriticalPaths).n0;
      const n = counts.get((doms[i] as Domains).values[d] as string) ?? 0;
      v = memo[d] = n + (s.selfMatch[i] as number) - minMatch > c.maxSkew ? 2 : 1;
    }
    if (v === 2) return TOO_SKEWED;
  }
  return FITS;
}

/** Plugin.passes: the node at a snapshot position fits (true), or Filter's status for it. */
export function passesAt(s: SpreadFilterState, snapshot: Snapshot, index: number): true | Status {
  const v = verdictAt(s, snapshot, index);
  return v === FITS ? true : v === NO_LABEL ? MISSING_LABEL : NOT_MATCH;
}

/** Filter: every constraint's skew on the node's domain, in constraint order. */
export function filterNode(s: SpreadFilterState, node: NodeInfo, snapshot?: Snapshot): Status | undefined {
  const cs = s.constraints;
  // A node of the snapshot (not a what-if clone): its domains read by interned id.
  if (snapshot && node.index >= 0 && snapshot.nodes[node.index] === node) {
    const v = verdictAt(s, snapshot, node.index);
    return v === FITS ? undefined : v === NO_LABEL ? MISSING_LABEL : NOT_MATCH;
  }
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Constraint;
    const v = node.labels[c.topologyKey];
    if (v === undefined) return MISSING_LABEL;
    const counts = s.counts[i] as Map<string, number>;
    const minMatch = counts.size < c.minDomains ? 0 : (s.paths[i] as CriticalPaths).n0;
    if ((counts.get(v) ?? 0) + (s.selfMatch[i] as number) - minMatch > c.maxSkew) return NOT_MATCH;
  }
  return undefined;
}

/** updateWithPod: AddPod (delta 1) and RemovePod (delta -1). */
export function updateWithPod(
  state: CycleState,
  s: SpreadFilterState,
  pod: PodInfo,
  node: NodeInfo,
  delta: 1 | -1,
): void {
  if (pod.namespace !== state.podInfo.namespace) return;
  if (!nodeHasAllKeys(node, s.constraints)) return;
  s.verdicts = undefined;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as Constraint;
    if (!c.selector.matches(pod.labels)) continue;
    if (!nodeIncluded(c, state.pod, node)) continue;
    const v = node.labels[c.topologyKey] as string;
    const m = s.counts[i] as Map<string, number>;
    const n = (m.get(v) ?? 0) + delta;
    m.set(v, n);
    (s.paths[i] as CriticalPaths).update(v, n);
  }
}
