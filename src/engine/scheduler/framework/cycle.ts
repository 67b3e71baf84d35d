/**
 * SchedulePod: PreFilter, Filter (from a rotating start, stopping at numFeasibleNodesToFind), PreScore,
 * Score, NormalizeScore and host selection, with the FitError message when nothing fits.
 */
import type { Prng } from '../../../lib';
import type { KubeObject, Pod } from '../../api/types';
import type { Profile } from '../profile';
import type { NodeInfo, Snapshot } from './nodeInfo';
import {
  activeFilters,
  runFilterList,
  runFiltersWithNominated,
  newCycleState,
  numFeasibleNodesToFind,
  quickTests,
  prioritize,
  runFilters,
  runPreFilter,
  selectHost,
  type Scores,
} from './runtime';
import type { CycleState, QuickTest, Status } from './types';

/**
 * Filter statuses of the failed nodes, kept as two arrays while filtering (thousands of nodes a cycle)
 * and turned into a map by node name only when read.
 */
class NodeStatuses {
  /** The failed nodes (their names are read only when the map is asked for). */
  readonly nodes: NodeInfo[] = [];
  readonly statuses: Status[] = [];
  private map: Map<string, Status> | undefined;

  add(node: NodeInfo, s: Status): void {
    this.nodes.push(node);
    this.statuses.push(s);
    this.map?.set(node.name, s);
  }

  get size(): number {
    return this.nodes.length;
  }

  asMap(): Map<string, Status> {
    if (!this.map) {
      this.map = new Map();
      for (let i = 0; i < this.nodes.length; i++)
        this.map.set((this.nodes[i] as NodeInfo).name, this.statuses[i] as Status);
    }
    return this.map;
  }
}

/** The outcome of one cycle. */
export interface CycleResult {
  state: CycleState;
  selected?: NodeInfo;
  feasible: NodeInfo[];
  /** Filter statuses of the nodes that failed, by node name. */
  statuses: Map<string, Status>;
  preFilterStatus?: Status;
  scores?: Scores;
  numAllNodes: number;
  /** Nodes visited by Filter (feasible + failed). */
  processed: number;
  /** The feasible nodes' positions in the snapshot, when the filter loop knew them (reused buffer). */
  feasibleIndexes?: Int32Array;
}

let indexBuffer = new Int32Array(1024);

export interface CycleOptions {
  /** Filter every node and score every feasible one (explanations). */
  exhaustive?: boolean;
  /** nextStartNodeIndex. */
  startIndex?: number;
}

/** Runs the cycle for a pod over a snapshot. Does not change the snapshot. */
export function schedulePod(
  profile: Profile,
  snapshot: Snapshot,
  pod: Pod & KubeObject,
  rng: Prng,
  options: CycleOptions = {},
): CycleResult {
  const all = snapshot.nodes;
  const failed = new NodeStatuses();
  if (all.length === 0) {
    // No node to filter: the cycle's state (the pod's requests, affinity terms...) is worked out only if
    // asked for (a cluster without nodes fails every pod here; a big import would pay for each).
    let lazy: CycleState | undefined;
    return {
      get state() {
        return (lazy ??= newCycleState(pod, snapshot));
      },
      feasible: [],
      get statuses() {
        return failed.asMap();
      },
      numAllNodes: 0,
      processed: 0,
    };
  }
  const state = newCycleState(pod, snapshot);
  const result: CycleResult & { failed: NodeStatuses } = {
    state,
    feasible: [],
    get statuses() {
      return failed.asMap();
    },
    failed,
    numAllNodes: all.length,
    processed: 0,
  };
  const pre = runPreFilter(profile, state);
  if (pre.status) {
    result.preFilterStatus = pre.status;
    for (const n of all) failed.add(n, pre.status);
    return result;
  }
  const nominated = pod.status?.nominatedNodeName;
  const nominatedNode = nominated ? snapshot.byName.get(nominated) : undefined;
  if (nominatedNode && !options.exhaustive && (!pre.nodeNames || pre.nodeNames.has(nominatedNode.name))) {
    if (!runFilters(profile, state, nominatedNode)) {
      // evaluateNominatedNode: the node preemption made room on is tried first.
      result.feasible.push(nominatedNode);
      result.selected = nominatedNode;
      return result;
    }
  }
  filterNodes(profile, state, pre.nodeNames, options, result);
  if (result.feasible.length === 0) return result;
  if (result.feasible.length === 1 && !options.exhaustive) {
    result.selected = result.feasible[0] as NodeInfo;
    return result;
  }
  const indexes = result.feasibleIndexes;
  result.scores = prioritize(
    profile,
    state,
    result.feasible,
    indexes && indexes.length === result.feasible.length ? indexes : undefined,
  );
  result.selected = result.feasible[selectHost(result.scores.totals, rng)] as NodeInfo;
  return result;
}

