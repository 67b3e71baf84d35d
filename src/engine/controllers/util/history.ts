/**
 * ControllerRevisions (pkg/controller/history/controller_history.go) for StatefulSets and DaemonSets:
 * revision objects holding the pod template as a patch, named `<owner>-<hash>` and labelled with
 * controller-revision-hash, numbered in order, found again when the template comes back (rollback), and
 * pruned beyond revisionHistoryLimit while no pod uses them.
 */
import { controllerRef } from '../../api/meta';
import type { KubeObject } from '../../api/types';
import type { ControllerContext } from '../../core/controller';
import type { ReadonlyStore } from '../../core/objectStore';
import { templateHash } from '../../core/names';
import { deepEqual } from '../../../lib';
import { ownedOf } from './owned';

/** The label on revisions and pods (apps.ControllerRevisionHashLabelKey). */
export const REVISION_HASH = 'controller-revision-hash';

/** apps/v1 ControllerRevision. */
export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision: number;
}

/** A workload with a pod template (StatefulSet, DaemonSet). */
type Workload = KubeObject & {
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
};

/**
 * getPatch (stateful_set_utils.go, daemon/update.go): the pod template as a strategic-merge patch that
 * replaces it.
 */
export function templatePatch(owner: Workload): unknown {
  return { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision holds. */
export function templateOfRevision(rev: ControllerRevision): unknown {
  const t = (rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!t) return {};
  const { $patch: _p, ...template } = t;
  return template;
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** NewControllerRevision: the revision of the owner's current template, numbered `revision`. */
export function newRevision(owner: Workload, revision: number, collisionCount: number): ControllerRevision {
  const data = templatePatch(owner);
  const hash = templateHash(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.metadata.name, hash),
      ...(owner.metadata.namespace ? { namespace: owner.metadata.namespace } : {}),
      labels: { ...owner.spec?.template?.metadata?.labels, [REVISION_HASH]: hash },
      ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    data,
    revision,
  };
}

/** The owner's revisions, oldest first (SortControllerRevisions: by revision, then name). */
export function listRevisions(store: ReadonlyStore, owner: KubeObject): ControllerRevision[] {
  return ownedOf<ControllerRevision>(store, owner, 'ControllerRevision').sort(
    (a, b) => a.revision - b.revision || a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** The revisions and the current and update revision resolved for one sync. */
export interface Revisions {
  revisions: ControllerRevision[];
  update: ControllerRevision;
  /** status.collisionCount after this sync (raised when a hash clashed with another template's). */
  collisionCount: number;
}

/**
 * The update revision as getStatefulSetRevisions and constructHistory find it: the latest revision when it
 * holds the current template, an older equal one renumbered after the latest (a rollback), or a new one.
 */
export function ensureUpdateRevision(
  owner: Workload,
  collisionCount: number,
  ctx: ControllerContext,
): Revisions {
  const revisions = listRevisions(ctx.store, owner);
  const last = revisions[revisions.length - 1];
  const next = (last?.revision ?? 0) + 1;
  const wanted = newRevision(owner, next, collisionCount);
  const equal = revisions.filter((r) => deepEqual(r.data, wanted.data));
  const newest = equal[equal.length - 1];
  if (newest && newest === last) return { revisions, update: newest, collisionCount };
  if (newest) {
    const renumbered = ctx.update({ ...newest, revision: next });
    return {
      revisions: revisions.map((r) => (r === newest ? renumbered : r)),
      update: renumbered,
      collisionCount,
    };
  }
  const clash = ctx.store.get<ControllerRevision>(
    'ControllerRevision',
    owner.metadata.namespace,
    wanted.metadata.name,
  );
  if (clash) return ensureUpdateRevision(owner, collisionCount + 1, ctx);
  const created = ctx.create(wanted);
  return { revisions: [...revisions, created], update: created, collisionCount };
}

/**
 * truncateHistory (StatefulSet): deletes the oldest revisions that are neither live (used by a pod, the
 * current or the update revision) nor among the newest `limit` others. With `countLive` (the DaemonSet's
 * cleanupHistory, given the old revisions only), `limit` bounds them all, live ones included, and only
 * non-live ones go.
 */
export function truncateHistory(
  revisions: readonly ControllerRevision[],
  live: ReadonlySet<string>,
  limit: number,
  ctx: ControllerContext,
  countLive = false,
): void {
  const sorted = [...revisions].sort(
    (a, b) => a.revision - b.revision || a.metadata.name.localeCompare(b.metadata.name),
  );
  if (countLive) {
    let toKill = sorted.length - limit;
    for (const r of sorted) {
      if (toKill <= 0) break;
      if (live.has(r.metadata.name)) continue;
      ctx.delete(r);
      toKill--;
    }
    return;
  }
  const history = sorted.filter((r) => !live.has(r.metadata.name));
  if (history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) ctx.delete(r);
}
