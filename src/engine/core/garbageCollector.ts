/**
 * The garbage collector (pkg/controller/garbagecollector) and the pod GC's orphan rule
 * (pkg/controller/podgc), as one component that runs after all others:
 * - a dependent whose owners are all gone is deleted (background propagation);
 * - an owner deleted with Foreground propagation keeps the `foregroundDeletion` finalizer until its
 *   dependents are gone; with Orphan propagation its dependents lose their ownerReference to it;
 * - an object being deleted whose finalizers are all removed is removed (a pod bound to a live node
 *   waits for its kubelet, which confirms termination);
 * - a pod bound to a node that no longer exists is deleted at once (podgc's orphaned pods).
 */
import { keyOf } from '../api/meta';
import type { KubeObject, Pod } from '../api/types';
import type { Controller, ControllerContext, ControllerSetup } from './controller';

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  /** The simulation is passed for symmetry with other components; the GC uses only its context. */
  constructor(_sim?: unknown) {}

  setup(s: ControllerSetup): void {
    s.watch('*', (e) => {
      const obj = e.object;
      if (e.type === 'DELETED') {
        for (const dep of s.store.dependents(obj.metadata.uid ?? '')) s.enqueue(keyOf(dep));
        for (const ref of obj.metadata.ownerReferences ?? []) {
          const owner = s.store.getByUid(ref.uid);
          if (owner?.metadata.deletionTimestamp) s.enqueue(keyOf(owner));
        }
        if (obj.kind === 'Node')
          for (const pod of s.store.podsOnNode(obj.metadata.name)) s.enqueue(keyOf(pod));
        return;
      }
      if (obj.metadata.deletionTimestamp !== undefined) s.enqueue(keyOf(obj));
      if (e.type === 'ADDED' && obj.metadata.ownerReferences?.length) s.enqueue(keyOf(obj));
      if (e.type === 'ADDED' && obj.kind === 'Pod' && (obj as Pod).spec?.nodeName) s.enqueue(keyOf(obj));
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const obj = ctx.store.getByKey(key);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp !== undefined) {
      this.finalize(obj, ctx);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length > 0) {
      const alive = refs.filter((r) => ctx.store.getByUid(r.uid) !== undefined);
      if (alive.length === 0) {
        ctx.delete(obj, { propagationPolicy: 'Background' });
        return;
      }
      const foregroundOwner = alive.some((r) => {
        const owner = ctx.store.getByUid(r.uid);
        return owner?.metadata.finalizers?.includes('foregroundDeletion') && owner.metadata.deletionTimestamp;
      });
      if (foregroundOwner) {
        ctx.delete(obj, { propagationPolicy: 'Foreground' });
        return;
      }
    }
    if (obj.kind === 'Pod') {
      const nodeName = (obj as Pod).spec?.nodeName;
      if (nodeName && !ctx.store.get('Node', undefined, nodeName)) ctx.delete(obj, { gracePeriodSeconds: 0 });
    }
  }

  private finalize(obj: KubeObject, ctx: ControllerContext): void {
    const uid = obj.metadata.uid ?? '';
    let finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes('orphan')) {
      for (const dep of ctx.store.dependents(uid)) {
        const ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        ctx.update({ ...dep, metadata: { ...dep.metadata, ownerReferences } });
      }
      finalizers = finalizers.filter((f) => f !== 'orphan');
    }
    if (finalizers.includes('foregroundDeletion')) {
      const deps = ctx.store.dependents(uid);
      for (const dep of deps)
        if (!dep.metadata.deletionTimestamp) ctx.delete(dep, { propagationPolicy: 'Foreground' });
      const blocking = ctx.store
        .dependents(uid)
        .filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (blocking.length === 0) finalizers = finalizers.filter((f) => f !== 'foregroundDeletion');
    }
    const current = ctx.store.getByKey(keyOf(obj));
    if (!current) return;
    if (finalizers.length !== (current.metadata.finalizers ?? []).length) {
      const { finalizers: _old, ...rest } = current.metadata;
      ctx.update({ ...current, metadata: finalizers.length ? { ...rest, finalizers } : rest });
      return; // the update re-enqueues this key
    }
    if (finalizers.length > 0) return;
    if (obj.kind === 'Pod') {
      const nodeName = (obj as Pod).spec?.nodeName;
      const phase = (obj as Pod).status?.phase;
      const waitsForKubelet =
        nodeName &&
        ctx.store.get('Node', undefined, nodeName) &&
        (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0 &&
        phase !== 'Succeeded' &&
        phase !== 'Failed';
      if (waitsForKubelet) return;
    }
    ctx.delete(current, { gracePeriodSeconds: 0 });
  }
}