function filterNodes(
  profile: Profile,
  state: CycleState,
  names: Set<string> | undefined,
  options: CycleOptions,
  result: CycleResult & { failed: NodeStatuses },
): void {
  const all = state.snapshot.nodes;
  if (names) {
    for (const name of names) {
      const n = state.snapshot.byName.get(name);
      if (!n) continue;
      const s = runFilters(profile, state, n);
      if (s) result.failed.add(n, s);
      else result.feasible.push(n);
    }
    result.processed = result.feasible.length + result.failed.size;
    return;
  }
  const limit = options.exhaustive
    ? all.length
    : profile.score.length === 0
      ? 1
      : numFeasibleNodesToFind(all.length, profile.percentageOfNodesToScore);
  const start = (options.startIndex ?? 0) % all.length;
  const filters = activeFilters(profile, state);
  const nominated = state.snapshot.nominatedCount > 0;
  const feasible = result.feasible;
  const failed = result.failed;
  const count = all.length;
  let i = 0;
  let idx = start;
  const quick = nominated ? undefined : quickTests(filters, state);
  if (quick) {
    // Nodes that pass every quick test are feasible without reading them; the rest run the filters.
    const nq = quick.length;
    if (indexBuffer.length < Math.min(limit, count)) indexBuffer = new Int32Array(Math.min(limit, count) * 2);
    const at = indexBuffer;
    for (; i < count && feasible.length < limit; i++) {
      const x = idx;
      if (++idx === count) idx = 0;
      let k = 0;
      let r: boolean | Status = true;
      while (k < nq && (r = (quick[k] as QuickTest)(x)) === true) k++;
      const n = all[x] as NodeInfo;
      if (k === nq) {
        at[feasible.length] = x;
        feasible.push(n);
        continue;
      }
      if (r !== false && r !== true) {
        // The k-th filter's answer, known without running it (the ones before passed).
        const name = filters.names[k] as string;
        failed.add(n, r.plugin === name ? r : { ...r, plugin: name });
        continue;
      }
      // The filters before the k-th passed (their quick tests said so): run Filter from the k-th on.
      const s = runFilterList(filters, state, n, k);
      if (s) failed.add(n, s);
      else {
        at[feasible.length] = x;
        feasible.push(n);
      }
    }
    result.processed = i;
    result.feasibleIndexes = at.subarray(0, feasible.length);
    return;
  }
  for (; i < count && feasible.length < limit; i++) {
    const n = all[idx] as NodeInfo;
    if (++idx === count) idx = 0;
    const s = nominated
      ? runFiltersWithNominated(profile, filters, state, n)
      : runFilterList(filters, state, n);
    if (s) failed.add(n, s);
    else feasible.push(n);
  }
  result.processed = i;
}

/** ErrNoNodesAvailable (pkg/scheduler/schedule_one.go). */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * NoNodeAvailableMsg and FitError.Error (pkg/scheduler/framework/types.go); with no nodes at all,
 * schedulePod's ErrNoNodesAvailable (pkg/scheduler/schedule_one.go), which skips filtering and PostFilter.
 */
export function fitErrorMessage(
  numAllNodes: number,
  result: Pick<CycleResult, 'statuses' | 'preFilterStatus'>,
  postFilterMsg = '',
): string {
  if (numAllNodes === 0) return ERR_NO_NODES_AVAILABLE;
  let msg = `0/${numAllNodes} nodes are available:`;
  if (result.preFilterStatus) msg += ` ${result.preFilterStatus.reasons.join(', ')}.`;
  else {
    const histogram = new Map<string, number>();
    for (const s of result.statuses.values())
      for (const r of s.reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
    const parts = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}.`;
  return msg;
}
