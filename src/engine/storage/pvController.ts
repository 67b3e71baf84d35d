/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go) with a simulated
 * external provisioner (sig-storage-lib-external-provisioner), as one component:
 * - an unbound claim binds to the smallest Available volume that fits it (findBestMatchForClaim: class,
 *   access modes, volume mode, capacity, selector, and the selected node for WaitForFirstConsumer);
 * - without one, a class with a provisioner provisions `pvc-<claim uid>` after PROVISION_MS, in the
 *   selected node's zone (WaitForFirstConsumer) or a zone of allowedTopologies or of the nodes (Immediate);
 *   provisioners whose name says NFS/EFS/Filestore make shared NFS volumes with no zone;
 * - a WaitForFirstConsumer claim waits for a pod using it to be placed: the scheduler's PreBind writes the
 *   `volume.kubernetes.io/selected-node` annotation (or a matched volume's claimRef, which binds at once),
 *   then waits until the claim is bound; for a pod bound without the scheduler it is written here;
 * - a volume whose claim is gone is Released, then deleted when its reclaimPolicy is Delete.
 * Events in upstream's words: WaitForFirstConsumer, ExternalProvisioning, Provisioning,
 * ProvisioningSucceeded, FailedBinding.
 */
import { keyOf, objectKey } from '../api/meta';
import type { KubeObject, Node } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { findBestMatchForClaim } from './binding';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BETA_STORAGE_CLASS,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimKeyOf,
  defaultClass,
  podClaimNames,
  ZONE_LABEL,
  type P,
  type PV,
  type PVC,
  type SC,
} from './claims';

type N = Node & KubeObject;

/** How long the simulated external provisioner takes to create a volume. */
export const PROVISION_MS = 3000;
const PROVISION = 'provision/';

/** Whether a provisioner makes shared file volumes (NFS-like) rather than zonal block devices. */
export function sharedFileProvisioner(provisioner: string): boolean {
  return /nfs|efs|filestore|azurefile|cephfs/i.test(provisioner);
}

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when set). */
function preboundTo(pv: PV, pvc: PVC): boolean {
  const ref = pv.spec?.claimRef;
  return (
    !!ref &&
    ref.name === pvc.metadata.name &&
    (ref.namespace ?? 'default') === (pvc.metadata.namespace ?? 'default') &&
    (!ref.uid || ref.uid === pvc.metadata.uid)
  );
}

