/**
 * The kubelet's volume manager, as far as a pod's start depends on it (pkg/kubelet/volumemanager):
 * every volume must be mounted before the sandbox is made. A PersistentVolumeClaim must be Bound; an
 * attachable volume (a block device: anything but NFS, hostPath and local volumes) must be attached to
 * this node (a VolumeAttachment with status.attached, made by the attach/detach controller); ConfigMaps
 * and Secrets must exist unless optional. NFS volumes mount on any node at once.
 */
import type { ConfigMap, KubeObject, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types';
import type { ReadonlyStore } from '../core/objectStore';

/** A volume that needs attaching before it can be mounted. */
export function isAttachable(pv: PersistentVolume): boolean {
  const s = pv.spec ?? {};
  return !s.nfs && !s.hostPath && !s.local;
}

/** The name of the VolumeAttachment of a volume on a node (the CSI attacher names it by a hash). */
export function attachmentName(pvName: string, nodeName: string): string {
  let h = 0x811c9dc5;
  const text = `${pvName}/${nodeName}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `csi-${h.toString(16).padStart(8, '0')}${pvName.length.toString(16).padStart(2, '0')}`;
}

/** What keeps a pod's volumes from being mounted on a node. */
export interface VolumeWait {
  unmounted: string[];
  unattached: string[];
  /** A message of its own (MountVolume.SetUp failed ...), when one volume says why. */
  failures: string[];
}

/** The volumes of a pod that are not ready on the node (empty lists: all mounted). */
export function volumesNotReady(pod: Pod & KubeObject, nodeName: string, store: ReadonlyStore): VolumeWait {
  const wait: VolumeWait = { unmounted: [], unattached: [], failures: [] };
  const ns = pod.metadata.namespace;
  for (const v of pod.spec?.volumes ?? []) {
    const claimName =
      v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata.name}-${v.name}` : undefined);
    if (claimName !== undefined) {
      const pvc = store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', ns, claimName);
      const pvName = pvc?.spec?.volumeName;
      const pv = pvName
        ? store.get<PersistentVolume & KubeObject>('PersistentVolume', undefined, pvName)
        : undefined;
      if (!pvc || pvc.status?.phase !== 'Bound' || !pv) {
        wait.unmounted.push(v.name);
        continue;
      }
      if (isAttachable(pv)) {
        const va = store.get('VolumeAttachment', undefined, attachmentName(pv.metadata.name, nodeName));
        if (!(va?.status as { attached?: boolean } | undefined)?.attached) {
          wait.unmounted.push(v.name);
          wait.unattached.push(v.name);
        }
      }
      continue;
    }
    const cm = v.configMap;
    if (cm?.name && !cm.optional && !store.get<ConfigMap & KubeObject>('ConfigMap', ns, cm.name)) {
      wait.unmounted.push(v.name);
      wait.failures.push(
        `MountVolume.SetUp failed for volume "${v.name}" : configmap "${cm.name}" not found`,
      );
    }
    const secret = v.secret;
    if (secret?.secretName && !secret.optional && !store.get('Secret', ns, secret.secretName)) {
      wait.unmounted.push(v.name);
      wait.failures.push(
        `MountVolume.SetUp failed for volume "${v.name}" : secret "${secret.secretName}" not found`,
      );
    }
  }
  return wait;
}

/** FailedMount's message after the volume manager's 2-minute wait (WaitForAttachAndMount). */
export function failedMountMessage(w: VolumeWait): string {
  const list = (xs: string[]) => `[${xs.join(' ')}]`;
  return `Unable to attach or mount volumes: unmounted volumes=${list(w.unmounted)}, unattached volumes=${list(w.unattached)}, failed to process volumes=[]: timed out waiting for the condition`;
}
