/**
 * Rolling update and Recreate steps of pkg/controller/deployment/{rolling,recreate,sync}.go, as pure
 * functions over replica counts so they can be tested alone.
 */
import { resolveFenceposts, type IntOrPercent } from '../util/rollout';

/** What the rollout needs to know of one ReplicaSet. */
export interface RsCounts {
  name: string;
  replicas: number;
  available: number;
  created: number;
}

/** deployment_util.go NewRSNewReplicas for RollingUpdate: how far the new ReplicaSet may scale up. */
export function newRSNewReplicas(
  desired: number,
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  newRS: RsCounts,
  all: readonly RsCounts[],
): number {
  const [surge] = resolveFenceposts(maxSurge, maxUnavailable, desired);
  const current = all.reduce((s, r) => s + r.replicas, 0);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return newRS.replicas;
  const scaleUp = Math.min(maxTotal - current, desired - newRS.replicas);
  return newRS.replicas + Math.max(0, scaleUp);
}

/**
 * rolling.go reconcileOldReplicaSets: new replica counts of the old ReplicaSets (oldest first), first
 * removing unhealthy replicas (cleanupUnhealthyReplicas), then available ones down to minAvailable.
 */
export function scaleDownOld(
  desired: number,
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  newRS: RsCounts,
  old: readonly RsCounts[],
): Map<string, number> {
  const out = new Map<string, number>();
  const oldCount = old.reduce((s, r) => s + r.replicas, 0);
  if (oldCount === 0) return out;
  const [, unavailable] = resolveFenceposts(maxSurge, maxUnavailable, desired);
  const minAvailable = desired - unavailable;
  const all = [...old, newRS];
  const allPods = all.reduce((s, r) => s + r.replicas, 0);
  const newUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return out;
  const sorted = [...old].sort((a, b) => a.created - b.created || (a.name < b.name ? -1 : 1));
  const counts = new Map(sorted.map((r) => [r.name, r.replicas]));
  let cleaned = 0;
  for (const r of sorted) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = r.replicas - r.available;
    if (r.replicas === 0 || unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    counts.set(r.name, r.replicas - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: available pods above minAvailable may go.
  const available = all.reduce((s, r) => s + r.available, 0);
  let remaining = Math.max(0, available - minAvailable);
  for (const r of sorted) {
    if (remaining <= 0) break;
    const cur = counts.get(r.name) ?? 0;
    const down = Math.min(cur, remaining);
    counts.set(r.name, cur - down);
    remaining -= down;
  }
  for (const r of sorted) if (counts.get(r.name) !== r.replicas) out.set(r.name, counts.get(r.name) ?? 0);
  return out;
}
