/**
 * The attach/detach controller (pkg/controller/volume/attachdetach) with a CSI attacher: a volume that
 * needs attaching (not NFS, hostPath or local) is attached to each node where a pod that uses it runs,
 * through a VolumeAttachment (storage.k8s.io/v1) that turns `attached` after ATTACH_MS. A volume that
 * allows one node only (not ReadWriteMany/ReadOnlyMany) and is attached elsewhere gives the pod a
 * FailedAttachVolume "Multi-Attach error". A volume no pod needs on a node is detached at once; if that node
 * is down and not marked out-of-service, only after maxWaitForUnmountDuration (6 min), since its kubelet
 * may still have it mounted.
 */
import { objectKey } from '../api/meta';
import type { KubeObject, Node } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import { attachmentName, isAttachable } from '../kubelet';
import { ClaimUsers, multiAttachAllowed, podTerminal, type P, type PV, type PVC } from './claims';

type N = Node & KubeObject;
type VA = KubeObject & {
  spec: { attacher: string; nodeName: string; source: { persistentVolumeName: string } };
  status?: { attached: boolean };
};

/** How long attaching a volume to a node takes. */
export const ATTACH_MS = 3000;
/** maxWaitForUnmountDuration: how long a volume stays attached to an unhealthy node after its pods are gone. */
export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;

/** The attach/detach controller (`attachdetach-controller`); its keys are volume names. */
export class AttachDetachController implements Controller {
  readonly name = 'attachdetach-controller';
  private readonly users = new ClaimUsers();
  /** VolumeAttachment names by volume. */
  private readonly byVolume = new Map<string, Set<string>>();
  /** When a volume stopped being needed on a node (`pv/node`). */
  private readonly unneededSince = new Map<string, number>();
  /** When an attachment in progress completes, by VolumeAttachment name. */
  private readonly attachDoneAt = new Map<string, number>();

  setup(s: ControllerSetup): void {
    const claimVolume = (claimKey: string) => s.store.getByKey<PVC>(claimKey)?.spec?.volumeName;
    for (const p of s.store.each<P>('Pod')) this.users.onPod({ type: 'ADDED', object: p, time: 0 });
    s.watch('Pod', (e) => {
      for (const c of this.users.onPod(e)) {
        const v = claimVolume(c);
        if (v) s.enqueue(v);
      }
    });
    s.watch('PersistentVolumeClaim', (e) => {
      const v = (e.object as PVC).spec?.volumeName;
      if (v) s.enqueue(v);
    });
    s.watch('VolumeAttachment', (e) => {
      const va = e.object as VA;
      const pv = va.spec.source.persistentVolumeName;
      let set = this.byVolume.get(pv);
      if (!set) this.byVolume.set(pv, (set = new Set()));
      if (e.type === 'DELETED') set.delete(va.metadata.name);
      else set.add(va.metadata.name);
    });
    s.watch('Node', (e) => {
      if (e.type === 'ADDED') return;
      for (const [pv, names] of this.byVolume)
        for (const n of names) if (n === attachmentName(pv, e.object.metadata.name)) s.enqueue(pv);
    });
  }

  sync(pvName: string, ctx: ControllerContext): void {
    const pv = ctx.store.get<PV>('PersistentVolume', undefined, pvName);
    const existing = [...(this.byVolume.get(pvName) ?? [])]
      .map((n) => ctx.store.get<VA>('VolumeAttachment', undefined, n))
      .filter((v): v is VA => v !== undefined);
    const desired = new Map<string, P[]>();
    if (pv && isAttachable(pv) && pv.spec?.claimRef?.name) {
      const claimKey = objectKey('PersistentVolumeClaim', pv.spec.claimRef.namespace, pv.spec.claimRef.name);
      for (const k of this.users.users(claimKey)) {
        const pod = ctx.store.getByKey<P>(k);
        const node = pod?.spec?.nodeName;
        if (!pod || !node || podTerminal(pod)) continue;
        desired.set(node, [...(desired.get(node) ?? []), pod]);
      }
    }
    for (const va of existing) this.maybeDetach(va, desired.has(va.spec.nodeName), ctx);
    // An attachment started in this pass counts for the next node (two pods placed in one instant).
    for (const [node, pods] of desired) {
      const started = this.attach(pv as PV, node, pods, existing, ctx);
      if (started) existing.push(started);
    }
  }

  private attach(pv: PV, node: string, pods: P[], existing: VA[], ctx: ControllerContext): VA | undefined {
    this.unneededSince.delete(`${pv.metadata.name}/${node}`);
    const name = attachmentName(pv.metadata.name, node);
    const mine = existing.find((v) => v.metadata.name === name);
    if (mine) {
      if (mine.status?.attached) return undefined;
      const due = this.attachDoneAt.get(name) ?? ctx.now;
      if (ctx.now < due) return undefined;
      this.attachDoneAt.delete(name);
      ctx.update({ ...mine, status: { attached: true } });
      for (const pod of pods)
        ctx.event(
          pod,
          'Normal',
          'SuccessfulAttachVolume',
          `AttachVolume.Attach succeeded for volume "${pv.metadata.name}"`,
        );
      return undefined;
    }
    const elsewhere = existing.filter((v) => v.spec.nodeName !== node);
    if (elsewhere.length > 0 && !multiAttachAllowed(pv)) {
      for (const pod of pods)
        ctx.event(
          pod,
          'Warning',
          'FailedAttachVolume',
          `Multi-Attach error for volume "${pv.metadata.name}" Volume is already exclusively attached to one node and can't be attached to another`,
        );
      return undefined;
    }
    const va: VA = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'VolumeAttachment',
      metadata: { name },
      spec: {
        attacher: pv.spec?.csi?.driver ?? 'kubernetes.io/csi',
        nodeName: node,
        source: { persistentVolumeName: pv.metadata.name },
      },
      status: { attached: false },
    };
    ctx.create(va);
    this.attachDoneAt.set(name, ctx.now + ATTACH_MS);
    ctx.enqueueAfter(ATTACH_MS, pv.metadata.name);
    return va;
  }

  private maybeDetach(va: VA, needed: boolean, ctx: ControllerContext): void {
    const id = `${va.spec.source.persistentVolumeName}/${va.spec.nodeName}`;
    if (needed) return;
    const node = ctx.store.get<N>('Node', undefined, va.spec.nodeName);
    const ready = node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const outOfService = (node?.spec?.taints ?? []).some(
      (t) => t.key === 'node.kubernetes.io/out-of-service',
    );
    if (node && !ready && !outOfService && va.status?.attached) {
      const since = this.unneededSince.get(id) ?? ctx.now;
      this.unneededSince.set(id, since);
      if (ctx.now < since + MAX_WAIT_FOR_UNMOUNT_MS) {
        ctx.enqueueAfter(since + MAX_WAIT_FOR_UNMOUNT_MS - ctx.now, va.spec.source.persistentVolumeName);
        return;
      }
    }
    this.unneededSince.delete(id);
    ctx.delete(va);
    // The volume may now be free for a node that was refused (Multi-Attach).
    ctx.enqueue(va.spec.source.persistentVolumeName);
  }
}
