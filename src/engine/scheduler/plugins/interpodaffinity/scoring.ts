/** InterPodAffinity scoring (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go). */
import type { NodeInfo, PodInfo } from '../../framework/nodeInfo';
import { termMatches, type AffinityTerm } from '../../framework/podInfo';
import type { CycleState, ScoreArray } from '../../framework/types';

/** InterPodAffinityArgs. */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

export type TopologyScore = Map<string, number>;

function add(m: TopologyScore, t: AffinityTerm, node: NodeInfo, w: number): void {
  const v = node.labels[t.topologyKey];
  if (v === undefined || w === 0) return;
  const k = `${t.topologyKey}\0${v}`;
  m.set(k, (m.get(k) ?? 0) + w);
}

/** PreScore: the weighted topology scores, or undefined for Skip. */
export function computeScoreState(state: CycleState, args: InterPodAffinityArgs): TopologyScore | undefined {
  const me = state.podInfo;
  const hard = args.hardPodAffinityWeight ?? 1;
  const hasOwn = me.preferredAffinity.length > 0 || me.preferredAntiAffinity.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasOwn) return undefined;
  const nsLabels = (ns: string) => state.snapshot.namespaceLabels(ns);
  const m: TopologyScore = new Map();
  const existingPreferred = !args.ignorePreferredTermsOfExistingPods;
  if (!hasOwn) {
    // Only existing pods with terms that can score matter (upstream: PodsWithAffinity of each node).
    for (const { pod, node } of state.snapshot.scoringAffinityPods.values())
      if (Object.keys(node.labels).length > 0)
        processExisting(m, me, pod, node, hard, existingPreferred, nsLabels);
    return m.size === 0 ? undefined : m;
  }
  for (const node of state.snapshot.nodes) {
    if (Object.keys(node.labels).length === 0) continue;
    for (const e of node.pods.values()) processExisting(m, me, e, node, hard, existingPreferred, nsLabels);
  }
  return m.size === 0 ? undefined : m;
}

function processExisting(
  m: TopologyScore,
  me: PodInfo,
  e: PodInfo,
  node: NodeInfo,
  hard: number,
  existingPreferred: boolean,
  nsLabels: (ns: string) => Record<string, string> | undefined,
): void {
  for (const t of me.preferredAffinity) if (termMatches(t, e, nsLabels)) add(m, t, node, t.weight);
  for (const t of me.preferredAntiAffinity) if (termMatches(t, e, nsLabels)) add(m, t, node, -t.weight);
  if (hard > 0) for (const t of e.requiredAffinity) if (termMatches(t, me, nsLabels)) add(m, t, node, hard);
  if (!existingPreferred) return;
  for (const t of e.preferredAffinity) if (termMatches(t, me, nsLabels)) add(m, t, node, t.weight);
  for (const t of e.preferredAntiAffinity) if (termMatches(t, me, nsLabels)) add(m, t, node, -t.weight);
}

/** Score: the sum of the topology scores of the node's label pairs. */
export function scoreNode(m: TopologyScore, node: NodeInfo): number {
  let sum = 0;
  for (const k in node.labels) sum += m.get(`${k}\0${node.labels[k] as string}`) ?? 0;
  return sum;
}

/** NormalizeScore: min–max scaling to 0..100. */
export function normalize(scores: ScoreArray): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++)
    scores[i] = diff > 0 ? Math.trunc((100 * ((scores[i] as number) - min)) / diff) : 0;
}

export type { CycleState };
