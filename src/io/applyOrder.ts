/**
 * The order in which `kubectl apply` of a whole design succeeds without retries: things others refer to
 * come first (Namespaces, StorageClasses, PriorityClasses, claims, config), then Services, workloads, and
 * what points at workloads (Ingresses, HPAs, PDBs). Kinds not listed keep their place among themselves.
 */
const RANK: Record<string, number> = {
  Namespace: 0,
  // The simulated machines (in a simulation export) before anything that runs on them.
  Node: 0,
  NodeGroup: 0,
  CustomResourceDefinition: 1,
  StorageClass: 2,
  PriorityClass: 3,
  ResourceQuota: 4,
  LimitRange: 4,
  ServiceAccount: 5,
  ClusterRole: 5,
  ClusterRoleBinding: 5,
  Role: 5,
  RoleBinding: 5,
  PersistentVolume: 6,
  PersistentVolumeClaim: 7,
  ConfigMap: 8,
  Secret: 8,
  Service: 9,
  Pod: 10,
  ReplicaSet: 10,
  Deployment: 10,
  StatefulSet: 10,
  DaemonSet: 10,
  Job: 10,
  CronJob: 10,
  IngressClass: 11,
  Ingress: 12,
  HorizontalPodAutoscaler: 13,
  PodDisruptionBudget: 14,
};
const OTHER = 15;

/** Rank of a kind in apply order (lower first). */
export function applyRank(kind: string): number {
  return RANK[kind] ?? OTHER;
}

/** A new array sorted into apply order; objects of equal rank keep their relative order (stable sort). */
export function applyOrder<T extends { kind: string }>(objects: readonly T[]): T[] {
  return objects
    .map((o, i) => ({ o, i, r: applyRank(o.kind) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.o);
}
