/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go: SchedulePod, findNodesThatFitPod,
 * prioritizeNodes, selectHost), as a pure function of a snapshot, a pod and a profile.
 */
import type { Prng } from '../../../lib';
import type { KubeObject, Pod } from '../../api/types';
import type { Profile } from '../profile';
import type { NodeInfo, Snapshot } from './nodeInfo';
import { podInfoOf } from './podInfo';
import type { CloneableState, CycleState, Plugin, PreFilterResult, QuickTest, Status } from './types';
import type { PodInfo } from './podInfo';

/** numFeasibleNodesToFind: all under 100 nodes; otherwise the adaptive percentage, at least 100. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number): number {
  if (numAllNodes < 100 || percentage >= 100) return numAllNodes;
  let p = percentage;
  if (p <= 0) p = Math.max(50 - Math.trunc(numAllNodes / 125), 5);
  return Math.max(Math.trunc((numAllNodes * p) / 100), 100);
}

export function newCycleState(pod: Pod & KubeObject, snapshot: Snapshot): CycleState {
  return {
    pod,
    podInfo: podInfoOf(pod),
    snapshot,
    data: new Map(),
    skipFilter: new Set(),
    skipScore: new Set(),
  };
}

function isCloneable(v: unknown): v is CloneableState {
  return typeof v === 'object' && v !== null && typeof (v as CloneableState).clone === 'function';
}

/** CycleState.Clone: plugin states that a what-if changes are copied, the rest shared. */
export function cloneCycleState(state: CycleState): CycleState {
  const data = new Map<string, unknown>();
  for (const [k, v] of state.data) data.set(k, isCloneable(v) ? v.clone() : v);
  return { ...state, data, skipFilter: new Set(state.skipFilter), skipScore: new Set(state.skipScore) };
}

/** RunPreFilterExtensionAddPod: the plugins not skipped update their state for a pod added to a node. */
export function runAddPod(profile: Profile, state: CycleState, pod: PodInfo, node: NodeInfo): void {
  for (const p of profile.preFilter)
    if (p.addPod && !state.skipFilter.has(p.name)) p.addPod(state, pod, node);
}

/** RunPreFilterExtensionRemovePod. */
export function runRemovePod(profile: Profile, state: CycleState, pod: PodInfo, node: NodeInfo): void {
  for (const p of profile.preFilter)
    if (p.removePod && !state.skipFilter.has(p.name)) p.removePod(state, pod, node);
}

function isResult(r: PreFilterResult | Status): r is PreFilterResult {
  return !('code' in r);
}

/** RunPreFilterPlugins: a failing status (with its plugin), or the allowed node names (undefined: all). */
export function runPreFilter(
  profile: Profile,
  state: CycleState,
): { status?: Status; nodeNames?: Set<string> } {
  let names: Set<string> | undefined;
  for (const p of profile.preFilter) {
    const r = p.preFilter?.(state);
    if (!r) continue;
    if (!isResult(r)) {
      if (r.code === 'Skip') state.skipFilter.add(p.name);
      else if (r.code !== 'Success') return { status: { ...r, plugin: p.name } };
      continue;
    }
    if (r.status && r.status.code !== 'Success') return { status: { ...r.status, plugin: p.name } };
    if (r.nodeNames) names = names ? new Set([...names].filter((n) => r.nodeNames?.has(n))) : r.nodeNames;
  }
  return names ? { nodeNames: names } : {};
}

const ACTIVE_FILTERS = '$activeFilters';

/**
 * RunFilterPluginsWithNominatedPods: the first non-success status, tagged with its plugin; undefined when
 * the node fits.
 */
export function runFilters(profile: Profile, state: CycleState, node: NodeInfo): Status | undefined {
  const filters = activeFilters(profile, state);
  return state.snapshot.nominatedCount === 0
    ? runFilterList(filters, state, node)
    : runFiltersWithNominated(profile, filters, state, node);
}

/**
 * The filters of one cycle as parallel arrays of functions and plugin names: calling a function from an
 * array keeps the hot loop free of megamorphic property loads on the plugin objects.
 */
export interface FilterList {
  readonly fns: ReadonlyArray<NonNullable<Plugin['filter']>>;
  readonly names: readonly string[];
  readonly plugins: readonly Plugin[];
}

/**
 * The filters' quick tests for this cycle (Plugin.passes), or undefined when one of the filters has none:
 * a node that passes every quick test is feasible without running Filter.
 */
