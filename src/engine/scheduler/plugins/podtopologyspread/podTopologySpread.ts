/** PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{filtering,scoring}.go). */
import type { NodeInfo, Snapshot } from '../../framework/nodeInfo';
import type { CycleState, Plugin, ScoreArray } from '../../framework/types';
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
import { calPreFilterState, filterNode, passesAt, updateWithPod, type SpreadFilterState } from './filtering';

export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering';

/**
 * The pod's own constraints, parsed once per constraints list, labels (matchLabelKeys) and namespace (the
 * count key): pods of one workload share them, and a pod is often tried more than once.
 */
const ownConstraints = new WeakMap<
  object,
  { labels: unknown; namespace: string; DoNotSchedule?: Constraint[]; ScheduleAnyway?: Constraint[] }
>();

function constraintsFor(
  state: CycleState,
  args: PodTopologySpreadArgs,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const own = state.pod.spec?.topologySpreadConstraints ?? [];
  const namespace = state.podInfo.namespace;
  if (own.length > 0) {
    let hit = ownConstraints.get(own);
    if (!hit || hit.labels !== state.pod.metadata.labels || hit.namespace !== namespace)
      ownConstraints.set(own, (hit = { labels: state.pod.metadata.labels, namespace }));
    let cs = hit[action];
    if (!cs) {
      cs = hit[action] = podConstraints(state.pod, action);
      for (const c of cs) c.countKey = labelCountKey(c.selector, namespace);
    }
    return cs;
  }
  const cs = defaultConstraints(state.pod, args, state.snapshot.store, action);
  for (const c of cs) c.countKey = labelCountKey(c.selector, namespace);
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
  indexes: ArrayLike<number> | undefined,
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
  if (everyNodeHasKeys && (indexes || inSnapshot(snap, nodes))) {
    // The same domains, read as interned ids: each new one is added in node order.
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as Constraint;
      if (c.topologyKey === HOSTNAME) continue;
      const d = snap.domains(c.topologyKey);
      const seen = new Uint8Array(d.values.length);
      const m = counts[i] as Map<string, number>;
      for (let j = 0; j < nodes.length; j++) {
        const id = d.ids[indexes ? (indexes[j] as number) : (nodes[j] as NodeInfo).index] as number;
        if (id < 0 || seen[id] === 1) continue;
        seen[id] = 1;
        m.set(d.values[id] as string, 0);
      }
    }
  } else
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

/** Every node is the snapshot's own (not a clone), so its index reads the snapshot's interned domains. */
function inSnapshot(snap: Snapshot, nodes: readonly NodeInfo[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as NodeInfo;
    if (n.index < 0 || snap.nodes[n.index] !== n) return false;
  }
  return true;
}

/** score() for every node, reading node domains as interned ids (same arithmetic, same order). */
function scoreAll(
  state: CycleState,
  s: ScoreState,
  nodes: readonly NodeInfo[],
  out: ScoreArray,
  indexes: ArrayLike<number> | undefined,
): void {
  const snap = state.snapshot;
  const cs = s.constraints;
  if ((!indexes && !inSnapshot(snap, nodes)) || cs.length > 8) {
    for (let i = 0; i < nodes.length; i++) out[i] = score(state, s, nodes[i] as NodeInfo);
    return;
  }
  const ids: Int32Array[] = [];
  const byId: Array<Float64Array | undefined> = [];
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as Constraint;
    const d = snap.domains(c.topologyKey);
    ids.push(d.ids);
    if (c.topologyKey === HOSTNAME) {
      byId.push(undefined);
      continue;
    }
    const counts = s.counts[k] as Map<string, number>;
    const a = new Float64Array(d.values.length);
    for (const [v, n] of counts) {
      const id = d.idOf.get(v);
      if (id !== undefined) a[id] = n;
    }
    byId.push(a);
  }
  const ns = state.podInfo.namespace;
  const ignored = s.ignored;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as NodeInfo;
    if (ignored?.has(node.name)) {
      out[i] = 0;
      continue;
    }
    const at = indexes ? (indexes[i] as number) : node.index;
    let sum = 0;
    for (let k = 0; k < cs.length; k++) {
      const id = (ids[k] as Int32Array)[at] as number;
      if (id < 0) continue;
      const c = cs[k] as Constraint;
      const a = byId[k];
      const cnt = a === undefined ? countMatching(node, c.selector, ns, c.countKey) : (a[id] as number);
      sum += cnt * (s.weights[k] as number) + (c.maxSkew - 1);
    }
    out[i] = Math.round(sum);
  }
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

function normalize(s: ScoreState, scores: ScoreArray, nodes: readonly NodeInfo[]): void {
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
      return filterNode(lastFilter as SpreadFilterState, node, state.snapshot);
    },
    passes(state) {
      const s = state.data.get(FILTER) as SpreadFilterState | undefined;
      if (!s) return undefined;
      const snapshot = state.snapshot;
      return (i) => passesAt(s, snapshot, i);
    },
    preScore(state, nodes, indexes) {
      const s = preScore(state, args, nodes, indexes);
      if (!s) return SKIP;
      state.data.set(SCORE, s);
      return undefined;
    },
    score(state, node) {
      return score(state, state.data.get(SCORE) as ScoreState, node);
    },
    scoreNodes(state, nodes, out, indexes) {
      scoreAll(state, state.data.get(SCORE) as ScoreState, nodes, out, indexes);
    },
    normalizeScore(state, scores, nodes) {
      normalize(state.data.get(SCORE) as ScoreState, scores, nodes);
    },
  };
}
