/**
 * Which pods a ReplicaSet deletes first: pkg/controller/controller_utils.go ActivePodsWithRanks.Less.
 * Ranks (pods of the same controller on the same node) and pod-deletion-cost are supported;
 * LogarithmicScaleDown's buckets and UID tie-break are not (exact times are compared).
 */
import type { Pod } from '../../api/types';
import { parseTimestamp } from '../../api/time';
import { isPodReady, readyCondition } from './rollout';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

function deletionCost(pod: Pod): number {
  const v = Number(pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

function time(ts: string | undefined): number | undefined {
  return ts === undefined ? undefined : parseTimestamp(ts);
}

/** Negative when a should be deleted before b, as controller_utils.go ActivePodsWithRanks.Less. */
export function compareForDeletion(a: Pod, b: Pod, rankA = 0, rankB = 0): number {
  // 1. Unassigned < assigned.
  const na = a.spec?.nodeName ? 1 : 0;
  const nb = b.spec?.nodeName ? 1 : 0;
  if (na !== nb) return na - nb;
  // 2. PodPending < PodUnknown < PodRunning.
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  // 3. Not ready < ready.
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  // 4. Lower controller.kubernetes.io/pod-deletion-cost first (PodDeletionCost, default 0).
  const da = deletionCost(a);
  const db = deletionCost(b);
  if (da !== db) return da - db;
  // 5. Higher rank (more pods of the set on the same node) first.
  if (rankA !== rankB) return rankB - rankA;
  // 6. Ready for less time < more time (empty time first).
  if (ra === 1) {
    const ta = time(readyCondition(a)?.lastTransitionTime);
    const tb = time(readyCondition(b)?.lastTransitionTime);
    const c = compareNewerFirst(ta, tb);
    if (c !== 0) return c;
  }
  // 7. Higher restart count first.
  const ca = restarts(a);
  const cb = restarts(b);
  if (ca !== cb) return cb - ca;
  // 8. Empty creation time < newer < older.
  return compareNewerFirst(time(a.metadata?.creationTimestamp), time(b.metadata?.creationTimestamp));
}

/** Empty time first, then the later time first (afterOrZero in controller_utils.go). */
function compareNewerFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return b - a;
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: rank = number of the related pods on the pod's node; sorts
 * `pods` so the first are deleted first. Returns a new array.
 */
export function rankForDeletion<T extends Pod>(pods: readonly T[]): T[] {
  const perNode = new Map<string, number>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Pod): number => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  return [...pods].sort((a, b) => compareForDeletion(a, b, rank(a), rank(b)));
}
