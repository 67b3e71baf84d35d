/** NodePorts (pkg/scheduler/framework/plugins/nodeports/node_ports.go). */
import type { Plugin } from '../../framework/types';
import { SKIP, constantStatus } from '../../framework/types';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { HostPort } from '../../framework/podInfo';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const CONFLICT = constantStatus('NodePorts', 'Unschedulable', ERR_REASON_PORTS);

/** HostPortInfo.CheckConflict: same protocol and port, and the same IP or either is 0.0.0.0. */
export function portConflicts(node: NodeInfo, want: readonly HostPort[]): boolean {
  if (node.usedPorts.size === 0) return false;
  for (const hp of want) {
    const prefix = `${hp.protocol}/${hp.port}/`;
    if (hp.ip === '0.0.0.0') {
      for (const k of node.usedPorts.keys()) if (k.startsWith(prefix)) return true;
    } else if (node.usedPorts.has(prefix + hp.ip) || node.usedPorts.has(`${prefix}0.0.0.0`)) return true;
  }
  return false;
}

/** Filter: the pod's host ports must be free on the node. */
export function nodePorts(): Plugin {
  return {
    name: 'NodePorts',
    preFilter(state) {
      return state.podInfo.hostPorts.length === 0 ? SKIP : undefined;
    },
    filter(state, node) {
      return portConflicts(node, state.podInfo.hostPorts) ? CONFLICT : undefined;
    },
  };
}
