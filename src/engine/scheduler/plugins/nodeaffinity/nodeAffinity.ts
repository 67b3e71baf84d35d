/** NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go). */
import { nodeSelectorMatches, nodeSelectorTermMatches } from '../../../api/labels';
import type {
  Node,
  NodeAffinity as NodeAffinityType,
  Pod,
  PreferredSchedulingTerm,
} from '../../../api/types';
import type { Plugin } from '../../framework/types';
import { SKIP, constantStatus, unresolvable } from '../../framework/types';
import { defaultNormalizeScore } from '../helper/normalizeScore';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const NOT_MATCH = constantStatus('NodeAffinity', 'UnschedulableAndUnresolvable', ERR_REASON_POD);

/** NodeAffinityArgs. */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinityType;
}

/** RequiredNodeAffinity.Match: nodeSelector pairs and the required terms, both. */
export function podMatchesNodeSelectorAndAffinityTerms(pod: Pod, node: Node): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel) {
    const labels = node.metadata?.labels ?? {};
    for (const k in sel) if (labels[k] !== sel[k]) return false;
  }
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !req || nodeSelectorMatches(req, node);
}

/** The metadata.name In values that restrict the candidate nodes, or undefined for no restriction. */
function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let sum = 0;
  for (const t of terms) if (t.weight !== 0 && nodeSelectorTermMatches(t.preference, node)) sum += t.weight;
  return sum;
}

/** Filter: nodeSelector and required node affinity. Score: the weights of matching preferred terms. */
export function nodeAffinity(args: NodeAffinityArgs = {}): Plugin {
  const added = args.addedAffinity;
  const addedPreferred = added?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return {
    name: 'NodeAffinity',
    preFilter(state) {
      const spec = state.pod.spec;
      const hasRequired = !!spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!spec?.nodeSelector && !hasRequired && !added?.requiredDuringSchedulingIgnoredDuringExecution)
        return SKIP;
      const names = preFilterNodeNames(state.pod);
      if (names && names.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
      return names ? { nodeNames: names } : undefined;
    },
    filter(state, node) {
      const req = added?.requiredDuringSchedulingIgnoredDuringExecution;
      if (req && !nodeSelectorMatches(req, node.node)) return unresolvable(ERR_REASON_ENFORCED);
      return podMatchesNodeSelectorAndAffinityTerms(state.pod, node.node) ? undefined : NOT_MATCH;
    },
    preScore(state) {
      const pref =
        state.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      if (pref.length === 0 && addedPreferred.length === 0) return SKIP;
      state.data.set('NodeAffinity', pref);
      return undefined;
    },
    score(state, node) {
      const pref = (state.data.get('NodeAffinity') ?? []) as PreferredSchedulingTerm[];
      return preferredScore(pref, node.node) + preferredScore(addedPreferred, node.node);
    },
    normalizeScore(_state, scores) {
      defaultNormalizeScore(100, false, scores);
    },
  };
}