/** The PV controller (`persistentvolume-controller`). */
export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller';
  private readonly pending = new Set<string>();

  setup(s: ControllerSetup): void {
    for (const c of s.store.each<PVC>('PersistentVolumeClaim')) s.enqueue(keyOf(c));
    for (const v of s.store.each<PV>('PersistentVolume')) s.enqueue(keyOf(v));
    s.watch('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') {
        this.pending.delete(keyOf(e.object));
        const pv = (e.object as PVC).spec?.volumeName;
        if (pv) s.enqueue(objectKey('PersistentVolume', undefined, pv));
      } else s.enqueue(keyOf(e.object));
    });
    s.watch('PersistentVolume', (e) => {
      const ck = claimKeyOf(e.object as PV);
      if (ck) s.enqueue(ck);
      if (e.type !== 'DELETED') s.enqueue(keyOf(e.object));
      for (const k of this.pending) s.enqueue(k);
    });
    s.watch('StorageClass', () => {
      for (const k of this.pending) s.enqueue(k);
    });
    s.watch('Pod', (e) => {
      const pod = e.object as P;
      const old = e.old as P | undefined;
      if (e.type === 'DELETED' || !pod.spec?.nodeName || old?.spec?.nodeName) return;
      for (const n of podClaimNames(pod))
        s.enqueue(`select/${pod.metadata.namespace}/${n}/${pod.spec.nodeName}`);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    if (key.startsWith('select/')) return this.selectNode(key, ctx);
    if (key.startsWith(PROVISION)) return this.provision(key.slice(PROVISION.length), ctx);
    if (key.startsWith('PersistentVolume/')) return this.syncVolume(key, ctx);
    this.syncClaim(key, ctx);
  }

  /** The scheduler's PreBind for WaitForFirstConsumer claims: the node the pod went to. */
  private selectNode(key: string, ctx: ControllerContext): void {
    const [, ns, name, node] = key.split('/') as [string, string, string, string];
    const pvc = ctx.store.get<PVC>('PersistentVolumeClaim', ns, name);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata.annotations?.[ANN_SELECTED_NODE]) return;
    const sc = this.classOf(pvc, ctx);
    if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return;
    const annotations = { ...pvc.metadata.annotations, [ANN_SELECTED_NODE]: node };
    ctx.update({ ...pvc, metadata: { ...pvc.metadata, annotations } });
  }

  private classOf(pvc: PVC, ctx: ControllerContext): SC | undefined {
    const name = pvc.spec?.storageClassName;
    return name ? ctx.store.get<SC>('StorageClass', undefined, name) : undefined;
  }

  private syncClaim(key: string, ctx: ControllerContext): void {
    const pvc = ctx.store.getByKey<PVC>(key);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const volumeName = pvc.spec?.volumeName;
    if (volumeName) {
      this.pending.delete(key);
      const pv = ctx.store.get<PV>('PersistentVolume', undefined, volumeName);
      if (!pv) {
        if (pvc.status?.phase === 'Bound') {
          ctx.update({ ...pvc, status: { ...pvc.status, phase: 'Lost' } });
          ctx.event(
            pvc,
            'Warning',
            'ClaimLost',
            'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
          );
        }
        return;
      }
      if (!pv.spec?.claimRef) return this.bind(pv, pvc, ctx);
      if (pv.spec.claimRef.uid === pvc.metadata.uid) this.claimBound(pvc, pv, ctx);
      return;
    }
    this.pending.add(key);
    const sc = this.classOf(pvc, ctx);
    const selectedNode = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) {
      // findBestMatchForClaim with delayBinding: only a volume pre-bound to the claim (the scheduler's
      // VolumeBinding PreBind writes its claimRef) is taken before a node is selected.
      const prebound = findBestMatchForClaim(
        pvc,
        ctx.store.list<PV>('PersistentVolume').filter((pv) => preboundTo(pv, pvc)),
      );
      if (prebound) return this.bind(prebound, pvc, ctx);
      if (pvc.status?.phase !== 'Pending') ctx.update({ ...pvc, status: { phase: 'Pending' } });
      ctx.event(
        pvc,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      );
      return;
    }
    const match = this.findBestMatch(pvc, selectedNode, ctx);
    if (match) return this.bind(match, pvc, ctx);
    // No volume: the class a default StorageClass made since gives the claim one (assignDefaultStorageClass,
    // retroactive default StorageClass assignment, GA in 1.28); the update brings the claim back here.
    if (this.assignDefaultStorageClass(pvc, ctx)) return;
    const className = pvc.spec?.storageClassName ?? '';
    if (sc?.provisioner && sc.provisioner !== 'kubernetes.io/no-provisioner') {
      if (pvc.metadata.annotations?.[ANN_STORAGE_PROVISIONER]) return;
      const annotations = {
        ...pvc.metadata.annotations,
        [ANN_STORAGE_PROVISIONER]: sc.provisioner,
        [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner,
      };
      ctx.update({ ...pvc, metadata: { ...pvc.metadata, annotations }, status: { phase: 'Pending' } });
      ctx.event(
        pvc,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
      ctx.event(
        pvc,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`,
      );
      ctx.enqueueAfter(PROVISION_MS, PROVISION + key);
      return;
    }
    if (pvc.status?.phase !== 'Pending') ctx.update({ ...pvc, status: { phase: 'Pending' } });
    const missing = className !== '' && !sc;
    const message = missing
      ? `storageclass.storage.k8s.io "${className}" not found`
      : 'no persistent volumes available for this claim and no storage class is set';
    ctx.event(pvc, 'Warning', missing ? 'ProvisioningFailed' : 'FailedBinding', message);
  }

  /**
   * assignDefaultStorageClass (pv_controller.go): a claim that asked for no class (no storageClassName, not
   * even "", and no beta storage-class annotation) gets the default StorageClass, if one exists now.
   */
  private assignDefaultStorageClass(pvc: PVC, ctx: ControllerContext): boolean {
    if (pvc.spec?.storageClassName !== undefined && pvc.spec.storageClassName !== null) return false;
    if (pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return false;
    const sc = defaultClass(ctx.store.list<SC>('StorageClass'));
    if (!sc) return false;
    ctx.update({ ...pvc, spec: { ...pvc.spec, storageClassName: sc.metadata.name } });
    return true;
  }

  private findBestMatch(pvc: PVC, selectedNode: string | undefined, ctx: ControllerContext): PV | undefined {
    const node = selectedNode ? ctx.store.get<N>('Node', undefined, selectedNode) : undefined;
    return findBestMatchForClaim(pvc, ctx.store.list<PV>('PersistentVolume'), node);
  }

  private bind(pv: PV, pvc: PVC, ctx: ControllerContext): void {
    const claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: pvc.metadata.namespace ?? 'default',
      name: pvc.metadata.name,
      uid: pvc.metadata.uid ?? '',
      apiVersion: 'v1',
      resourceVersion: pvc.metadata.resourceVersion ?? '',
    };
    const annotations = { ...pv.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    const bound = ctx.update<PV>({
      ...pv,
      metadata: { ...pv.metadata, annotations },
      spec: { ...pv.spec, claimRef },
      status: { phase: 'Bound' },
    });
    this.claimBound(pvc, bound, ctx);
  }

  private claimBound(pvc: PVC, pv: PV, ctx: ControllerContext): void {
    this.pending.delete(keyOf(pvc));
    // updateClaimStatus: the capacity is the volume's when the claim becomes Bound, not after (an expanded
    // volume's new size reaches the claim when its filesystem has grown, see resize.ts); the rest of the
    // status (resize conditions, allocated resources) stays.
    const wasBound = pvc.status?.phase === 'Bound' && pvc.status.capacity !== undefined;
    const status = {
      ...pvc.status,
      phase: 'Bound',
      accessModes: pv.spec?.accessModes ?? [],
      capacity: wasBound ? pvc.status?.capacity : (pv.spec?.capacity ?? {}),
    };
    const annotations = {
      ...pvc.metadata.annotations,
      [ANN_BIND_COMPLETED]: 'yes',
      ...(pvc.spec?.volumeName ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }),
    };
    const same =
      pvc.spec?.volumeName === pv.metadata.name &&
      JSON.stringify(pvc.status) === JSON.stringify(status) &&
      pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === 'yes';
    if (same) return;
    ctx.update({
      ...pvc,
      metadata: { ...pvc.metadata, annotations },
      spec: { ...pvc.spec, volumeName: pv.metadata.name },
      status,
    });
  }

  private provision(claimKey: string, ctx: ControllerContext): void {
    const pvc = ctx.store.getByKey<PVC>(claimKey);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return;
    const sc = this.classOf(pvc, ctx);
    if (!sc) return;
    const name = `pvc-${pvc.metadata.uid ?? ''}`;
    if (ctx.store.get('PersistentVolume', undefined, name)) return;
    const shared = sharedFileProvisioner(sc.provisioner);
    const zone = shared ? undefined : this.zoneFor(pvc, sc, ctx);
    const pv: PV = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name,
        annotations: { [ANN_PROVISIONED_BY]: sc.provisioner },
        ...(zone ? { labels: { [ZONE_LABEL]: zone } } : {}),
      },
      spec: {
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
        ...(shared
          ? { nfs: { server: `${sc.metadata.name}.nfs.internal`, path: `/exports/${name}` } }
          : {
              csi: {
                driver: sc.provisioner,
                volumeHandle: `vol-${(pvc.metadata.uid ?? '').slice(-12)}`,
                fsType: 'ext4',
              },
            }),
        ...(zone
          ? {
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: ZONE_LABEL, operator: 'In', values: [zone] }] },
                  ],
                },
              },
            }
          : {}),
      },
      status: { phase: 'Available' },
    };
    ctx.create(pv);
    ctx.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  /** The zone of a new volume: the selected node's, else allowedTopologies', else one of the nodes' zones. */
  private zoneFor(pvc: PVC, sc: SC, ctx: ControllerContext): string | undefined {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    const node = selected ? ctx.store.get<N>('Node', undefined, selected) : undefined;
    const fromNode = node?.metadata.labels?.[ZONE_LABEL];
    if (fromNode) return fromNode;
    const allowed = (sc.allowedTopologies ?? [])
      .flatMap((t) => t.matchLabelExpressions ?? [])
      .filter((e) => e.key === ZONE_LABEL)
      .flatMap((e) => e.values);
    const zones = allowed.length
      ? allowed
      : [
          ...new Set(
            ctx.store
              .list<N>('Node')
              .map((n) => n.metadata.labels?.[ZONE_LABEL])
              .filter((z): z is string => !!z),
          ),
        ].sort();
    return zones.length ? zones[ctx.rng.int(zones.length)] : undefined;
  }

  /** A volume whose claim is gone: Released, and deleted under reclaimPolicy Delete. */
  private syncVolume(key: string, ctx: ControllerContext): void {
    const pv = ctx.store.getByKey<PV>(key);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      if (!pv.status?.phase) ctx.update({ ...pv, status: { phase: 'Available' } });
      return;
    }
    const claim = ctx.store.get<PVC>('PersistentVolumeClaim', ref.namespace, ref.name ?? '');
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return;
    const released =
      pv.status?.phase === 'Released' ? pv : ctx.update<PV>({ ...pv, status: { phase: 'Released' } });
    if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') ctx.delete(released);
  }
}
