/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): ordinal pods
 * `<set>-<n>`, OrderedReady and Parallel scaling, RollingUpdate from the highest ordinal down to
 * `partition`, OnDelete, one PVC per claim template and ordinal (`<claim>-<set>-<n>`) kept across pod
 * recreation. Approximate: no ControllerRevisions (a pod below the partition that is recreated gets the
 * new template), maxUnavailable is not used, whenScaled: Delete is not applied.
 */
import type { KubeObject, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { controllerRef, keyOf } from '../../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { templateHash } from '../../core/names';
import { isPodReady } from '../util/rollout';
import { ownedOf, ownerKeyOf, sameJson } from '../util/owned';

type SS = StatefulSet & KubeObject;
type P = Pod & KubeObject;
const REVISION_LABEL = 'controller-revision-hash';

/** The ordinal of a StatefulSet pod from its name, or -1. */
export function ordinalOf(set: string, pod: string): number {
  if (!pod.startsWith(`${set}-`)) return -1;
  const n = pod.slice(set.length + 1);
  return /^(0|[1-9]\d*)$/.test(n) ? Number(n) : -1;
}

function runningAndReady(p: P): boolean {
  return p.status?.phase === 'Running' && isPodReady(p);
}

/** The statefulset-controller. */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';

  setup(s: ControllerSetup): void {
    s.watch('StatefulSet', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => {
      const k = ownerKeyOf(s.store, e.object, 'StatefulSet');
      if (k) s.enqueue(k);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const set = ctx.store.getByKey<SS>(key);
    if (!set || set.metadata.deletionTimestamp) return;
    const revision = `${set.metadata.name}-${templateHash(set.spec?.template)}`;
    const byOrdinal = new Map<number, P>();
    for (const p of ownedOf<P>(ctx.store, set, 'Pod')) {
      const o = ordinalOf(set.metadata.name, p.metadata.name);
      if (o >= 0) byOrdinal.set(o, p);
    }
    this.reconcile(set, byOrdinal, revision, ctx);
    this.updateStatus(set, revision, ctx);
  }

  private reconcile(set: SS, pods: Map<number, P>, revision: string, ctx: ControllerContext): void {
    const replicas = set.spec?.replicas ?? 1;
    const ordered = (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const start = set.spec?.ordinals?.start ?? 0;
    // Scale up (and replace failed pods) in ordinal order.
    for (let o = start; o < start + replicas; o++) {
      const p = pods.get(o);
      if (!p) {
        this.createPod(set, o, revision, ctx);
        if (ordered) return;
        continue;
      }
      if (p.status?.phase === 'Failed' && !p.metadata.deletionTimestamp) {
        ctx.delete(p);
        if (ordered) return;
      }
      if (ordered && (p.metadata.deletionTimestamp || !runningAndReady(p))) return;
    }
    // Scale down from the highest ordinal, one at a time when OrderedReady.
    const extra = [...pods.keys()].filter((o) => o < start || o >= start + replicas).sort((a, b) => b - a);
    for (const o of extra) {
      const p = pods.get(o)!;
      if (!p.metadata.deletionTimestamp) ctx.delete(p);
      if (ordered) return;
    }
    this.rollingUpdate(set, pods, revision, start, replicas, ctx);
  }

  /** RollingUpdate: delete the highest-ordinal pod at an old revision, once every pod is Running and Ready. */
  private rollingUpdate(
    set: SS,
    pods: Map<number, P>,
    revision: string,
    start: number,
    replicas: number,
    ctx: ControllerContext,
  ): void {
    const strategy = set.spec?.updateStrategy;
    if (strategy?.type === 'OnDelete') return;
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    for (let o = start + replicas - 1; o >= start; o--) {
      const p = pods.get(o);
      if (!p || p.metadata.deletionTimestamp || !runningAndReady(p)) return;
      if (o < partition) return;
      if (p.metadata.labels?.[REVISION_LABEL] !== revision) {
        ctx.delete(p);
        return;
      }
    }
  }

  private createPod(set: SS, ordinal: number, revision: string, ctx: ControllerContext): void {
    const name = `${set.metadata.name}-${ordinal}`;
    const tmpl = set.spec?.template;
    const volumes = [...(tmpl?.spec?.volumes ?? [])];
    for (const claim of set.spec?.volumeClaimTemplates ?? []) {
      const claimName = `${claim.metadata?.name ?? ''}-${name}`;
      this.ensureClaim(set, claim, claimName, ctx);
      if (!volumes.some((v) => v.name === claim.metadata?.name))
        volumes.push({ name: claim.metadata?.name ?? '', persistentVolumeClaim: { claimName } });
    }
    const labels = {
      ...tmpl?.metadata?.labels,
      [REVISION_LABEL]: revision,
      'statefulset.kubernetes.io/pod-name': name,
      'apps.kubernetes.io/pod-index': String(ordinal),
    };
    const pod: P = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        ...(set.metadata.namespace ? { namespace: set.metadata.namespace } : {}),
        labels,
        ...(tmpl?.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
        ownerReferences: [controllerRef(set)],
      },
      spec: {
        ...structuredClone(tmpl?.spec ?? { containers: [] }),
        hostname: name,
        ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
        ...(volumes.length ? { volumes } : {}),
      },
      status: { phase: 'Pending' },
    };
    ctx.create(pod);
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${name} in StatefulSet ${set.metadata.name} successful`,
    );
  }

  /** The PVC of one claim template and ordinal; owned by the set only with whenDeleted: Delete. */
  private ensureClaim(set: SS, claim: PersistentVolumeClaim, name: string, ctx: ControllerContext): void {
    if (ctx.store.get('PersistentVolumeClaim', set.metadata.namespace, name)) return;
    const owned = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
    const pvc: PersistentVolumeClaim & KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        ...(set.metadata.namespace ? { namespace: set.metadata.namespace } : {}),
        labels: { ...set.spec?.selector?.matchLabels, ...claim.metadata?.labels },
        ...(owned ? { ownerReferences: [{ ...controllerRef(set), controller: false }] } : {}),
      },
      spec: structuredClone(claim.spec ?? {}),
      status: { phase: 'Pending' },
    };
    ctx.create(pvc);
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${name} Pod ${name.slice((claim.metadata?.name ?? '').length + 1)} in StatefulSet ${set.metadata.name} success`,
    );
  }

  private updateStatus(set: SS, revision: string, ctx: ControllerContext): void {
    const pods = ownedOf<P>(ctx.store, set, 'Pod').filter((p) => !p.metadata.deletionTimestamp);
    const replicas = set.spec?.replicas ?? 1;
    const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
    const ready = pods.filter(isPodReady).length;
    const done = updated === replicas && pods.length === replicas;
    const current = done ? revision : (set.status?.currentRevision ?? revision);
    const status = {
      ...set.status,
      observedGeneration: set.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current).length,
      updatedReplicas: updated,
      currentRevision: current,
      updateRevision: revision,
    };
    if (!sameJson(status, set.status)) ctx.update({ ...set, status });
  }
}
