/**
 * The scheduler's volume binder (pkg/scheduler/framework/plugins/volumebinding/binder.go: GetPodVolumeClaims,
 * FindPodVolumes, checkBoundClaims, findMatchingVolumes, checkVolumeProvisions) and FindMatchingVolume
 * (staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go), over the object store.
 */
import { nodeSelectorMatches, nodeSelectorTermMatches, safeSelector } from '../../../api/labels';
import { value } from '../../../api/quantity';
import type {
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
} from '../../../api/types';
import type { ReadonlyStore } from '../../../core/objectStore';
import type { NodeInfo } from '../../framework/nodeInfo';

type PVC = PersistentVolumeClaim & KubeObject;
type PV = PersistentVolume & KubeObject;
type SC = StorageClass & KubeObject;

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** GetPersistentVolumeClaimClass: the beta annotation, then spec.storageClassName. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return (
    pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
  );
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: PersistentVolume): string {
  return (
    pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? ''
  );
}

/**
 * isPVCFullyBound: spec.volumeName and the bind-completed annotation. A claim whose status says Bound is
 * taken as bound too (a claim loaded from a manifest may carry the status without the annotation).
 */
export function claimFullyBound(pvc: PVC): boolean {
  if (!pvc.spec?.volumeName) return false;
  return ANN_BIND_COMPLETED in (pvc.metadata.annotations ?? {}) || pvc.status?.phase === 'Bound';
}

/** The pod's claims sorted as GetPodVolumeClaims sorts them. */
export interface PodVolumeClaims {
  bound: PVC[];
  delayBinding: PVC[];
  immediate: PVC[];
  /** Storage class name → its PersistentVolumes (candidates for the delayed claims). */
  volumesByClass: Map<string, PV[]>;
}

/** IsDelayBindingMode: the claim's class exists and says WaitForFirstConsumer. */
function delayBinding(pvc: PVC, store: ReadonlyStore): boolean {
  const name = claimClass(pvc);
  if (!name) return false;
  return store.get<SC>('StorageClass', undefined, name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** GetPodVolumeClaims over already-fetched claims. */
export function podVolumeClaims(claims: readonly PVC[], store: ReadonlyStore): PodVolumeClaims {
  const out: PodVolumeClaims = { bound: [], delayBinding: [], immediate: [], volumesByClass: new Map() };
  for (const pvc of claims) {
    if (claimFullyBound(pvc)) out.bound.push(pvc);
    else if (delayBinding(pvc, store) && !pvc.spec?.volumeName) out.delayBinding.push(pvc);
    else out.immediate.push(pvc);
  }
  for (const pvc of out.delayBinding) {
    const cls = claimClass(pvc);
    if (!out.volumesByClass.has(cls))
      out.volumesByClass.set(
        cls,
        store.list<PV>('PersistentVolume').filter((pv) => volumeClass(pv) === cls),
      );
  }
  return out;
}

/** CheckNodeAffinity: the PV's required node affinity admits the node. */
function nodeAffinityOk(pv: PV, node: NodeInfo): boolean {
  return pvNodeAffinityOk(pv, node.node);
}

function pvNodeAffinityOk(pv: PV, node: Node & KubeObject): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  return !required || nodeSelectorMatches(required, node);
}

function storageOf(q: Record<string, string | number> | undefined): number {
  const s = q?.storage;
  return s === undefined ? 0 : value(String(s));
}

/** IsVolumeBoundToClaim: the PV's claimRef names the claim (and its uid, when set). */
function boundToClaim(pv: PV, pvc: PVC): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (
    ref.name !== pvc.metadata.name ||
    (ref.namespace ?? 'default') !== (pvc.metadata.namespace ?? 'default')
  )
    return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
function accessModesOk(pvc: PVC, pv: PV): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (pvc.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/**
 * FindMatchingVolume (scheduler path, delayed binding): the PV pre-bound to the claim, or the smallest
 * Available PV of the claim's class with the capacity, volume mode, selector, node affinity and access modes.
 */
export function findMatchingVolume(
  pvc: PVC,
  volumes: readonly PV[],
  node: NodeInfo,
  excluded: ReadonlySet<string>,
): PV | undefined {
  const requested = storageOf(pvc.spec?.resources?.requests);
  const cls = claimClass(pvc);
  const selector = pvc.spec?.selector ? safeSelector(pvc.spec.selector) : undefined;
  let smallest: PV | undefined;
  let smallestQty = 0;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata.name)) continue;
    if (pv.spec?.claimRef && !boundToClaim(pv, pvc)) continue;
    const qty = storageOf(pv.spec?.capacity);
    if (qty < requested) continue;
    if ((pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem')) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = nodeAffinityOk(pv, node);
    if (boundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    // A PV without status yet is taken as Available (the PV controller sets that when it first sees it).
    if ((pv.status?.phase ?? 'Available') !== 'Available') continue;
    if (selector && !selector.matches(pv.metadata.labels ?? {})) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!affinityOk) continue;
    if (!accessModesOk(pvc, pv)) continue;
    if (!smallest || smallestQty > qty) {
      smallest = pv;
      smallestQty = qty;
    }
  }
  return smallest;
}

/** What FindPodVolumes decides for one node: the reasons it fails, or the bindings and provisions to make. */
export interface PodVolumes {
  reasons: string[];
  staticBindings: Array<{ pv: PV; pvc: PVC }>;
  dynamicProvisions: PVC[];
}

/** MatchTopologySelectorTerms of a StorageClass's allowedTopologies. */
function topologyAllows(sc: SC, node: NodeInfo): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) =>
    nodeSelectorTermMatches(
      {
        matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({
          key: e.key,
          operator: 'In',
          values: e.values,
        })),
      },
      node.node,
    ),
  );
}

