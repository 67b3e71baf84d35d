/**
 * Rollout math of pkg/controller/deployment/util/deployment_util.go and intstr rounding
 * (k8s.io/apimachinery/pkg/util/intstr GetScaledValueFromIntOrPercent).
 */
import type { Pod, PodCondition } from '../../api/types';

/** An integer or a percentage string, as intstr.IntOrString. */
export type IntOrPercent = number | string | undefined;

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is; `N%` of total, rounded up or down.
 * Does not validate beyond upstream's "invalid value" refusal (throws).
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  // A string that is not a percentage is refused, as intstr.GetScaledValueFromIntOrPercent refuses it.
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * deployment_util.go ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; when both are
 * zero, maxUnavailable becomes 1 so a rollout can progress.
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): [surge: number, unavailable: number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) return [0, 1];
  return [surge, unavailable];
}

/** The Ready condition of a pod, if any. */
export function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for at least minReadySeconds (by the Ready condition's
 * lastTransitionTime, simulated ms via parse). `readySinceMs` returns the transition time in sim ms.
 */
export function isPodAvailable(
  pod: Pod,
  minReadySeconds: number,
  nowMs: number,
  readySinceMs: (pod: Pod) => number,
): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  return readySinceMs(pod) + minReadySeconds * 1000 <= nowMs;
}
