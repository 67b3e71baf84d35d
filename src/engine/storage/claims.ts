/**
 * Shared reading of volumes: the claims a pod uses, a PV's and a claim's access modes and sizes, which pods
 * use a claim (an index kept from the watch stream), and the well-known annotations and finalizers.
 */
import { keyOf, objectKey } from '../api/meta';
import { value } from '../api/quantity';
import type { KubeObject, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types';
import type { WatchEvent } from '../core/changes';

/** A stored PersistentVolumeClaim. */
export type PVC = PersistentVolumeClaim & KubeObject;
/** A stored PersistentVolume. */
export type PV = PersistentVolume & KubeObject;
/** A stored StorageClass. */
export type SC = StorageClass & KubeObject;
/** A stored Pod. */
export type P = Pod & KubeObject;

/** The finalizer that keeps a claim in use. */
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
/** The finalizer that keeps a bound volume. */
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
/** Written on a WaitForFirstConsumer claim: the node its first pod went to. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** Written on a claim waiting for a provisioner: which one. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** The older name of the same annotation, still written. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** Written on a bound claim. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** Written on what the controller bound (not pre-bound by a user). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** Written on a provisioned volume: its provisioner. */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** Marks the default StorageClass. */
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
/** The class a claim asked for before spec.storageClassName existed (v1.BetaStorageClassAnnotation). */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** The well-known zone label of nodes and zonal volumes. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * GetDefaultClass (pkg/volume/util): of the classes annotated as the default, the newest, and of those
 * made at the same time the first by name.
 */
export function defaultClass(classes: readonly SC[]): SC | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true');
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  return defaults[0];
}

/** The claim names of a pod's volumes (persistentVolumeClaim and generic ephemeral volumes). */
export function podClaimNames(pod: P): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** Whether a pod no longer holds its volumes (terminal phase). */
export function podTerminal(pod: P): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** A claim's requested storage in bytes. */
export function requestedBytes(pvc: PVC): number {
  return value(pvc.spec?.resources?.requests?.storage ?? '0');
}

/** A volume's capacity in bytes. */
export function capacityBytes(pv: PV): number {
  return value(pv.spec?.capacity?.storage ?? '0');
}

/** Whether a volume may be attached to several nodes at once (ReadWriteMany or ReadOnlyMany). */
export function multiAttachAllowed(pv: PV): boolean {
  const modes = pv.spec?.accessModes ?? [];
  return modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
}

/** The store key of the claim a volume is bound to. */
export function claimKeyOf(pv: PV): string | undefined {
  const ref = pv.spec?.claimRef;
  return ref?.name ? objectKey('PersistentVolumeClaim', ref.namespace, ref.name) : undefined;
}

/** Pods by the claims they use, kept from the watch stream. */
export class ClaimUsers {
  private readonly byClaim = new Map<string, Set<string>>();
  private readonly claimsOf = new Map<string, string[]>();

  /** Updates the index from a pod event; returns the claim keys the pod uses (before or after). */
  onPod(e: WatchEvent): string[] {
    const pod = e.object as P;
    const key = keyOf(pod);
    const before = this.claimsOf.get(key) ?? [];
    for (const c of before) this.byClaim.get(c)?.delete(key);
    this.claimsOf.delete(key);
    if (e.type === 'DELETED') return before;
    const after = podClaimNames(pod).map((n) =>
      objectKey('PersistentVolumeClaim', pod.metadata.namespace, n),
    );
    if (after.length) this.claimsOf.set(key, after);
    for (const c of after) {
      let set = this.byClaim.get(c);
      if (!set) this.byClaim.set(c, (set = new Set()));
      set.add(key);
    }
    return [...new Set([...before, ...after])];
  }

  /** Keys of the pods that use a claim. */
  users(claimKey: string): string[] {
    return [...(this.byClaim.get(claimKey) ?? [])];
  }
}
