/**
 * Nodes, kubelets, storage and the cluster autoscaler as the cluster runs them: `nodeControllers()` in
 * run order and `nodeAdmission()`, the admission plugins of this area, for src/engine/cluster.ts.
 */
import type { Controller } from '../core/controller';
import type { AdmissionPlugin } from '../core/simulation';
import { Kubelet } from '../kubelet';
import { NodeIpamController } from './ipam';

export { NodeIpamController, CLUSTER_CIDR } from './ipam';

/**
 * The components of this area in run order: node IPAM first (pods need the podCIDR), then the node
 * lifecycle and taint eviction, the volume controllers, the kubelets (they see attachments made in the
 * same instant), and the cluster autoscaler last (it reacts to what the scheduler could not place).
 */
export function nodeControllers(): Controller[] {
  return [new NodeIpamController(), new Kubelet()];
}

/** Admission plugins of this area, in order. */
export function nodeAdmission(): AdmissionPlugin[] {
  return [];
}
export { failNode, recoverNode, breakPod, PROBE_FAULT_ANNOTATION } from './faults';
