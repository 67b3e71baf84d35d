/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): creates and deletes pods to
 * match spec.replicas, deleting first the pods controller_utils ranks first; adopts orphan pods that
 * match its selector and releases owned pods that no longer match; writes status counts.
 * Not done: expectations (writes are seen at once here) and slow-start batching of creations.
 */
import type { KubeObject, Pod, ReplicaSet } from '../../api/types';
import { controllerOf, controllerRef, keyOf } from '../../api/meta';
import { labelSelectorAsSelector, type Selector } from '../../api/labels';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { copyJson } from '../../core/copy';
import { rankForDeletion } from '../util/podRanking';
import { isPodAvailable, isPodReady } from '../util/rollout';
import { isPodActive, ownedOf, ownerKeyOf, readySinceMs, sameJson } from '../util/owned';

type RS = ReplicaSet & KubeObject;
type P = Pod & KubeObject;

/** The replicaset-controller. */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  /** Orphan pods per namespace, kept by the watch so adoption needs no scan. */
  private readonly orphans = new Map<string, Set<string>>();

  setup(s: ControllerSetup): void {
    s.watch('ReplicaSet', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => {
      const pod = e.object;
      this.trackOrphan(pod, e.type === 'DELETED');
      const owner = ownerKeyOf(s.store, pod, 'ReplicaSet');
      if (owner) s.enqueue(owner);
      const oldOwner = e.old ? ownerKeyOf(s.store, e.old, 'ReplicaSet') : undefined;
      if (oldOwner && oldOwner !== owner) s.enqueue(oldOwner);
      if (!controllerOf(pod) && e.type !== 'DELETED') {
        for (const rs of s.store.list<RS>('ReplicaSet', pod.metadata.namespace)) {
          if (labelSelectorAsSelector(rs.spec?.selector).matches(pod.metadata.labels)) s.enqueue(keyOf(rs));
        }
      }
    });
  }

  private trackOrphan(pod: KubeObject, deleted: boolean): void {
    const ns = pod.metadata.namespace ?? '';
    let set = this.orphans.get(ns);
    if (!set) this.orphans.set(ns, (set = new Set()));
    if (!deleted && !controllerOf(pod) && !pod.metadata.deletionTimestamp) set.add(keyOf(pod));
    else set.delete(keyOf(pod));
  }

  sync(key: string, ctx: ControllerContext): void {
    const rs = ctx.store.getByKey<RS>(key);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const pods = this.claimPods(rs, ctx).filter(isPodActive);
    const desired = rs.spec?.replicas ?? 1;
    const diff = pods.length - desired;
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) pods.push(ctx.create(newPod(rs)));
    } else if (diff > 0) {
      for (const p of rankForDeletion(pods).slice(0, diff)) ctx.delete(p);
    }
    const live = diff > 0 ? rankForDeletion(pods).slice(diff) : pods;
    this.updateStatus(rs, live, ctx);
  }

  /** controller_ref_manager ClaimPods: keep matching owned pods, adopt matching orphans, release the rest. */
  private claimPods(rs: RS, ctx: ControllerContext): P[] {
    const sel = labelSelectorAsSelector(rs.spec?.selector);
    const out: P[] = [];
    for (const p of ownedOf<P>(ctx.store, rs, 'Pod')) {
      if (sel.matches(p.metadata.labels)) out.push(p);
      else if (!p.metadata.deletionTimestamp) {
        const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
        ctx.update({ ...p, metadata: { ...p.metadata, ownerReferences: refs } });
      }
    }
    for (const k of this.orphans.get(rs.metadata.namespace ?? '') ?? []) {
      const p = ctx.store.getByKey<P>(k);
      if (!p || controllerOf(p) || p.metadata.deletionTimestamp || !sel.matches(p.metadata.labels)) continue;
      const refs = [...(p.metadata.ownerReferences ?? []), controllerRef(rs)];
      out.push(ctx.update({ ...p, metadata: { ...p.metadata, ownerReferences: refs } }));
    }
    return out;
  }

  private updateStatus(rs: RS, pods: P[], ctx: ControllerContext): void {
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels = templateLabelsSelector(rs.spec?.template?.metadata?.labels);
    let ready = 0;
    let available = 0;
    let fullyLabeled = 0;
    let recheck = Infinity;
    for (const p of pods) {
      if (templateLabels.matches(p.metadata.labels)) fullyLabeled++;
      if (!isPodReady(p)) continue;
      ready++;
      if (isPodAvailable(p, minReady, ctx.now, readySinceMs)) available++;
      else recheck = Math.min(recheck, readySinceMs(p) + minReady * 1000 - ctx.now);
    }
    if (recheck < Infinity) ctx.enqueueAfter(Math.max(1, recheck), keyOf(rs));
    const status = {
      ...rs.status,
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (!sameJson(status, rs.status)) ctx.update({ ...rs, status });
  }
}

/** A pod from the ReplicaSet's template (controller_utils GetPodFromTemplate). */
const templateSelectors = new WeakMap<object, Selector>();

/**
 * The selector of a template's labels (fullyLabeledReplicas counts the pods it matches), once per labels
 * object: stored objects are immutable, and every status update of a ReplicaSet asks for it.
 */
function templateLabelsSelector(labels: Record<string, string> | undefined): Selector {
  if (!labels) return labelSelectorAsSelector({ matchLabels: {} });
  let sel = templateSelectors.get(labels);
  if (!sel) templateSelectors.set(labels, (sel = labelSelectorAsSelector({ matchLabels: labels })));
  return sel;
}

export function newPod(rs: RS): P {
  const tmpl = rs.spec?.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${rs.metadata.name}-`,
      ...(rs.metadata.namespace ? { namespace: rs.metadata.namespace } : {}),
      labels: { ...(tmpl?.metadata?.labels ?? {}) },
      ...(tmpl?.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(rs)],
    },
    spec: copyJson(tmpl?.spec ?? { containers: [] }),
    status: { phase: 'Pending' },
  };
}
