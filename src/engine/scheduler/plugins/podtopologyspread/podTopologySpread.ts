/** PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{filtering,scoring}.go). */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { CycleState, Plugin } from '../../framework/types';
import { SKIP } from '../../framework/types';
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
import { calPreFilterState, filterNode, updateWithPod, type SpreadFilterState } from './filtering';

export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering';

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

interface ScoreState {
  constraints: Constraint[];
  /** Names of nodes left out (missing a topology key); undefined when none. */
  ignored: Set<string> | undefined;
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

/** initPreScoreState: the domains among the filtered nodes, their weights, and the matching pods in each. */
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
  let ignored: Set<string> | undefined;
  const counts = constraints.map(() => new Map<string, number>());
  const snap = state.snapshot;
  const everyNodeHasKeys =
    !requireAll || constraints.every((c) => snap.nodesWithLabelKey(c.topologyKey) === snap.nodes.length);
  for (const node of nodes) {
    if (!everyNodeHasKeys && !nodeHasAllKeys(node, constraints)) {
      (ignored ??= new Set()).add(node.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (c.topologyKey === HOSTNAME) continue;
      const v = node.labels[c.topologyKey];
      const m = counts[i] as Map<string, number>;
      if (v !== undefined && !m.has(v)) m.set(v, 0);
    }
  }
  const weights = constraints.map((c, i) =>
    Math.log(
      (c.topologyKey === HOSTNAME
        ? nodes.length - (ignored?.size ?? 0)
        : (counts[i] as Map<string, number>).size) + 2,
    ),
  );
  if (
    everyNodeHasKeys &&
    constraints.every((c) => c.countKey !== undefined) &&
    includesEveryNode(state, constraints)
  ) {
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (c.topologyKey === HOSTNAME) continue;
      const m = counts[i] as Map<string, number>;
      const matched = snap.podsPerDomain(c.countKey as string, c.topologyKey);
      for (const v of m.keys()) m.set(v, matched.get(v) ?? 0);
    }
    return { constraints, ignored, counts, weights };
  }
  for (const node of snap.nodes) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (c.topologyKey === HOSTNAME || !nodeIncluded(c, state.pod, node)) continue;
      const m = counts[i] as Map<string, number>;
      const v = node.labels[c.topologyKey];
      if (v === undefined || !m.has(v)) continue;
      m.set(v, (m.get(v) as number) + countMatching(node, c.selector, state.podInfo.namespace, c.countKey));
    }
  }
  return { constraints, ignored, counts, weights };
}

function score(state: CycleState, s: ScoreState, node: NodeInfo): number {
  if (s.ignored?.has(node.name)) return 0;
  let sum = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as Constraint;
    const v = node.labels[c.topologyKey];
    if (v === undefined) continue;
    const cnt =
      c.topologyKey === HOSTNAME
        ? countMatching(node, c.selector, state.podInfo.namespace, c.countKey)
        : ((s.counts[i] as Map<string, number>).get(v) ?? 0);
    sum += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
  }
  return Math.round(sum);
}

function normalize(s: ScoreState, scores: number[], nodes: readonly NodeInfo[]): void {
  const ignored = s.ignored;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (ignored?.has((nodes[i] as NodeInfo).name)) continue;
    const v = scores[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < nodes.length; i++) {
    if (ignored?.has((nodes[i] as NodeInfo).name)) scores[i] = 0;
    else if (max === 0) scores[i] = 100;
    else scores[i] = Math.trunc((100 * (max + min - (scores[i] as number))) / max);
  }
}

/** Filter: DoNotSchedule constraints (skew). Score: ScheduleAnyway constraints, fewer matching pods is better. */
export function podTopologySpread(args: PodTopologySpreadArgs = {}): Plugin {
  const FILTER = 'PodTopologySpread/filter';
  const SCORE = 'PodTopologySpread/score';
  // The filter state of the cycle seen last: Filter runs per node, the lookup once per cycle state.
  let lastState: CycleState | undefined;
  let lastFilter: SpreadFilterState | undefined;
  return {
    name: 'PodTopologySpread',
    preFilter(state) {
      const constraints = constraintsFor(state, args, 'DoNotSchedule');
      if (constraints.length === 0) return SKIP;
      state.data.set(FILTER, calPreFilterState(state, constraints, includesEveryNode(state, constraints)));
      return undefined;
    },
    addPod(state, pod, node) {
      updateWithPod(state, state.data.get(FILTER) as SpreadFilterState, pod, node, 1);
    },
    removePod(state, pod, node) {
      updateWithPod(state, state.data.get(FILTER) as SpreadFilterState, pod, node, -1);
    },
    filter(state, node) {
      if (state !== lastState) {
        lastState = state;
        lastFilter = state.data.get(FILTER) as SpreadFilterState;
      }
      return filterNode(lastFilter as SpreadFilterState, node);
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
    scoreNodes(state, nodes, out) {
      const s = state.data.get(SCORE) as ScoreState;
      for (let i = 0; i < nodes.length; i++) out[i] = score(state, s, nodes[i] as NodeInfo);
    },
    normalizeScore(state, scores, nodes) {
      normalize(state.data.get(SCORE) as ScoreState, scores, nodes);
    },
  };
}
