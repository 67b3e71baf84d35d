/**
 * The PVC and PV protection controllers (pkg/controller/volume/pvcprotection, pvprotection): a claim being
 * deleted keeps its `kubernetes.io/pvc-protection` finalizer while a pod that is not terminal uses it; a
 * volume being deleted keeps `kubernetes.io/pv-protection` while it is Bound.
 */
import { keyOf, objectKey } from '../api/meta';
import type { KubeObject } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { ClaimUsers, podTerminal, PV_PROTECTION, PVC_PROTECTION, type P, type PV, type PVC } from './claims';

function without(obj: KubeObject, f: string): KubeObject {
  const finalizers = (obj.metadata.finalizers ?? []).filter((x) => x !== f);
  const { finalizers: _f, ...meta } = obj.metadata;
  return { ...obj, metadata: finalizers.length ? { ...meta, finalizers } : meta };
}

/** The PVC and PV protection controllers (`pvc-protection-controller`). */
export class VolumeProtectionController implements Controller {
  readonly name = 'pvc-protection-controller';
  private readonly users = new ClaimUsers();

  setup(s: ControllerSetup): void {
    for (const p of s.store.each<P>('Pod')) this.users.onPod({ type: 'ADDED', object: p, time: 0 });
    s.watch('Pod', (e) => {
      for (const c of this.users.onPod(e)) s.enqueue(c);
    });
    for (const kind of ['PersistentVolumeClaim', 'PersistentVolume'])
      s.watch(kind, (e) => {
        if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) s.enqueue(keyOf(e.object));
      });
  }

  sync(key: string, ctx: ControllerContext): void {
    const obj = ctx.store.getByKey(key);
    if (!obj?.metadata.deletionTimestamp) return;
    if (obj.kind === 'PersistentVolume') {
      const pv = obj as PV;
      if (pv.metadata.finalizers?.includes(PV_PROTECTION) && pv.status?.phase !== 'Bound')
        ctx.update(without(pv, PV_PROTECTION));
      return;
    }
    const pvc = obj as PVC;
    if (!pvc.metadata.finalizers?.includes(PVC_PROTECTION)) return;
    const inUse = this.users
      .users(objectKey('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name))
      .some((k) => {
        const pod = ctx.store.getByKey<P>(k);
        return pod !== undefined && !podTerminal(pod);
      });
    if (!inUse) ctx.update(without(pvc, PVC_PROTECTION));
  }
}
