/** NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go). */
import type { Plugin } from '../../framework/types';
import { constantStatus } from '../../framework/types';
import { tolerationsTolerateTaint } from '../helper/taints';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE = constantStatus(
  'NodeUnschedulable',
  'UnschedulableAndUnresolvable',
  ERR_REASON_UNSCHEDULABLE,
);

/** Filter: a node with spec.unschedulable takes only pods tolerating node.kubernetes.io/unschedulable. */
export function nodeUnschedulable(): Plugin {
  return {
    name: 'NodeUnschedulable',
    filterNeeded(state) {
      return state.snapshot.unschedulableNodes > 0;
    },
    filter(state, node) {
      if (!node.unschedulable) return undefined;
      const ok = tolerationsTolerateTaint(state.pod.spec?.tolerations, {
        key: 'node.kubernetes.io/unschedulable',
        effect: 'NoSchedule',
      });
      return ok ? undefined : UNSCHEDULABLE;
    },
  };
}
