/**
 * `kubectl rollout history` and `kubectl rollout undo` for StatefulSets and DaemonSets (staging/src/
 * k8s.io/kubectl/pkg/polymorphichelpers/history.go and rollback.go): the owned ControllerRevisions by
 * number with their change-cause, and restoring a revision's pod template through the authored copy (so
 * an export shows the template the user rolled back to).
 */
import { objectKey } from '../../api/meta';
import type { KubeObject } from '../../api/types';
import { ApiError, type Simulation } from '../../core/simulation';
import { deepEqual } from '../../../lib';
import { listRevisions, templateOfRevision, templatePatch, type ControllerRevision } from './history';

/** The kinds whose history is kept in ControllerRevisions. */
export type RevisionedKind = 'StatefulSet' | 'DaemonSet';

const RESOURCE: Record<RevisionedKind, string> = {
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
};

/** One row of `kubectl rollout history`. */
export interface RevisionRow {
  revision: number;
  /** The kubernetes.io/change-cause annotation, or undefined (kubectl prints `<none>`). */
  changeCause: string | undefined;
}

function workload(sim: Simulation, kind: RevisionedKind, namespace: string, name: string): KubeObject {
  const o = sim.store.get(kind, namespace, name);
  if (!o) throw new ApiError(`${RESOURCE[kind]} "${name}" not found`, 'NotFound');
  return o;
}

/** The revisions of a StatefulSet or DaemonSet, oldest first. */
export function workloadHistory(
  sim: Simulation,
  kind: RevisionedKind,
  namespace: string,
  name: string,
): RevisionRow[] {
  const owner = workload(sim, kind, namespace, name);
  return listRevisions(sim.store, owner).map((r) => ({
    revision: r.revision,
    changeCause: r.metadata.annotations?.['kubernetes.io/change-cause'],
  }));
}

/** findHistory: the given revision, or for 0 the one before the latest. */
function findHistory(toRevision: number, all: ControllerRevision[]): ControllerRevision | undefined {
  if (toRevision === 0) return all.length <= 1 ? undefined : all[all.length - 2];
  return all.find((r) => r.revision === toRevision);
}

/**
 * `kubectl rollout undo [--to-revision=N]` for a StatefulSet or DaemonSet: returns kubectl's outcome word
 * ("rolled back", or "skipped rollback (current template already matches revision N)"); throws with
 * kubectl's messages when there is nothing to roll back to.
 */
export function rollbackWorkload(
  sim: Simulation,
  kind: RevisionedKind,
  namespace: string,
  name: string,
  toRevision = 0,
): string {
  if (toRevision < 0) throw new ApiError(`unable to find specified revision ${toRevision} in history`);
  const owner = workload(sim, kind, namespace, name);
  const all = listRevisions(sim.store, owner);
  if (toRevision === 0 && all.length <= 1) throw new ApiError('no last revision to roll back to');
  const target = findHistory(toRevision, all);
  if (!target) throw new ApiError(`unable to find specified revision ${toRevision} in history`);
  if (deepEqual(templatePatch(owner as never), target.data))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = templateOfRevision(target);
  sim.patchAuthored(objectKey(kind, namespace, name), (o) => ({
    ...o,
    spec: { ...(o.spec as object), template: structuredClone(template) },
  }));
  return 'rolled back';
}
