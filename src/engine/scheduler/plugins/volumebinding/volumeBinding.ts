/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): PreFilter sorts the pod's
 * claims (missing, being deleted, unbound immediate), Filter runs FindPodVolumes per node (bound volumes'
 * node affinity, matching Available PVs for WaitForFirstConsumer claims, or dynamic provisioning), and
 * Reserve/PreBind (`volumeBindingPreBind`) writes what binding needs: the PV's claimRef for a matched
 * volume, the PVC's volume.kubernetes.io/selected-node annotation for one to provision. PreBind then waits
 * (BindPodVolumes) until the PV controller has bound every such claim, at most bindTimeoutSeconds: the
 * scheduler holds the pod, assumed on its node, and re-checks (`checkBindings`) on every claim and volume
 * change.
 */
import { keyOf } from '../../../api/meta';
import type { KubeObject, PersistentVolumeClaim } from '../../../api/types';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { CycleState, Plugin, Status } from '../../framework/types';
import { SKIP, unresolvable } from '../../framework/types';
import { podClaims } from '../helper/volumes';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  DEFAULT_BIND_TIMEOUT_SECONDS,
  findPodVolumes,
  type PendingBindings,
  podVolumeClaims,
  type PodVolumeClaims,
  type PodVolumes,
} from './binder';

export { checkBindings, DEFAULT_BIND_TIMEOUT_SECONDS, type PendingBindings } from './binder';
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

/** VolumeBindingArgs (kubescheduler.config.k8s.io/v1). */
export interface VolumeBindingArgs {
  bindTimeoutSeconds?: number;
}

/** The plugin with how long its PreBind waits for the claims to be bound. */
export interface VolumeBindingPlugin extends Plugin {
  readonly bindTimeoutSeconds: number;
}

/** PreFilter and Filter over the pod's claims. */
export function volumeBinding(args: VolumeBindingArgs = {}): VolumeBindingPlugin {
  return {
    name: KEY,
    bindTimeoutSeconds: args.bindTimeoutSeconds ?? DEFAULT_BIND_TIMEOUT_SECONDS,
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

/** What PreBind does for the chosen node: the API writes, and what to wait for (none: bind at once). */
export interface PreBindPlan {
  writes: KubeObject[];
  pending: PendingBindings | undefined;
}

/**
 * Reserve (AssumePodVolumes) and PreBind's bindAPIUpdate for the chosen node: a PV with its claimRef for each
 * static binding and a PVC annotated with the selected node for each claim to provision; then what
 * BindPodVolumes waits for (checkBindings). Nothing when the pod's claims are all bound already.
 */
export function volumeBindingPreBind(state: CycleState, node: NodeInfo): PreBindPlan {
  const s = state.data.get(KEY) as BindingState | undefined;
  const found = s?.byNode.get(node.name);
  if (!found || (found.staticBindings.length === 0 && found.dynamicProvisions.length === 0))
    return { writes: [], pending: undefined };
  const writes: KubeObject[] = [];
  const pending: PendingBindings = { staticBindings: [], provisions: [] };
  for (const { pv, pvc } of found.staticBindings) {
    pending.staticBindings.push({ pv: pv.metadata.name, pvc: keyOf(pvc) });
    if (pv.spec?.claimRef) continue;
    writes.push({
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
    pending.provisions.push(keyOf(pvc));
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] === node.name) continue;
    writes.push({
      ...pvc,
      metadata: {
        ...pvc.metadata,
        annotations: { ...pvc.metadata.annotations, [ANN_SELECTED_NODE]: node.name },
      },
    });
  }
  return { writes, pending };
}
