/**
 * The kinds the engine knows: which are cluster-scoped, which it simulates, and their API groups.
 * Any other kind is kept, listed and exported untouched, and shown as "not simulated".
 */

/** Kinds whose objects have no namespace (upstream: `kubectl api-resources --namespaced=false`). */
const CLUSTER_SCOPED = new Set([
  'Node',
  'PersistentVolume',
  'StorageClass',
  'Namespace',
  'IngressClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'CSIDriver',
  'RuntimeClass',
  'VolumeAttachment',
  // The simulator's node groups are cluster-scoped, like the Nodes they make.
  'NodeGroup',
]);

/** The kinds whose behaviour the simulation models. */
export const SIMULATED_KINDS = [
  'Node',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'EndpointSlice',
  'Ingress',
  'IngressClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'ConfigMap',
  'Secret',
  'Namespace',
  'PriorityClass',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Event',
] as const;
export type SimulatedKind = (typeof SIMULATED_KINDS)[number];

const SIMULATED = new Set<string>(SIMULATED_KINDS);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function isSimulatedKind(kind: string): kind is SimulatedKind {
  return SIMULATED.has(kind);
}

/** The apiVersion the engine writes for the objects it creates itself. */
export const API_VERSION: Record<SimulatedKind, string> = {
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  PersistentVolume: 'v1',
  PersistentVolumeClaim: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  Event: 'v1',
  ReplicaSet: 'apps/v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
};

/** The apiVersion of the simulator's own kinds (no API server knows them; kubectl exports leave them out). */
export const SIMULATOR_API_VERSION = 'kubecanvas.dev/v1alpha1';

/** The simulator's own kinds: node groups for the autoscaler, traffic sources, scenarios. */
const SIMULATOR_KINDS = new Set(['NodeGroup', 'TrafficSource', 'Scenario']);

/** Whether a kind is one of the simulator's own (see SIMULATOR_API_VERSION). */
export function isSimulatorKind(kind: string): boolean {
  return SIMULATOR_KINDS.has(kind);
}

/**
 * Whether an object is simulated infrastructure rather than something a real cluster is given: a Node (a
 * simulated machine; a real cluster's kubelets register their own) or one of the simulator's own kinds
 * (`kubecanvas.dev/...`: NodeGroup, TrafficSource, Scenario). Exports leave them out unless asked.
 */
export function isSimulatedInfrastructure(obj: { apiVersion?: string; kind: string }): boolean {
  return (
    (obj.apiVersion ?? '').startsWith('kubecanvas.dev/') || (obj.kind === 'Node' && obj.apiVersion === 'v1')
  );
}
