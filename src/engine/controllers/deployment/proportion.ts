/**
 * Proportional scaling of a Deployment's ReplicaSets when its replicas change in the middle of a
 * rollout: pkg/controller/deployment/sync.go scale, getProportion and getReplicaSetFraction.
 */

/** One active ReplicaSet: its replicas and its max-replicas annotation (undefined when absent). */
export interface ScaleInput {
  name: string;
  replicas: number;
  maxReplicas: number | undefined;
  created: number;
}

/**
 * The new replica count of each ReplicaSet so that together they reach `desired + maxSurge`, each
 * growing or shrinking in proportion to its size; the leftover of rounding goes to the largest.
 * `statusReplicas` stands in for a missing max-replicas annotation, as upstream uses d.status.replicas.
 */
export function proportionalScale(
  all: readonly ScaleInput[],
  desired: number,
  maxSurge: number,
  statusReplicas: number,
): Map<string, number> {
  const allowed = desired + maxSurge;
  const total = all.reduce((s, r) => s + r.replicas, 0);
  const toAdd = allowed - total;
  // ReplicaSetsBySizeNewer when scaling up, BySizeOlder when scaling down: larger first.
  const sorted = [...all].sort(
    (a, b) => b.replicas - a.replicas || (toAdd > 0 ? b.created - a.created : a.created - b.created),
  );
  const out = new Map<string, number>();
  let added = 0;
  for (const rs of sorted) {
    let proportion = 0;
    if (toAdd !== 0 && rs.replicas > 0) {
      const annotated = rs.maxReplicas ?? statusReplicas;
      const fraction =
        desired === 0
          ? -rs.replicas
          : annotated > 0
            ? Math.round((rs.replicas * allowed) / annotated) - rs.replicas
            : 0;
      const left = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    }
    out.set(rs.name, rs.replicas + proportion);
    added += proportion;
  }
  const first = sorted[0];
  if (first && added !== toAdd) out.set(first.name, Math.max(0, (out.get(first.name) ?? 0) + toAdd - added));
  return out;
}
