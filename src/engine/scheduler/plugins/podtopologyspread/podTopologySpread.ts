/** PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{filtering,scoring}.go). */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { CycleState, Plugin } from '../../framework/types';
import { SKIP, unresolvable, unschedulable } from '../../framework/types';
import {
  HOSTNAME,
  countMatching,
  defaultConstraints,
  nodeHasAllKeys,
  nodeIncluded,
  podConstraints,
  type Constraint,
  type PodTopologySpreadArgs,
} from './constraints';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

interface FilterState {
  constraints: Constraint[];
  counts: Array<Map<string, number>>;
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Array<Map<string, number>>;
  weights: number[];
}

function constraintsFor(
  state: CycleState,
  args: PodTopologySpreadArgs,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  if ((state.pod.spec?.topologySpreadConstraints ?? []).length > 0) return podConstraints(state.pod, action);
  return defaultConstraints(state.pod, args, state.snapshot.store, action);
}

function preFilter(state: CycleState, args: PodTopologySpreadArgs): FilterState | undefined {
  const constraints = constraintsFor(state, args, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of state.snapshot.nodes) {
    if (!nodeHasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (!nodeIncluded(c, state.pod, node)) continue;
      const value = node.labels[c.topologyKey] as string;
      const m = counts[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + countMatching(node, c.selector, state.podInfo.namespace));
    }
  }
  return { constraints, counts };
}

function filter(state: CycleState, s: FilterState, node: NodeInfo) {
  if (!nodeHasAllKeys(node, s.constraints)) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as Constraint;
    const m = s.counts[i] as Map<string, number>;
    let min = Infinity;
    for (const v of m.values()) if (v < min) min = v;
    const minMatch = m.size < c.minDomains || min === Infinity ? 0 : min;
    const self = c.selector.matches(state.podInfo.labels) ? 1 : 0;
    const skew = (m.get(node.labels[c.topologyKey] as string) ?? 0) + self - minMatch;
    if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
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
  for (const node of state.snapshot.nodes) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME || !nodeIncluded(c, state.pod, node)) return;
      const m = counts[i] as Map<string, number>;
      const v = node.labels[c.topologyKey];
      if (v === undefined || !m.has(v)) return;
      m.set(v, (m.get(v) as number) + countMatching(node, c.selector, state.podInfo.namespace));
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
        ? countMatching(node, c.selector, state.podInfo.namespace)
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
