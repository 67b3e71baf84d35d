/** TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go). */
import type { Toleration } from '../../../api/types';
import type { Plugin } from '../../framework/types';
import type { NodeInfo } from '../../framework/nodeInfo';
import { constantStatus, type Status } from '../../framework/types';
import { defaultNormalizeScore } from '../helper/normalizeScore';
import { doNotScheduleTaints, findUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints';

const NAME = 'TaintToleration';

/** countIntolerableTaintsPreferNoSchedule. */
function intolerable(tolerations: readonly Toleration[], node: NodeInfo): number {
  if (node.preferNoScheduleTaints === 0) return 0;
  let n = 0;
  for (const taint of node.taints)
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) n++;
  return n;
}
/** One shared status per reason (the taints of a cluster are few). */
const statuses = new Map<string, Status>();

/**
 * Filter: every NoSchedule/NoExecute taint must be tolerated. Score: the number of PreferNoSchedule taints
 * not tolerated, normalized in reverse (fewer is better).
 */
export function taintToleration(): Plugin {
  return {
    name: NAME,
    filterNeeded(state) {
      return state.snapshot.noScheduleTaintedNodes > 0;
    },
    filter(state, node) {
      if (node.taints.length === 0) return undefined;
      const taint = findUntoleratedTaint(node.taints, state.pod.spec?.tolerations, doNotScheduleTaints);
      if (!taint) return undefined;
      const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
      let status = statuses.get(reason);
      if (!status)
        statuses.set(reason, (status = constantStatus(NAME, 'UnschedulableAndUnresolvable', reason)));
      return status;
    },
    preScore(state) {
      const prefer = (state.pod.spec?.tolerations ?? []).filter(
        (t) => !t.effect || t.effect === 'PreferNoSchedule',
      );
      state.data.set(NAME, prefer);
      return undefined;
    },
    score(state, node) {
      return intolerable(state.data.get(NAME) as Toleration[], node);
    },
    scoreNodes(state, nodes, out) {
      if (state.snapshot.preferNoScheduleNodes === 0) {
        out.fill(0, 0, nodes.length);
        return;
      }
      const tolerations = state.data.get(NAME) as Toleration[];
      for (let i = 0; i < nodes.length; i++) out[i] = intolerable(tolerations, nodes[i] as NodeInfo);
    },
    normalizeScore(_state, scores) {
      defaultNormalizeScore(100, true, scores);
    },
  };
}
