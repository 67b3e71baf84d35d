/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): PreFilter sorts the pod's
 * claims (missing, being deleted, unbound immediate), Filter runs FindPodVolumes per node (bound volumes'
 * node affinity, matching Available PVs for WaitForFirstConsumer claims, or dynamic provisioning), and
 * Reserve/PreBind (`volumeBindingPreBind`) writes what binding needs: the PV's claimRef for a matched
 * volume, the PVC's volume.kubernetes.io/selected-node annotation for one to provision.
 */
import type { KubeObject, PersistentVolumeClaim } from '../../../api/types';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { CycleState, Plugin, Status } from '../../framework/types';
import { SKIP, unresolvable } from '../../framework/types';
import { podClaims } from '../helper/volumes';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  findPodVolumes,
  podVolumeClaims,
  type PodVolumeClaims,
  type PodVolumes,
} from './binder';

export {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_NOT_ENOUGH_SPACE,
  ERR_REASON_PV_NOT_EXIST,
  ANN_SELECTED_NODE,
} from './binder';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

const KEY = 'VolumeBinding';

/** The plugin's cycle state: the pod's claims, and FindPodVolumes' answer per node filtered. */
interface BindingState {
  claims: PodVolumeClaims;
  byNode: Map<string, PodVolumes>;
}

/** PreFilter and Filter over the pod's claims. */
export function volumeBinding(): Plugin {
  return {
    name: KEY,
    preFilter(state) {
      const store = state.snapshot.store;
      const claims = podClaims(state.pod, store);
      if (claims.length === 0 || !store) return SKIP;
      const pvcs: Array<PersistentVolumeClaim & KubeObject> = [];
      for (const c of claims) {
        if (!c.claim) return { status: unresolvable(`persistentvolumeclaim "${c.name}" not found`) };
        if (c.claim.metadata.deletionTimestamp)
          return { status: unresolvable(`persistentvolumeclaim "${c.name}" is being deleted`) };
        const pvName = c.claim.spec?.volumeName;
        if (c.claim.status?.phase === 'Lost' && pvName && !c.volume)
          return {
            status: unresolvable(
              `persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${pvName}"`,
            ),
          };
        pvcs.push(c.claim);
      }
      const sorted = podVolumeClaims(pvcs, store);
      if (sorted.immediate.length > 0) return { status: unresolvable(ERR_REASON_UNBOUND_IMMEDIATE) };
      state.data.set(KEY, { claims: sorted, byNode: new Map() } satisfies BindingState);
      return undefined;
    },
    filter(state, node) {
      const s = state.data.get(KEY) as BindingState;
      const store = state.snapshot.store;
      if (!store) return undefined;
      const found = findPodVolumes(s.claims, node, store);
      s.byNode.set(node.name, found);
      if (found.reasons.length === 0) return undefined;
      const status: Status = { code: 'UnschedulableAndUnresolvable', reasons: found.reasons };
      return status;
    },
  };
}

/**
 * Reserve (AssumePodVolumes) and PreBind (BindPodVolumes) for the chosen node: the objects to write, a PV
 * with its claimRef for each static binding and a PVC annotated with the selected node for each claim to
 * provision. Empty when the pod has no claims to bind. (Upstream then waits in PreBind until the PV
 * controller has bound every claim; the simulation binds the pod at once and the kubelet waits for volumes.)
 */
export function volumeBindingPreBind(state: CycleState, node: NodeInfo): KubeObject[] {
  const s = state.data.get(KEY) as BindingState | undefined;
  if (!s) return [];
  const found = s.byNode.get(node.name);
  if (!found) return [];
  const out: KubeObject[] = [];
  for (const { pv, pvc } of found.staticBindings) {
    if (pv.spec?.claimRef) continue;
    out.push({
      ...pv,
      metadata: {
        ...pv.metadata,
        annotations: { ...pv.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' },
      },
      spec: {
        ...pv.spec,
        claimRef: {
          kind: 'PersistentVolumeClaim',
          apiVersion: 'v1',
          namespace: pvc.metadata.namespace ?? 'default',
          name: pvc.metadata.name,
          ...(pvc.metadata.uid ? { uid: pvc.metadata.uid } : {}),
        },
      },
    } as KubeObject);
  }
  for (const pvc of found.dynamicProvisions) {
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] === node.name) continue;
    out.push({
      ...pvc,
      metadata: {
        ...pvc.metadata,
        annotations: { ...pvc.metadata.annotations, [ANN_SELECTED_NODE]: node.name },
      },
    });
  }
  return out;
}
