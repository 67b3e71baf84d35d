/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): ControllerRevisions
 * (current and update revision, rollback by renumbering, history truncated at revisionHistoryLimit),
 * ordinal pods `<set>-<n>` created at the revision their ordinal is due (below the partition: the current
 * revision's template), OrderedReady and Parallel scaling, RollingUpdate from the highest ordinal down to
 * `partition` (with `maxUnavailable` as under the MaxUnavailableStatefulSet gate), OnDelete, one PVC per
 * claim template and ordinal kept across pod recreation, and the PVC retention policy.
 */
import type { KubeObject, Pod, PodTemplateSpec, StatefulSet } from '../../api/types';
import { keyOf } from '../../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { ensureUpdateRevision, REVISION_HASH, templateOfRevision, truncateHistory } from '../util/history';
import type { ControllerRevision } from '../util/history';
import { isPodAvailable, isPodReady, scaledValue } from '../util/rollout';
import { ownedOf, ownerKeyOf, readySinceMs } from '../util/owned';
import { ensureClaims, newStatefulSetPod, updateClaimsForRetention } from './pods';
import { statefulSetStatus } from './status';

type SS = StatefulSet & KubeObject;
type P = Pod & KubeObject;

/** The ordinal of a StatefulSet pod from its name, or -1. */
export function ordinalOf(set: string, pod: string): number {
  if (!pod.startsWith(`${set}-`)) return -1;
  const n = pod.slice(set.length + 1);
  return /^(0|[1-9]\d*)$/.test(n) ? Number(n) : -1;
}

function runningAndReady(p: P): boolean {
  return p.status?.phase === 'Running' && isPodReady(p);
}

/** isHealthy: running, ready and not terminating. */
function healthy(p: P): boolean {
  return runningAndReady(p) && !p.metadata.deletionTimestamp;
}

/** The revisions of one sync: names, and the template of the current one. */
interface SyncRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  currentTemplate: PodTemplateSpec;
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
    const { revisions, update, collisionCount } = ensureUpdateRevision(
      set,
      set.status?.collisionCount ?? 0,
      ctx,
    );
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    const revs: SyncRevisions = {
      current,
      update,
      currentTemplate: templateOfRevision(current) as PodTemplateSpec,
    };
    const byOrdinal = new Map<number, P>();
    for (const p of ownedOf<P>(ctx.store, set, 'Pod')) {
      const o = ordinalOf(set.metadata.name, p.metadata.name);
      if (o >= 0) byOrdinal.set(o, p);
    }
    this.reconcile(set, byOrdinal, revs, ctx);
    const pods = ownedOf<P>(ctx.store, set, 'Pod');
    const live = new Set([current.metadata.name, update.metadata.name]);
    for (const p of pods) live.add(p.metadata.labels?.[REVISION_HASH] ?? '');
    truncateHistory(revisions, live, set.spec?.revisionHistoryLimit ?? 10, ctx);
    const status = statefulSetStatus(
      set,
      pods,
      current.metadata.name,
      update.metadata.name,
      collisionCount,
      ctx.now,
    );
    if (JSON.stringify(status) !== JSON.stringify(set.status)) ctx.update({ ...set, status });
  }

  private reconcile(set: SS, pods: Map<number, P>, revs: SyncRevisions, ctx: ControllerContext): void {
    const replicas = set.spec?.replicas ?? 1;
    const ordered = (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const start = set.spec?.ordinals?.start ?? 0;
    const inRange = (o: number): boolean => o >= start && o < start + replicas;
    for (const [o, p] of pods) updateClaimsForRetention(set, p, inRange(o), ctx);
    // Scale up (and replace failed pods) in ordinal order.
    for (let o = start; o < start + replicas; o++) {
      const p = pods.get(o);
      if (!p) {
        this.createPod(set, o, revs, ctx);
        if (ordered) return;
        continue;
      }
      if (
        (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') &&
        !p.metadata.deletionTimestamp
      ) {
        ctx.delete(p);
        if (ordered) return;
      }
      if (ordered && (p.metadata.deletionTimestamp || !runningAndReady(p))) return;
    }
    // Scale down from the highest ordinal, one at a time when OrderedReady.
    const condemned = [...pods.keys()].filter((o) => !inRange(o)).sort((a, b) => b - a);
    for (const o of condemned) {
      const p = pods.get(o) as P;
      if (ordered && !p.metadata.deletionTimestamp && !healthy(p) && o !== condemned[0]) return;
      if (!p.metadata.deletionTimestamp) {
        ctx.delete(p);
        ctx.event(
          set,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`,
        );
      }
      if (ordered) return;
    }
    if (set.spec?.updateStrategy?.type === 'OnDelete') return;
    const targets: P[] = [];
    for (let o = start; o < start + replicas; o++) {
      const p = pods.get(o);
      if (p) targets.push(p);
    }
    if (set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined)
      this.rollingUpdateMaxUnavailable(set, targets, revs.update.metadata.name, ctx);
    else this.rollingUpdate(set, targets, revs.update.metadata.name, ctx);
  }

  /** The partition's ordinal offset (updateMin). */
  private updateMin(set: SS): number {
    return set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  }

  /** RollingUpdate: the highest pod off the update revision is deleted, waiting for unhealthy pods on the way. */
  private rollingUpdate(set: SS, targets: P[], update: string, ctx: ControllerContext): void {
    const min = this.updateMin(set);
    for (let i = targets.length - 1; i >= min; i--) {
      const p = targets[i] as P;
      if (p.metadata.labels?.[REVISION_HASH] !== update && !p.metadata.deletionTimestamp) {
        this.deleteForUpdate(set, p, ctx);
        return;
      }
      if (!healthy(p)) return;
    }
  }

  /**
   * updateStatefulSetAfterInvariantEstablished: up to maxUnavailable pods down at once; old pods deleted
   * from the highest ordinal while fewer than maxUnavailable are unavailable.
   */
  private rollingUpdateMaxUnavailable(set: SS, targets: P[], update: string, ctx: ControllerContext): void {
    const maxUnavailable = Math.max(
      1,
      scaledValue(set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, set.spec?.replicas ?? 1, false),
    );
    const minReady = set.spec?.minReadySeconds ?? 0;
    const unavailable = targets.filter(
      (p) => !healthy(p) || !isPodAvailable(p, minReady, ctx.now, readySinceMs),
    ).length;
    if (unavailable >= maxUnavailable) return;
    let toDelete = maxUnavailable - unavailable;
    const min = this.updateMin(set);
    for (let i = targets.length - 1; i >= min && toDelete > 0; i--) {
      const p = targets[i] as P;
      if (p.metadata.labels?.[REVISION_HASH] !== update && !p.metadata.deletionTimestamp) {
        this.deleteForUpdate(set, p, ctx);
        toDelete--;
      }
    }
  }

  private deleteForUpdate(set: SS, p: P, ctx: ControllerContext): void {
    ctx.delete(p);
    ctx.event(
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`,
    );
  }

  /**
   * newVersionedStatefulSetPod: ordinals below the partition (or below currentReplicas without a
   * rollingUpdate block) get the current revision's template, the others the update revision's.
   */
  private createPod(set: SS, ordinal: number, revs: SyncRevisions, ctx: ControllerContext): void {
    const strategy = set.spec?.updateStrategy;
    const start = set.spec?.ordinals?.start ?? 0;
    const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const atCurrent =
      (rolling && !strategy?.rollingUpdate && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
      (strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
    const [template, revision] = atCurrent
      ? [revs.currentTemplate, revs.current.metadata.name]
      : [set.spec?.template ?? {}, revs.update.metadata.name];
    const pod = newStatefulSetPod(set, template, ordinal, revision);
    ensureClaims(set, pod.metadata.name, true, ctx);
    ctx.create(pod);
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
    );
  }
}
