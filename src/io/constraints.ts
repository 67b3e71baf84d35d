/**
 * Value constraints on single fields, keyed by schema type id and field (`V1Container.imagePullPolicy`):
 *
 * - Enums: the `enum` lists of upstream's OpenAPI v3 spec (api/openapi-spec/v3, the Go types marked
 *   `+enum` in staging/src/k8s.io/api), which the API server enforces with field.NotSupported. The
 *   packages the schema is generated from drop them, so they are listed here for the fields people write.
 * - Ranges: the OpenAPI spec carries no minimum or maximum for these fields (ports are plain `int32`); the
 *   API server's validation (pkg/apis/core/validation, pkg/apis/apps/validation, pkg/apis/batch/validation,
 *   pkg/apis/autoscaling/validation, pkg/apis/networking/validation) enforces them, with the messages of
 *   k8s.io/apimachinery/pkg/util/validation: IsValidPortNum, ValidateNonnegativeField.
 */

/** Supported values of enum fields; a list field's items are checked one by one. */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  // core/v1 PullPolicy, TerminationMessagePolicy, Protocol, URIScheme
  'V1Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'V1EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'V1Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'V1EphemeralContainer.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'V1ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'V1ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'CoreV1EndpointPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'DiscoveryV1EndpointPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'V1NetworkPolicyPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'V1HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'V1ContainerResizePolicy.restartPolicy': ['NotRequired', 'RestartContainer'],
  // core/v1 PodSpec: RestartPolicy, DNSPolicy, PreemptionPolicy
  'V1PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'V1PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'V1PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'V1PriorityClass.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'V1PodSecurityContext.fsGroupChangePolicy': ['Always', 'OnRootMismatch'],
  'V1SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'V1AppArmorProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  // scheduling: TaintEffect, TolerationOperator, NodeSelectorOperator, UnsatisfiableConstraintAction
  'V1Toleration.operator': ['Equal', 'Exists'],
  'V1Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'V1Taint.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'V1NodeSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
  'V1TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'V1TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'V1TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  // core/v1 Service: ServiceType, ServiceAffinity, traffic policies, IPFamily
  'V1ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'V1ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'V1ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.ipFamilyPolicy': ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  'V1ServiceSpec.ipFamilies': ['IPv4', 'IPv6'],
  // storage: PersistentVolumeAccessMode, PersistentVolumeMode, reclaim policy, VolumeBindingMode
  'V1PersistentVolumeClaimSpec.accessModes': [
    'ReadOnlyMany',
    'ReadWriteMany',
    'ReadWriteOnce',
    'ReadWriteOncePod',
  ],
  'V1PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'V1PersistentVolumeSpec.accessModes': [
    'ReadOnlyMany',
    'ReadWriteMany',
    'ReadWriteOnce',
    'ReadWriteOncePod',
  ],
  'V1PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'V1PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'V1StorageClass.reclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'V1StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
  // apps/v1: DeploymentStrategyType, PodManagementPolicyType, update strategies, PVC retention
  'V1DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'V1StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'V1StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'V1DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'V1StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Delete', 'Retain'],
  'V1StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Delete', 'Retain'],
  // batch/v1: ConcurrencyPolicy, CompletionMode, PodReplacementPolicy
  'V1CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'V1JobSpec.completionMode': ['Indexed', 'NonIndexed'],
  'V1JobSpec.podReplacementPolicy': ['Failed', 'TerminatingOrFailed'],
  // networking.k8s.io/v1: PathType, PolicyType
  'V1HTTPIngressPath.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'V1NetworkPolicySpec.policyTypes': ['Egress', 'Ingress'],
  // policy/v1: UnhealthyPodEvictionPolicyType
  'V1PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': ['AlwaysAllow', 'IfHealthyBudget'],
  // autoscaling/v2: MetricSourceType, MetricTargetType, ScalingPolicySelect, HPAScalingPolicyType
  'V2MetricSpec.type': ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'],
  'V2MetricTarget.type': ['AverageValue', 'Utilization', 'Value'],
  'V2HPAScalingRules.selectPolicy': ['Disabled', 'Max', 'Min'],
  'V2HPAScalingPolicy.type': ['Percent', 'Pods'],
};

