/** Helpers over object metadata: store keys, owner references, controller refs. */
import { isClusterScoped } from './kinds';
import type { KubeObject, OwnerReference } from './types';

/** The store key of an object: `Kind/namespace/name`, or `Kind//name` for cluster-scoped kinds. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${isClusterScoped(kind) ? '' : (namespace ?? 'default')}/${name}`;
}

/**
 * The key `objectKey` gives today for a key saved by an older build: a kind that became cluster-scoped
 * (NodeGroup) lost its namespace part, `NodeGroup/default/pool` becomes `NodeGroup//pool`.
 */
export function canonicalKey(key: string): string {
  const first = key.indexOf('/');
  const second = key.indexOf('/', first + 1);
  if (first < 0 || second < 0) return key;
  const kind = key.slice(0, first);
  return isClusterScoped(kind) && second > first + 1 ? `${kind}/${key.slice(second)}` : key;
}

export function keyOf(obj: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** `namespace/name` (or `name` when cluster-scoped), as kubectl and the scheduler print objects. */
export function namespacedName(obj: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return isClusterScoped(obj.kind)
    ? obj.metadata.name
    : `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name}`;
}

/** The owner reference with controller: true, if any (upstream: metav1.GetControllerOf). */
export function controllerOf(obj: Pick<KubeObject, 'metadata'>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** An owner reference marking `owner` as the controller of a dependent (upstream: metav1.NewControllerRef). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isBeingDeleted(obj: Pick<KubeObject, 'metadata'>): boolean {
  return obj.metadata.deletionTimestamp !== undefined;
}
