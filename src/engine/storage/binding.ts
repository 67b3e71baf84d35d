/**
 * findBestMatchForClaim (pkg/controller/volume/persistentvolume/index.go with
 * component-helpers/storage/volume FindMatchingVolume): volumes are grouped by their access modes; the
 * groups that include every mode the claim asks for are tried from the fewest modes up, and in the first
 * group with a fit the smallest volume that fits wins. A volume pre-bound to the claim (claimRef) wins at
 * once. A fit: not bound to another claim, same class and volume mode, enough capacity, the claim's
 * selector matches the volume's labels, and for a WaitForFirstConsumer claim the selected node satisfies
 * the volume's node affinity.
 */
import { labelSelectorAsSelector, nodeSelectorMatches } from '../api/labels';
import type { KubeObject, Node } from '../api/types';
import { capacityBytes, requestedBytes, type PV, type PVC } from './claims';

function fits(pv: PV, pvc: PVC, node: (Node & KubeObject) | undefined): boolean {
  const ref = pv.spec?.claimRef;
  if (pv.metadata.deletionTimestamp) return false;
  if (
    ref &&
    !(
      ref.name === pvc.metadata.name &&
      ref.namespace === pvc.metadata.namespace &&
      (!ref.uid || ref.uid === pvc.metadata.uid)
    )
  )
    return false;
  if (!ref && pv.status?.phase && pv.status.phase !== 'Available') return false;
  if ((pv.spec?.storageClassName ?? '') !== (pvc.spec?.storageClassName ?? '')) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  if (capacityBytes(pv) < requestedBytes(pvc)) return false;
  const selector = pvc.spec?.selector ? labelSelectorAsSelector(pvc.spec.selector) : undefined;
  if (selector && !selector.matches(pv.metadata.labels)) return false;
  const affinity = pv.spec?.nodeAffinity?.required;
  return !(node && affinity && !nodeSelectorMatches(affinity, node));
}

/** The volume the claim binds to, or undefined. */
export function findBestMatchForClaim(
  pvc: PVC,
  volumes: Iterable<PV>,
  node?: Node & KubeObject,
): PV | undefined {
  const wanted = pvc.spec?.accessModes ?? [];
  const groups = new Map<string, PV[]>();
  for (const pv of volumes) {
    const modes = [...new Set(pv.spec?.accessModes ?? [])].sort();
    if (!wanted.every((m) => modes.includes(m))) continue;
    const key = modes.join(',');
    groups.set(key, [...(groups.get(key) ?? []), pv]);
  }
  const ordered = [...groups].sort(
    (a, b) => a[0].split(',').length - b[0].split(',').length || (a[0] < b[0] ? -1 : 1),
  );
  for (const [, list] of ordered) {
    let best: PV | undefined;
    for (const pv of list) {
      if (!fits(pv, pvc, node)) continue;
      if (pv.spec?.claimRef) return pv;
      if (!best || capacityBytes(pv) < capacityBytes(best)) best = pv;
    }
    if (best) return best;
  }
  return undefined;
}
