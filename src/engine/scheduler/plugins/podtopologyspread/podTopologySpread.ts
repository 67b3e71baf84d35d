/** PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{filtering,scoring}.go). */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { CycleState, Plugin } from '../../framework/types';
import { SKIP, constantStatus } from '../../framework/types';
import {
  HOSTNAME,
  countMatching,
  labelCountKey,
  defaultConstraints,
  nodeHasAllKeys,
  nodeIncluded,
  podConstraints,
  type Constraint,
  type PodTopologySpreadArgs,
} from './constraints';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const MISSING_LABEL = constantStatus(
  'PodTopologySpread',
  'UnschedulableAndUnresolvable',
  ERR_REASON_NODE_LABEL_NOT_MATCH,
);
const NOT_MATCH = constantStatus('PodTopologySpread', 'Unschedulable', ERR_REASON_CONSTRAINTS_NOT_MATCH);

/** Matching pods on a node: the label index for one-label selectors, a scan otherwise. */
function count(node: NodeInfo, c: Constraint, namespace: string): number {
  return c.countKey !== undefined
    ? (node.labelCounts.get(c.countKey) ?? 0)
    : countMatching(node, c.selector, namespace);
}

function constraintsFor(
  state: CycleState,
  args: PodTopologySpreadArgs,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const cs =
    (state.pod.spec?.topologySpreadConstraints ?? []).length > 0
      ? podConstraints(state.pod, action)
      : defaultConstraints(state.pod, args, state.snapshot.store, action);
  for (const c of cs) c.countKey = labelCountKey(c.selector, state.podInfo.namespace);
  return cs;
}

/** One constraint's PreFilter counts: matching pods per domain, the number of domains, the global minimum. */
interface DomainCounts {
  counts: Map<string, number>;
  domains: number;
  min: number;
}

interface FilterState {
  constraints: Constraint[];
  perConstraint: DomainCounts[];
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Array<Map<string, number>>;
  weights: number[];
}

/** Node inclusion cannot exclude a node: no nodeSelector or required node affinity, taints ignored. */
function includesEveryNode(state: CycleState, cs: readonly Constraint[]): boolean {
  const spec = state.pod.spec;
  const affinity =
    !!spec?.nodeSelector || !!spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return cs.every((c) => !c.honorTaints && (!c.honorAffinity || !affinity));
}

/**
 * The fast path of calPreFilterState for one constraint whose selector is one label and whose nodes are
 * all included: domains from the topology index, counts from the nodes that have matching pods.
 */
function indexedCounts(state: CycleState, c: Constraint): DomainCounts {
  const values = state.snapshot.topologyValues(c.topologyKey);
  const counts = new Map<string, number>();
  for (const [node, n] of state.snapshot.nodesWithPodLabel(c.countKey as string)) {
    const v = node.labels[c.topologyKey];
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + n);
  }
  return { counts, domains: values.size, min: minOf(counts, values.size) };
}

function minOf(counts: Map<string, number>, domains: number): number {
  if (counts.size < domains) return 0;
  let min = Infinity;
  for (const v of counts.values()) if (v < min) min = v;
  return min === Infinity ? 0 : min;
}

function preFilter(state: CycleState, args: PodTopologySpreadArgs): FilterState | undefined {
  const constraints = constraintsFor(state, args, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  if (
    constraints.length === 1 &&
    constraints[0]?.countKey !== undefined &&
    includesEveryNode(state, constraints)
  )
    return { constraints, perConstraint: [indexedCounts(state, constraints[0])] };
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of state.snapshot.nodes) {
    if (!nodeHasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (!nodeIncluded(c, state.pod, node)) continue;
      const value = node.labels[c.topologyKey] as string;
      const m = counts[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + count(node, c, state.podInfo.namespace));
    }
  }
  return {
    constraints,
    perConstraint: counts.map((m) => {
      let min = Infinity;
      for (const v of m.values()) if (v < min) min = v;
      return { counts: m, domains: m.size, min: min === Infinity ? 0 : min };
    }),
  };
}

