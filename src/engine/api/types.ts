/**
 * Kubernetes API object types. The shapes come from `kubernetes-types` (generated from upstream's OpenAPI
 * spec); this file names the ones the engine uses and adds the generic object shape the store keeps.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

export type {
  ObjectMeta,
  OwnerReference,
  LabelSelector,
  LabelSelectorRequirement,
  Time,
} from 'kubernetes-types/meta/v1';
export type {
  Pod,
  PodSpec,
  PodStatus,
  PodCondition,
  PodTemplateSpec,
  Container,
  ContainerStatus,
  ContainerState,
  Probe,
  Node,
  NodeSpec,
  NodeStatus,
  NodeCondition,
  Taint,
  Toleration,
  Affinity,
  NodeAffinity,
  NodeSelector,
  NodeSelectorTerm,
  NodeSelectorRequirement,
  PodAffinity,
  PodAntiAffinity,
  PodAffinityTerm,
  WeightedPodAffinityTerm,
  PreferredSchedulingTerm,
  TopologySpreadConstraint,
  ResourceRequirements,
  Volume,
  Service,
  ServiceSpec,
  ServicePort,
  Namespace,
  ConfigMap,
  Secret,
  PersistentVolume,
  PersistentVolumeClaim,
  Event,
  ObjectReference,
} from 'kubernetes-types/core/v1';
export type { Deployment, ReplicaSet, StatefulSet, DaemonSet } from 'kubernetes-types/apps/v1';
export type { Job, CronJob } from 'kubernetes-types/batch/v1';
export type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
export type { EndpointSlice } from 'kubernetes-types/discovery/v1';
export type { StorageClass } from 'kubernetes-types/storage/v1';
export type { PriorityClass } from 'kubernetes-types/scheduling/v1';
export type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
export type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/**
 * Any API object as the store keeps it. Every stored object has kind, apiVersion and metadata.name;
 * metadata.namespace is set for namespaced kinds. spec and status stay untyped here: use the kind's own
 * type (via `asKind`) where its fields are read.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  spec?: unknown;
  status?: unknown;
  [extra: string]: unknown;
}

/** A typed object of one kind with the guarantees the store gives (name is set). */
export type Stored<T extends { metadata?: ObjectMeta }> = T & { metadata: ObjectMeta & { name: string } };

export type { OwnerReference as OwnerRef };
