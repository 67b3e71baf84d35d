/**
 * Volume expansion: growing a bound claim's `spec.resources.requests.storage`.
 *
 * What the API server refuses in a claim's update (validation, then the PersistentVolumeClaimResize
 * admission plugin) is `claimUpdateRefusal` in claimUpdate.ts.
 *
 * Then the expansion itself (`VolumeExpansionController`), three upstream actors in one component:
 * - the expand controller (pkg/controller/volume/expand/expand_controller.go, events from `volume_expand`):
 *   a CSI volume is left to an external resizer ("waiting for an external controller to expand this PVC",
 *   ExternalExpanding) and the claim is annotated with the resizer's name;
 * - the CSI external-resizer (kubernetes-csi/external-resizer, expand_and_recover.go and resize_status.go,
 *   events from `external-resizer <driver>`): the claim's `Resizing` condition, allocatedResources and
 *   allocatedResourceStatuses `ControllerResizeInProgress`; after ControllerExpandVolume (RESIZE_MS) the
 *   volume's capacity grows; a filesystem volume then needs the node's part (`FileSystemResizePending`,
 *   `NodeResizePending`, FileSystemResizeRequired), anything else is done (status.capacity, VolumeResizeSuccessful);
 * - the kubelet's volume manager (pkg/volume/util/operationexecutor NodeExpand): once a running pod on a
 *   node has the volume mounted, NodeExpandVolume (NODE_EXPAND_MS) grows the filesystem, the claim's
 *   status.capacity becomes the new size, and FileSystemResizeSuccessful is recorded on the pod and the claim.
 * Drivers without a resizer (local-path, hostPath, in-tree NFS) get the ExternalExpanding event and nothing more,
 * as upstream: nothing expands them.
 */
import { keyOf } from '../api/meta';
import { timestamp } from '../api/time';
import { value } from '../api/quantity';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { ClaimUsers, podTerminal, requestedBytes, type P, type PV, type PVC } from './claims';
import { sharedFileProvisioner } from './pvController';

/** How long the external resizer's ControllerExpandVolume takes. */
export const RESIZE_MS = 2000;
/** How long the kubelet's NodeExpandVolume (growing the filesystem) takes. */
export const NODE_EXPAND_MS = 1000;

/** Written on a claim being expanded: the resizer that does it (util.SetClaimResizer). */
export const ANN_STORAGE_RESIZER = 'volume.kubernetes.io/storage-resizer';

type PersistentVolumeClaimCondition = NonNullable<NonNullable<PVC['status']>['conditions']>[number];

const RESIZE_CONDITIONS = new Set(['Resizing', 'FileSystemResizePending']);
const FS_RESIZE_PENDING_MESSAGE =
  'Waiting for user to (re-)start a pod to finish file system resize of volume on node.';

const storageOf = (pvc: PVC): string | undefined => pvc.spec?.resources?.requests?.storage;
const bytes = (q: string | undefined): number => (q === undefined ? 0 : value(q));

/** The CSI driver that would resize a volume, or undefined when none does (not CSI, or no resizer). */
export function resizerOf(pv: PV): string | undefined {
  const driver = pv.spec?.csi?.driver;
  if (!driver || sharedFileProvisioner(driver)) return undefined;
  // Provisioners of node-local directories have no resizer (rancher.io/local-path, hostpath drivers).
  if (/local-path|hostpath|no-provisioner/i.test(driver)) return undefined;
  return driver;
}

/** MergeResizeConditionsOfPVC: the claim's other conditions, then these resize conditions. */
function withResizeConditions(
  pvc: PVC,
  conditions: PersistentVolumeClaimCondition[],
): PersistentVolumeClaimCondition[] | undefined {
  const kept = (pvc.status?.conditions ?? []).filter((c) => !RESIZE_CONDITIONS.has(c.type));
  const out = [...kept, ...conditions];
  return out.length ? out : undefined;
}

/** The claim's status with `patch` applied; undefined fields are removed. */
function statusWith(pvc: PVC, patch: Record<string, unknown>): PVC {
  const status: Record<string, unknown> = { ...pvc.status, ...patch };
  for (const [k, v] of Object.entries(status)) if (v === undefined) delete status[k];
  return { ...pvc, status } as PVC;
}

const RESIZE = 'resize/';
const EXPANDED = 'expanded/';
const NODE_EXPAND = 'node-expand/';