export function quickTests(filters: FilterList, state: CycleState): QuickTest[] | undefined {
  const out: QuickTest[] = [];
  for (const p of filters.plugins) {
    const t = p.passes?.(state);
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

/**
 * The filter plugins not skipped by their PreFilter and that can reject a node (filterNeeded, which
 * depends only on the pod and the nodes, never on the pods on them), computed once per cycle.
 */
export function activeFilters(profile: Profile, state: CycleState): FilterList {
  let filters = state.data.get(ACTIVE_FILTERS) as FilterList | undefined;
  if (!filters) {
    // The same few combinations come back cycle after cycle: one list per combination and profile.
    const all = profile.filter;
    const active = all.map(
      (p) => !state.skipFilter.has(p.name) && (!p.filterNeeded || p.filterNeeded(state)),
    );
    let key = 0;
    for (let i = 0; i < active.length && i < 30; i++) if (active[i]) key |= 1 << i;
    let byKey = filterLists.get(profile);
    if (!byKey) filterLists.set(profile, (byKey = new Map()));
    filters = all.length <= 30 ? byKey.get(key) : undefined;
    if (!filters) {
      const plugins = all.filter((_p, i) => active[i]);
      filters = {
        fns: plugins.map((p) => (p.filter as NonNullable<Plugin['filter']>).bind(p)),
        names: plugins.map((p) => p.name),
        plugins,
      };
      if (all.length <= 30) byKey.set(key, filters);
    }
    state.data.set(ACTIVE_FILTERS, filters);
  }
  return filters;
}

const filterLists = new WeakMap<Profile, Map<number, FilterList>>();

/**
 * RunFilterPluginsWithNominatedPods (pkg/scheduler/framework/runtime/framework.go): when pods of equal or
 * higher priority are nominated to the node, the filters run first as if they were there
 * (addGENominatedPods, with PreFilterExtensions.AddPod on a cloned state), then, if that passes, without
 * them.
 */
export function runFiltersWithNominated(
  profile: Profile,
  filters: FilterList,
  state: CycleState,
  node: NodeInfo,
): Status | undefined {
  const me = state.podInfo;
  let stateOut: CycleState | undefined;
  let nodeOut: NodeInfo | undefined;
  for (const pi of state.snapshot.nominatedPodsFor(node.name)) {
    if (pi.priority < me.priority || pi.key === me.key) continue;
    if (pi.pod.metadata.uid !== undefined && pi.pod.metadata.uid === me.pod.metadata.uid) continue;
    if (!stateOut || !nodeOut) {
      stateOut = cloneCycleState(state);
      nodeOut = node.clone();
    }
    nodeOut.addPod(pi);
    runAddPod(profile, stateOut, pi, nodeOut);
  }
  if (stateOut && nodeOut) {
    const s = runFilterList(filters, stateOut, nodeOut);
    if (s) return s;
  }
  return runFilterList(filters, state, node);
}

/**
 * Runs the given filters in order on a node (from the `from`-th, when the ones before are known to pass);
 * the first failure, tagged with its plugin.
 */
export function runFilterList(
  filters: FilterList,
  state: CycleState,
  node: NodeInfo,
  from = 0,
): Status | undefined {
  const fns = filters.fns;
  for (let i = from; i < fns.length; i++) {
    const s = (fns[i] as NonNullable<Plugin['filter']>)(state, node);
    if (s && s.code !== 'Success') {
      const name = filters.names[i] as string;
      return s.plugin === name ? s : { ...s, plugin: name };
    }
  }
  return undefined;
}

/** The scores of one cycle: per plugin normalized (before weighting) and the weighted totals. */
export interface Scores {
  perPlugin: Map<string, Float64Array>;
  totals: Float64Array;
}

/**
 * Score arrays reused from cycle to cycle (a cycle scores 100s of nodes, thousands of times a second):
 * the Scores of one cycle are valid until the next prioritize call.
 */
const pool: Float64Array[] = [];

function buffer(i: number, n: number): Float64Array {
  let a = pool[i];
  if (!a || a.length < n) pool[i] = a = new Float64Array(Math.max(n, 2 * (a?.length ?? 0), 64));
  return a.subarray(0, n);
}

/**
 * RunPreScorePlugins, RunScorePlugins (with NormalizeScore and weights). The arrays returned are reused by
 * the next call: read or copy them before scoring another pod.
 */
export function prioritize(
  profile: Profile,
  state: CycleState,
  nodes: readonly NodeInfo[],
  indexes?: ArrayLike<number>,
): Scores {
  for (const p of profile.preScore) {
    const s = p.preScore?.(state, nodes, indexes);
    if (s && s.code === 'Skip') state.skipScore.add(p.name);
  }
  const n = nodes.length;
  const totals = buffer(0, n).fill(0);
  const perPlugin = new Map<string, Float64Array>();
  let used = 1;
  for (const { plugin, weight } of profile.score) {
    if (state.skipScore.has(plugin.name)) continue;
    const scores = buffer(used++, n);
    if (plugin.scoreNodes) plugin.scoreNodes(state, nodes, scores, indexes);
    else {
      const score = plugin.score as NonNullable<Plugin['score']>;
      for (let i = 0; i < n; i++) scores[i] = score(state, nodes[i] as NodeInfo);
    }
    plugin.normalizeScore?.(state, scores, nodes);
    perPlugin.set(plugin.name, scores);
    for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (scores[i] as number) * weight;
  }
  return { perPlugin, totals };
}

/** selectHost: a uniformly random node among those with the highest total (reservoir sampling). */
export function selectHost(totals: ArrayLike<number>, rng: Prng): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < totals.length; i++) {
    const t = totals[i] as number;
    if (t > (totals[best] as number)) {
      best = i;
      ties = 1;
    } else if (t === totals[best]) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return best;
}
