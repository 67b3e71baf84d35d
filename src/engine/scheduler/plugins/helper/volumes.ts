/** Reading a pod's PersistentVolumeClaims and their PersistentVolumes from the store (volume plugins). */
import type {
  KubeObject,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StorageClass,
} from '../../../api/types';
import type { ReadonlyStore } from '../../../core/objectStore';

/** The claim names a pod's volumes use (persistentVolumeClaim and generic ephemeral volumes). */
export function podClaimNames(pod: Pod & KubeObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

export interface ClaimInfo {
  name: string;
  claim: (PersistentVolumeClaim & KubeObject) | undefined;
  volume: (PersistentVolume & KubeObject) | undefined;
  storageClass: (StorageClass & KubeObject) | undefined;
}

/** The pod's claims with their bound volumes and storage classes, as found in the store. */
export function podClaims(pod: Pod & KubeObject, store: ReadonlyStore | undefined): ClaimInfo[] {
  if (!store) return [];
  return podClaimNames(pod).map((name) => {
    const claim = store.get<PersistentVolumeClaim & KubeObject>(
      'PersistentVolumeClaim',
      pod.metadata.namespace,
      name,
    );
    const pvName = claim?.spec?.volumeName;
    const volume = pvName
      ? store.get<PersistentVolume & KubeObject>('PersistentVolume', undefined, pvName)
      : undefined;
    const scName = claim?.spec?.storageClassName;
    const storageClass = scName
      ? store.get<StorageClass & KubeObject>('StorageClass', undefined, scName)
      : undefined;
    return { name, claim, volume, storageClass };
  });
}