/** The expand controller, the external resizer and the kubelet's node expansion (see the file's comment). */
export class VolumeExpansionController implements Controller {
  readonly name = 'volume_expand';
  private readonly users = new ClaimUsers();
  /** Claims whose node expansion is under way (so a second pod event does not start another). */
  private readonly expanding = new Set<string>();
  /** The size each claim was last announced (ExternalExpanding) for, in bytes. */
  private readonly announced = new Map<string, number>();

  setup(s: ControllerSetup): void {
    for (const c of s.store.each<PVC>('PersistentVolumeClaim')) s.enqueue(keyOf(c));
    s.watch('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') {
        this.expanding.delete(keyOf(e.object));
        this.announced.delete(keyOf(e.object));
      } else s.enqueue(keyOf(e.object));
    });
    s.watch('Pod', (e) => {
      const claims = this.users.onPod(e);
      const pod = e.object as P;
      const old = e.old as P | undefined;
      // A pod that starts running has its volumes mounted: their node expansion can happen now.
      if (e.type !== 'DELETED' && pod.status?.phase === 'Running' && old?.status?.phase !== 'Running')
        for (const c of claims) s.enqueue(c);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    if (key.startsWith(RESIZE)) return this.resize(key.slice(RESIZE.length), ctx);
    if (key.startsWith(EXPANDED)) return this.expanded(key.slice(EXPANDED.length), ctx);
    if (key.startsWith(NODE_EXPAND)) return this.nodeExpanded(key.slice(NODE_EXPAND.length), ctx);
    this.syncClaim(key, ctx);
  }

  private boundVolume(pvc: PVC, ctx: ControllerContext): PV | undefined {
    const name = pvc.spec?.volumeName;
    const pv = name ? ctx.store.get<PV>('PersistentVolume', undefined, name) : undefined;
    const ref = pv?.spec?.claimRef;
    if (!pv || !ref || ref.namespace !== pvc.metadata.namespace || ref.uid !== pvc.metadata.uid)
      return undefined;
    return pv;
  }

  private syncClaim(key: string, ctx: ControllerContext): void {
    const pvc = ctx.store.getByKey<PVC>(key);
    if (!pvc || pvc.metadata.deletionTimestamp || pvc.status?.phase !== 'Bound') return;
    const pv = this.boundVolume(pvc, ctx);
    if (!pv) return;
    const resizeStatus = pvc.status.allocatedResourceStatuses?.['storage'];
    if (resizeStatus === 'NodeResizePending') return this.maybeNodeExpand(pvc, pv, ctx);
    if (resizeStatus === 'ControllerResizeInProgress') return; // the resizer is at work
    const requested = requestedBytes(pvc);
    if (requested <= bytes(pvc.status.capacity?.['storage'])) return;
    if (this.announced.get(key) === requested) return;
    this.announced.set(key, requested);
    ctx.event(pvc, 'Normal', 'ExternalExpanding', 'waiting for an external controller to expand this PVC');
    const resizer = resizerOf(pv);
    if (!resizer) return; // nothing expands this volume
    if (pvc.metadata.annotations?.[ANN_STORAGE_RESIZER] !== resizer) {
      const annotations = { ...pvc.metadata.annotations, [ANN_STORAGE_RESIZER]: resizer };
      ctx.update({ ...pvc, metadata: { ...pvc.metadata, annotations } });
    }
    ctx.enqueue(RESIZE + key);
  }

  /** The external resizer takes the claim: Resizing, then ControllerExpandVolume. */
  private resize(key: string, ctx: ControllerContext): void {
    const pvc = ctx.store.getByKey<PVC>(key);
    if (!pvc || pvc.status?.phase !== 'Bound') return;
    const pv = this.boundVolume(pvc, ctx);
    const resizer = pv && resizerOf(pv);
    const size = storageOf(pvc);
    if (!pv || !resizer || size === undefined) return;
    if (bytes(size) <= bytes(pvc.status.capacity?.['storage'])) return;
    const marked = ctx.update(
      statusWith(pvc, {
        conditions: withResizeConditions(pvc, [
          { type: 'Resizing', status: 'True', lastTransitionTime: timestampOf(ctx) },
        ]),
        allocatedResources: { ...pvc.status.allocatedResources, storage: size },
        allocatedResourceStatuses: {
          ...pvc.status.allocatedResourceStatuses,
          storage: 'ControllerResizeInProgress',
        },
      }),
    );
    this.resizerEvent(
      ctx,
      marked,
      resizer,
      'Resizing',
      `External resizer is resizing volume ${pv.metadata.name}`,
    );
    ctx.enqueueAfter(RESIZE_MS, EXPANDED + key);
  }

  /** ControllerExpandVolume returned: the volume is bigger; the node's part next, or done. */
  private expanded(key: string, ctx: ControllerContext): void {
    const pvc = ctx.store.getByKey<PVC>(key);
    if (!pvc || pvc.status?.allocatedResourceStatuses?.['storage'] !== 'ControllerResizeInProgress') return;
    const pv = this.boundVolume(pvc, ctx);
    const resizer = pv && resizerOf(pv);
    const size = pvc.status.allocatedResources?.['storage'];
    if (!pv || !resizer || size === undefined) return;
    if (bytes(pv.spec?.capacity?.['storage']) < bytes(size))
      ctx.update<PV>({ ...pv, spec: { ...pv.spec, capacity: { ...pv.spec?.capacity, storage: size } } });
    const fresh = ctx.store.getByKey<PVC>(key) ?? pvc;
    // A filesystem on a block device grows on the node (CSI NodeExpandVolume); a block volume does not.
    if ((pv.spec?.volumeMode ?? 'Filesystem') === 'Filesystem') {
      const pending = ctx.update(
        statusWith(fresh, {
          conditions: withResizeConditions(fresh, [
            {
              type: 'FileSystemResizePending',
              status: 'True',
              lastTransitionTime: timestampOf(ctx),
              message: FS_RESIZE_PENDING_MESSAGE,
            },
          ]),
          allocatedResourceStatuses: {
            ...fresh.status?.allocatedResourceStatuses,
            storage: 'NodeResizePending',
          },
        }),
      );
      this.resizerEvent(
        ctx,
        pending,
        resizer,
        'FileSystemResizeRequired',
        'Require file system resize of volume on node',
      );
      return;
    }
    const done = ctx.update(this.finished(fresh, size));
    this.resizerEvent(ctx, done, resizer, 'VolumeResizeSuccessful', 'Resize volume succeeded');
  }

  /** The kubelet grows the filesystem of a volume a running pod has mounted. */
  private maybeNodeExpand(pvc: PVC, pv: PV, ctx: ControllerContext): void {
    const key = keyOf(pvc);
    if (this.expanding.has(key)) return;
    const pod = this.mountedBy(key, ctx);
    if (!pod) return;
    this.expanding.add(key);
    ctx.enqueueAfter(NODE_EXPAND_MS, `${NODE_EXPAND}${key}|${keyOf(pod)}|${pv.metadata.name}`);
  }

  private mountedBy(claimKey: string, ctx: ControllerContext): P | undefined {
    for (const podKey of this.users.users(claimKey)) {
      const pod = ctx.store.getByKey<P>(podKey);
      if (
        pod?.spec?.nodeName &&
        !pod.metadata.deletionTimestamp &&
        !podTerminal(pod) &&
        pod.status?.phase === 'Running'
      )
        return pod;
    }
    return undefined;
  }

  private nodeExpanded(rest: string, ctx: ControllerContext): void {
    const [key, podKey, pvName] = rest.split('|') as [string, string, string];
    this.expanding.delete(key);
    const pvc = ctx.store.getByKey<PVC>(key);
    if (!pvc || pvc.status?.allocatedResourceStatuses?.['storage'] !== 'NodeResizePending') return;
    const pod = ctx.store.getByKey<P>(podKey);
    const node = pod?.spec?.nodeName;
    // The pod went away before the filesystem grew: the next pod to mount the volume does it.
    if (!pod || !node || pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') {
      ctx.enqueue(key);
      return;
    }
    const size = pvc.status.allocatedResources?.['storage'] ?? storageOf(pvc);
    if (size === undefined) return;
    const done = ctx.update(this.finished(pvc, size));
    const message = `MountVolume.NodeExpandVolume succeeded for volume "${pvName}" ${node}`;
    ctx.event(pod, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet');
    ctx.event(done, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet');
  }

  /** markOverallExpansionAsFinished: the claim's capacity is the new size; the resize status goes. */
  private finished(pvc: PVC, size: string): PVC {
    const statuses = { ...pvc.status?.allocatedResourceStatuses };
    delete statuses['storage'];
    return statusWith(pvc, {
      capacity: { ...pvc.status?.capacity, storage: size },
      conditions: withResizeConditions(pvc, []),
      allocatedResourceStatuses: Object.keys(statuses).length ? statuses : undefined,
    });
  }

  private resizerEvent(
    ctx: ControllerContext,
    pvc: PVC,
    driver: string,
    reason: string,
    message: string,
  ): void {
    ctx.event(pvc, 'Normal', reason, message, `external-resizer ${driver}`);
  }
}

function timestampOf(ctx: ControllerContext): string {
  return timestamp(ctx.now);
}
