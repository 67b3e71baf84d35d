/**
 * Storage admission plugins, as the API server runs them on create:
 * - DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim without
 *   storageClassName gets the class annotated `storageclass.kubernetes.io/is-default-class: "true"` (the
 *   newest one when several are);
 * - StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every claim
 *   gets the `kubernetes.io/pvc-protection` finalizer and every volume `kubernetes.io/pv-protection`.
 */
import type { AdmissionPlugin } from '../core/simulation';
import type { KubeObject } from '../api/types';
import { defaultClass, PV_PROTECTION, PVC_PROTECTION, type PVC, type SC } from './claims';

function withFinalizer(obj: KubeObject, f: string): KubeObject {
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(f)) return obj;
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...finalizers, f] } };
}

/** The storage admission plugins as one step. */
export const storageAdmission: AdmissionPlugin = (obj, sim) => {
  if (obj.kind === 'PersistentVolume') return withFinalizer(obj, PV_PROTECTION);
  if (obj.kind !== 'PersistentVolumeClaim') return obj;
  let pvc = obj as PVC;
  if (pvc.spec && pvc.spec.storageClassName === undefined && !pvc.spec.volumeName) {
    const chosen = defaultClass(sim.store.list<SC>('StorageClass'));
    if (chosen) pvc = { ...pvc, spec: { ...pvc.spec, storageClassName: chosen.metadata.name } };
  }
  return withFinalizer(pvc, PVC_PROTECTION);
};