/** A numeric rule: the problem with a value, or undefined when it is fine. */
export type RangeRule = (value: number) => string | undefined;

/** IsValidPortNum. */
const port: RangeRule = (v) => (v >= 1 && v <= 65535 ? undefined : 'must be between 1 and 65535, inclusive');
/** A port where 0 means "none" (hostPort). */
const optionalPort: RangeRule = (v) => (v === 0 ? undefined : port(v));
/** ValidateNonnegativeField (apimachinery's IsNegativeErrorMsg). */
const nonNegative: RangeRule = (v) => (v >= 0 ? undefined : 'must be greater than or equal to 0');
/** ValidateHorizontalPodAutoscalerSpec: minReplicas (minReplicasLowerBound 1) and maxReplicas. */
const atLeastOne: RangeRule = (v) => (v >= 1 ? undefined : 'must be greater than or equal to 1');
const positive: RangeRule = (v) => (v >= 1 ? undefined : 'must be greater than 0');
/**
 * A Service nodePort: a port number, in the API server's default --service-node-port-range (the allocator's
 * message, pkg/registry/core/service/portallocator).
 */
const nodePort: RangeRule = (v) =>
  v === 0
    ? undefined
    : (port(v) ??
      (v >= 30000 && v <= 32767
        ? undefined
        : 'provided port is not in the valid range. The range of valid ports is 30000-32767'));

/** Numeric rules by type id and field; an int-or-string field is checked when it holds a number. */
export const RANGES: Readonly<Record<string, RangeRule>> = {
  'V1ContainerPort.containerPort': port,
  'V1ContainerPort.hostPort': optionalPort,
  'V1ServicePort.port': port,
  'V1ServicePort.targetPort': optionalPort,
  'V1ServicePort.nodePort': nodePort,
  'V1ServiceBackendPort.number': port,
  'V1HTTPGetAction.port': port,
  'V1TCPSocketAction.port': port,
  'V1GRPCAction.port': port,
  'V1NetworkPolicyPort.port': port,
  'V1NetworkPolicyPort.endPort': port,
  'V1DeploymentSpec.replicas': nonNegative,
  'V1DeploymentSpec.minReadySeconds': nonNegative,
  'V1DeploymentSpec.revisionHistoryLimit': nonNegative,
  'V1DeploymentSpec.progressDeadlineSeconds': nonNegative,
  'V1ReplicaSetSpec.replicas': nonNegative,
  'V1ReplicaSetSpec.minReadySeconds': nonNegative,
  'V1StatefulSetSpec.replicas': nonNegative,
  'V1StatefulSetSpec.minReadySeconds': nonNegative,
  'V1StatefulSetSpec.revisionHistoryLimit': nonNegative,
  'V1DaemonSetSpec.minReadySeconds': nonNegative,
  'V1DaemonSetSpec.revisionHistoryLimit': nonNegative,
  'V1JobSpec.parallelism': nonNegative,
  'V1JobSpec.completions': nonNegative,
  'V1JobSpec.backoffLimit': nonNegative,
  'V1JobSpec.activeDeadlineSeconds': nonNegative,
  'V1JobSpec.ttlSecondsAfterFinished': nonNegative,
  'V1CronJobSpec.startingDeadlineSeconds': nonNegative,
  'V1CronJobSpec.successfulJobsHistoryLimit': nonNegative,
  'V1CronJobSpec.failedJobsHistoryLimit': nonNegative,
  'V1Probe.initialDelaySeconds': nonNegative,
  'V1Probe.timeoutSeconds': nonNegative,
  'V1Probe.periodSeconds': nonNegative,
  'V1Probe.successThreshold': nonNegative,
  'V1Probe.failureThreshold': nonNegative,
  'V2HorizontalPodAutoscalerSpec.minReplicas': atLeastOne,
  'V2HorizontalPodAutoscalerSpec.maxReplicas': positive,
  'V1HorizontalPodAutoscalerSpec.minReplicas': atLeastOne,
  'V1HorizontalPodAutoscalerSpec.maxReplicas': positive,
};
