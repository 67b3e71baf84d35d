/**
 * Nodes, kubelets, storage and the cluster autoscaler as the cluster runs them: `nodeControllers()` in
 * run order and `nodeAdmission()`, the admission plugins of this area, for src/engine/cluster.ts.
 */
import type { Controller } from '../core/controller';
import type { AdmissionPlugin } from '../core/simulation';
import { Kubelet } from '../kubelet';
import {
  AttachDetachController,
  EphemeralVolumeController,
  PersistentVolumeController,
  storageAdmission,
  VolumeExpansionController,
  VolumeProtectionController,
} from '../storage';
import { NodeIpamController } from './ipam';
import { ClusterAutoscaler } from './autoscaler/clusterAutoscaler';
import { NodeLifecycleController } from './nodeLifecycle';
import { TaintEvictionController } from './taintEviction';
import { defaultTolerationSeconds } from './defaultTolerations';

export { NodeIpamController, CLUSTER_CIDR } from './ipam';
export {
  NodeLifecycleController,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_PERIOD_MS,
} from './nodeLifecycle';
export { TaintEvictionController } from './taintEviction';
export { defaultTolerationSeconds, DEFAULT_TOLERATION_SECONDS } from './defaultTolerations';
export {
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  TAINT_OUT_OF_SERVICE,
  toleratesTaint,
  matchingTolerations,
  minTolerationMs,
} from './taints';

/**
 * The components of this area in run order: node IPAM first (pods need the podCIDR), then the node
 * lifecycle and taint eviction, the volume controllers, the kubelets (they see attachments made in the
 * same instant), and the cluster autoscaler last (it reacts to what the scheduler could not place).
 */
export function nodeControllers(): Controller[] {
  return [
    new NodeIpamController(),
    new NodeLifecycleController(),
    new TaintEvictionController(),
    new EphemeralVolumeController(),
    new PersistentVolumeController(),
    new VolumeProtectionController(),
    new AttachDetachController(),
    new VolumeExpansionController(),
    new Kubelet(),
    new ClusterAutoscaler(),
  ];
}

/** Admission plugins of this area, in order. */
export function nodeAdmission(): AdmissionPlugin[] {
  return [defaultTolerationSeconds, storageAdmission];
}
export {
  failNode,
  recoverNode,
  breakPod,
  healPod,
  podBreaks,
  originBehavior,
  PROBE_FAULT_ANNOTATION,
  type PodBreak,
  type ObjectGetter,
} from './faults';
export {
  ClusterAutoscaler,
  SCAN_INTERVAL_MS,
  SCALE_DOWN_UNNEEDED_MS,
  SCALE_DOWN_DELAY_AFTER_ADD_MS,
  SCALE_DOWN_UTILIZATION_THRESHOLD,
  TO_BE_DELETED_TAINT,
} from './autoscaler/clusterAutoscaler';
export {
  NODE_GROUP_API_VERSION,
  NODE_GROUP_KIND,
  NODE_GROUP_LABEL,
  SERVERLESS_KEY,
  DEFAULT_BOOT_SECONDS,
  templateNode,
  type NodeGroup,
} from './autoscaler/nodeGroup';
