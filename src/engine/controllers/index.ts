/** The workload controllers of kube-controller-manager, and the kubectl helpers that drive them. */
export { ReplicaSetController } from './replicaset/replicaSetController';
export { DeploymentController, REVISION } from './deployment/deploymentController';
export { rollbackDeployment, restartDeployment, setDeploymentPaused } from './deployment/rollout';
export { DisruptionController } from './disruption/disruptionController';
export { evictPod, EVICTION_REFUSED } from './disruption/eviction';
export { TestKubelet, type TestKubeletOptions } from './testing/testKubelet';
export { compareForDeletion, rankForDeletion } from './util/podRanking';
export { resolveFenceposts, isPodAvailable, isPodReady } from './util/rollout';
export { StatefulSetController, ordinalOf } from './statefulset/statefulSetController';
export { HpaController, podCpuUsageMilli, CPU_USAGE_ANNOTATION, type PodCpuUsage } from './hpa/hpaController';
export { resourceReplicas, TOLERANCE as HPA_TOLERANCE } from './hpa/replicaCalculator';
export { DaemonSetController } from './daemonset/daemonSetController';
export { daemonPodTolerations, nodeShouldRunDaemonPod } from './daemonset/eligibility';
export { JobController } from './job/jobController';
export { CronJobController } from './cronjob/cronJobController';
export { parseSchedule, nextAfter as nextScheduleAfter } from './cronjob/schedule';
export {
  rollbackWorkload,
  workloadHistory,
  type RevisionedKind,
  type RevisionRow,
} from './util/workloadRollout';
export { REVISION_HASH, listRevisions, type ControllerRevision } from './util/history';
