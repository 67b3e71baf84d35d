/** VolumeRestrictions (pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go), RWOP part. */
import type { KubeObject, Pod } from '../../../api/types';
import type { Plugin } from '../../framework/types';
import { SKIP, unresolvable } from '../../framework/types';
import { podClaimNames, podClaims } from '../helper/volumes';

export const ERR_REASON_RWOP_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

/**
 * PreFilter: a ReadWriteOncePod claim already used by another live pod makes the pod unschedulable. The
 * in-tree disk conflicts (GCE PD, AWS EBS, RBD, iSCSI) are not modeled.
 */
export function volumeRestrictions(): Plugin {
  return {
    name: 'VolumeRestrictions',
    preFilter(state) {
      const rwop = podClaims(state.pod, state.snapshot.store).filter((c) =>
        c.claim?.spec?.accessModes?.includes('ReadWriteOncePod'),
      );
      if (rwop.length === 0 || !state.snapshot.store) return SKIP;
      const names = new Set(rwop.map((c) => c.name));
      for (const p of state.snapshot.store.list<Pod & KubeObject>('Pod', state.podInfo.namespace)) {
        if (p.metadata.name === state.pod.metadata.name || !p.spec?.nodeName) continue;
        if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
        if (podClaimNames(p).some((n) => names.has(n)))
          return { status: unresolvable(ERR_REASON_RWOP_CONFLICT) };
      }
      return undefined;
    },
  };
}
