/**
 * Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go) and
 * FindMatchingUntoleratedTaint (component-helpers/scheduling/corev1/helpers.go).
 */
import type { Taint, Toleration } from '../../../api/types';

/** Whether one toleration tolerates one taint. Gt/Lt (an alpha gate upstream) tolerate nothing here. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(ts: readonly Toleration[] | undefined, taint: Taint): boolean {
  for (const t of ts ?? []) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint, among those the filter keeps, that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  keep: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? [])
    if (keep(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  return undefined;
}

/** NoSchedule and NoExecute: the effects the filters respect. */
export const doNotScheduleTaints = (t: Taint): boolean =>
  t.effect === 'NoSchedule' || t.effect === 'NoExecute';
