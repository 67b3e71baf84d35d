/** NodeName (pkg/scheduler/framework/plugins/nodename/node_name.go). */
import type { Plugin } from '../../framework/types';
import { constantStatus } from '../../framework/types';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const MISMATCH = constantStatus('NodeName', 'UnschedulableAndUnresolvable', ERR_REASON_NODE_NAME);

/** Filter: a pod that names a node fits only there. */
export function nodeName(): Plugin {
  return {
    name: 'NodeName',
    filterNeeded(state) {
      return !!state.pod.spec?.nodeName;
    },
    filter(state, node) {
      const want = state.pod.spec?.nodeName;
      return !want || want === node.name ? undefined : MISMATCH;
    },
  };
}