function filter(state: CycleState, s: FilterState, node: NodeInfo) {
  if (!nodeHasAllKeys(node, s.constraints)) return MISSING_LABEL;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as Constraint;
    const d = s.perConstraint[i] as DomainCounts;
    const minMatch = d.domains < c.minDomains ? 0 : d.min;
    const self = c.selector.matches(state.podInfo.labels) ? 1 : 0;
    const skew = (d.counts.get(node.labels[c.topologyKey] as string) ?? 0) + self - minMatch;
    if (skew > c.maxSkew) return NOT_MATCH;
  }
  return undefined;
}

function preScore(
  state: CycleState,
  args: PodTopologySpreadArgs,
  nodes: readonly NodeInfo[],
): ScoreState | undefined {
  const constraints = constraintsFor(state, args, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  const requireAll =
    (state.pod.spec?.topologySpreadConstraints ?? []).length > 0 ||
    (args.defaultingType ?? 'System') !== 'System';
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of nodes) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) {
      ignored.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      const v = node.labels[c.topologyKey];
      if (c.topologyKey !== HOSTNAME && v !== undefined) (counts[i] as Map<string, number>).set(v, 0);
    });
  }
  const weights = constraints.map((c, i) =>
    Math.log(
      (c.topologyKey === HOSTNAME ? nodes.length - ignored.size : (counts[i] as Map<string, number>).size) +
        2,
    ),
  );
  if (constraints.every((c) => c.countKey !== undefined) && includesEveryNode(state, constraints)) {
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME) return;
      const m = counts[i] as Map<string, number>;
      for (const [node, n] of state.snapshot.nodesWithPodLabel(c.countKey as string)) {
        if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
        const v = node.labels[c.topologyKey];
        if (v !== undefined && m.has(v)) m.set(v, (m.get(v) as number) + n);
      }
    });
    return { constraints, ignored, counts, weights };
  }
  for (const node of state.snapshot.nodes) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME || !nodeIncluded(c, state.pod, node)) return;
      const m = counts[i] as Map<string, number>;
      const v = node.labels[c.topologyKey];
      if (v === undefined || !m.has(v)) return;
      m.set(v, (m.get(v) as number) + count(node, c, state.podInfo.namespace));
    });
  }
  return { constraints, ignored, counts, weights };
}

function score(state: CycleState, s: ScoreState, node: NodeInfo): number {
  if (s.ignored.has(node.name)) return 0;
  let sum = 0;
  s.constraints.forEach((c, i) => {
    const v = node.labels[c.topologyKey];
    if (v === undefined) return;
    const cnt =
      c.topologyKey === HOSTNAME
        ? count(node, c, state.podInfo.namespace)
        : ((s.counts[i] as Map<string, number>).get(v) ?? 0);
    sum += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
  });
  return Math.round(sum);
}

/** Filter: DoNotSchedule constraints (skew). Score: ScheduleAnyway constraints, fewer matching pods is better. */
export function podTopologySpread(args: PodTopologySpreadArgs = {}): Plugin {
  const FILTER = 'PodTopologySpread/filter';
  const SCORE = 'PodTopologySpread/score';
  return {
    name: 'PodTopologySpread',
    preFilter(state) {
      const s = preFilter(state, args);
      if (!s) return SKIP;
      state.data.set(FILTER, s);
      return undefined;
    },
    filter(state, node) {
      return filter(state, state.data.get(FILTER) as FilterState, node);
    },
    preScore(state, nodes) {
      const s = preScore(state, args, nodes);
      if (!s) return SKIP;
      state.data.set(SCORE, s);
      return undefined;
    },
    score(state, node) {
      return score(state, state.data.get(SCORE) as ScoreState, node);
    },
    normalizeScore(state, scores, nodes) {
      const s = state.data.get(SCORE) as ScoreState;
      let min = Infinity;
      let max = 0;
      nodes.forEach((n, i) => {
        if (s.ignored.has(n.name)) return;
        min = Math.min(min, scores[i] as number);
        max = Math.max(max, scores[i] as number);
      });
      nodes.forEach((n, i) => {
        if (s.ignored.has(n.name)) scores[i] = 0;
        else if (max === 0) scores[i] = 100;
        else scores[i] = Math.trunc((100 * (max + min - (scores[i] as number))) / max);
      });
    },
  };
}