/** checkVolumeProvisions: every claim left can be provisioned for the node (storage capacity not modeled). */
function provisionable(claims: readonly PVC[], node: NodeInfo, store: ReadonlyStore): boolean {
  for (const pvc of claims) {
    const sc = store.get<SC>('StorageClass', undefined, claimClass(pvc));
    if (!sc || !sc.provisioner || sc.provisioner === NOT_SUPPORTED_PROVISIONER) return false;
    if (!topologyAllows(sc, node)) return false;
  }
  return true;
}

/** checkBoundClaims: [boundVolumesSatisfied, boundPVsFound]. */
function checkBound(claims: readonly PVC[], node: NodeInfo, store: ReadonlyStore): [boolean, boolean] {
  for (const pvc of claims) {
    const pv = store.get<PV>('PersistentVolume', undefined, pvc.spec?.volumeName as string);
    if (!pv) return [true, false];
    if (!nodeAffinityOk(pv, node)) return [false, true];
  }
  return [true, true];
}

/** FindPodVolumes for one node. */
export function findPodVolumes(claims: PodVolumeClaims, node: NodeInfo, store: ReadonlyStore): PodVolumes {
  const out: PodVolumes = { reasons: [], staticBindings: [], dynamicProvisions: [] };
  const [boundOk, pvsFound] = checkBound(claims.bound, node, store);
  let unboundOk = true;
  if (claims.delayBinding.length > 0) {
    const toMatch: PVC[] = [];
    const toProvision: PVC[] = [];
    for (const pvc of claims.delayBinding) {
      const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected === undefined) toMatch.push(pvc);
      else if (selected !== node.name) {
        unboundOk = false;
        break;
      } else toProvision.push(pvc);
    }
    if (unboundOk) {
      // findMatchingVolumes: smallest requests first, each PV chosen once.
      const chosen = new Set<string>();
      const sorted = [...toMatch].sort(
        (a, b) => storageOf(a.spec?.resources?.requests) - storageOf(b.spec?.resources?.requests),
      );
      for (const pvc of sorted) {
        const pv = findMatchingVolume(pvc, claims.volumesByClass.get(claimClass(pvc)) ?? [], node, chosen);
        if (!pv) {
          toProvision.push(pvc);
          continue;
        }
        chosen.add(pv.metadata.name);
        out.staticBindings.push({ pv, pvc });
      }
      if (toProvision.length > 0) {
        unboundOk = provisionable(toProvision, node, store);
        if (unboundOk) out.dynamicProvisions.push(...toProvision);
      }
    }
  }
  if (!boundOk) out.reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundOk) out.reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!pvsFound) out.reasons.push(ERR_REASON_PV_NOT_EXIST);
  return out;
}

/** VolumeBindingArgs' default bindTimeoutSeconds (pkg/scheduler/apis/config/v1/defaults.go). */
export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;

/** What BindPodVolumes waits on for one pod: the PVs it bound to claims, and the claims it asked to provision. */
export interface PendingBindings {
  /** PV names with the key of the claim each was bound to. */
  staticBindings: Array<{ pv: string; pvc: string }>;
  /** Keys of the claims annotated with the selected node. */
  provisions: string[];
}

/**
 * checkBindings (binder.go): true when every claim the pod's PreBind touched is fully bound, false to keep
 * waiting, or the error that makes binding fail (and the pod be scheduled again).
 */
export function checkBindings(
  store: ReadonlyStore,
  podKey: string,
  nodeName: string,
  pending: PendingBindings,
): boolean | string {
  const node = store.get<Node & KubeObject>('Node', undefined, nodeName);
  if (!node) return `failed to get node "${nodeName}": node "${nodeName}" not found`;
  if (!store.getByKey(podKey)) return 'pod does not exist any more';
  for (const b of pending.staticBindings) {
    const pv = store.get<PV>('PersistentVolume', undefined, b.pv);
    if (!pv) return `failed to check binding: PersistentVolume "${b.pv}" not found`;
    const pvc = store.getByKey<PVC>(b.pvc);
    if (!pvc)
      return `failed to check binding: PersistentVolumeClaim "${b.pvc.split('/').slice(1).join('/')}" not found`;
    if (!pvNodeAffinityOk(pv, node))
      return `pv "${b.pv}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`;
    if (!pv.spec?.claimRef?.uid) return `ClaimRef got reset for pv "${b.pv}"`;
    if (!claimFullyBound(pvc)) return false;
  }
  for (const key of pending.provisions) {
    const pvc = store.getByKey<PVC>(key);
    const name = key.split('/').slice(2).join('/');
    if (!pvc) return `failed to check provisioning pvc: PersistentVolumeClaim "${name}" not found`;
    const annotations = pvc.metadata.annotations;
    if (!annotations) return `selectedNode annotation reset for PVC "${name}"`;
    if (annotations[ANN_SELECTED_NODE] !== nodeName) return `provisioning failed for PVC "${name}"`;
    const volumeName = pvc.spec?.volumeName;
    if (volumeName) {
      const pv = store.get<PV>('PersistentVolume', undefined, volumeName);
      if (!pv) return false;
      if (!pvNodeAffinityOk(pv, node))
        return `pv "${volumeName}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`;
    }
    if (!claimFullyBound(pvc)) return false;
  }
  return true;
}
