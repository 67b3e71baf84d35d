/**
 * Explanations of scheduling decisions for people (the inspector and `kubecanvas explain`): for every
 * node the filter verdict with the plugin and reason, every score plugin's normalized score and the weighted
 * total, and the chosen node or the FailedScheduling message. A pure function of a snapshot.
 */
import { Prng } from '../../lib';
import type { KubeObject, Pod } from '../api/types';
import { fitErrorMessage, schedulePod } from './framework/cycle';
import type { Snapshot } from './framework/nodeInfo';
import { numFeasibleNodesToFind } from './framework/runtime';
import { defaultProfile, type Profile } from './profile';
import { preempt } from './plugins/defaultpreemption/defaultPreemption';

/** A node's filter verdict. */
export interface FilterVerdict {
  status: 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';
  plugin?: string;
  reason?: string;
}

export interface NodeExplanation {
  node: string;
  filter: FilterVerdict;
  /** Normalized score per plugin (0-100, before weighting); only for nodes that passed. */
  scores?: Record<string, number>;
  total?: number;
}

export interface PodExplanation {
  pod: string;
  selected: string | null;
  /** The FailedScheduling message; empty when a node was chosen. */
  message: string;
  nodes: NodeExplanation[];
  /** Set when kube-scheduler would have stopped filtering early (percentageOfNodesToScore). */
  note?: string;
  /** Set when preemption would nominate a node (the pod is not bound in this cycle). */
  nominatedNodeName?: string;
  victims?: string[];
}

/**
 * Explains one pod's cycle over a snapshot: every node is filtered and every feasible node scored (the
 * live scheduler may examine fewer, see `note`). Does not change the snapshot.
 */
export function explainPod(
  snapshot: Snapshot,
  pod: Pod & KubeObject,
  profile: Profile = defaultProfile(),
  rng: Prng = new Prng(1),
): PodExplanation {
  const r = schedulePod(profile, snapshot, pod, rng, { exhaustive: true });
  const feasibleIndex = new Map(r.feasible.map((n, i) => [n.name, i]));
  const nodes: NodeExplanation[] = snapshot.nodes.map((n) => {
    const s = r.statuses.get(n.name);
    if (s) {
      const filter: FilterVerdict = {
        status: s.code === 'Unschedulable' ? 'Unschedulable' : 'UnschedulableAndUnresolvable',
        reason: s.reasons.join(', '),
      };
      if (s.plugin) filter.plugin = s.plugin;
      return { node: n.name, filter };
    }
    const i = feasibleIndex.get(n.name) as number;
    const scores: Record<string, number> = {};
    for (const [name, values] of r.scores?.perPlugin ?? []) scores[name] = values[i] as number;
    return { node: n.name, filter: { status: 'Success' }, scores, total: r.scores?.totals[i] ?? 0 };
  });
  const out: PodExplanation = {
    pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`,
    selected: r.selected?.name ?? null,
    message: '',
    nodes,
  };
  const find = numFeasibleNodesToFind(snapshot.nodes.length, profile.percentageOfNodesToScore);
  if (r.feasible.length > find)
    out.note = `kube-scheduler stops filtering after ${find} feasible nodes of ${snapshot.nodes.length} (percentageOfNodesToScore); all ${r.feasible.length} are scored here`;
  if (!r.selected) {
    const post = profile.preemption
      ? preempt(profile, r, snapshot.store?.list('PodDisruptionBudget') ?? [], rng)
      : undefined;
    out.message = fitErrorMessage(snapshot.nodes.length, r, post?.message ?? '');
    if (post?.candidate) {
      out.nominatedNodeName = post.candidate.node.name;
      out.victims = post.candidate.victims.map((v) => `${v.namespace}/${v.pod.metadata.name}`);
    }
  }
  return out;
}
