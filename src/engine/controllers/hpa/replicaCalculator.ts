/**
 * CPU utilization replica calculation of pkg/controller/podautoscaler/replica_calculator.go
 * (GetResourceReplicas / calcPlainMetricReplicas) with upstream's tolerance of 0.1. Pure: the inputs
 * are per-pod samples. Not modelled: the CPU initialization period (a pod counts as unready only when
 * it is not Ready).
 */

/** The HPA's tolerance (--horizontal-pod-autoscaler-tolerance). */
export const TOLERANCE = 0.1;

/** One pod as the replica calculator sees it. */
export interface PodSample {
  /** Milli-CPU used, or undefined when the pod has no metric (missing). */
  usage: number | undefined;
  /** Milli-CPU requested by the pod. */
  request: number;
  /** Ready (pods that are Pending or not Ready are unready). */
  ready: boolean;
}

/** The desired replica count and the utilization the HPA reports (currentMetrics averageUtilization). */
export interface Recommendation {
  replicas: number;
  utilization: number;
}

function utilizationOf(samples: readonly PodSample[], usageOf: (s: PodSample) => number): number {
  let usage = 0;
  let req = 0;
  for (const s of samples) {
    usage += usageOf(s);
    req += s.request;
  }
  return req === 0 ? 0 : Math.floor((100 * usage) / req);
}

/** GetResourceReplicas for a target utilization (percent of requests) and the current replica count. */
export function resourceReplicas(
  current: number,
  samples: readonly PodSample[],
  target: number,
): Recommendation {
  const ready = samples.filter((s) => s.ready && s.usage !== undefined);
  const missing = samples.filter((s) => s.usage === undefined);
  const unready = samples.filter((s) => !s.ready && s.usage !== undefined);
  if (ready.length === 0 && missing.length === 0 && unready.length === 0)
    return { replicas: current, utilization: 0 };
  const utilization = utilizationOf(ready, (s) => s.usage ?? 0);
  const ratio = utilization / target;
  const rebalanceIgnored = unready.length > 0 && ratio > 1;
  if (!rebalanceIgnored && missing.length === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { replicas: current, utilization };
    return { replicas: Math.ceil(ratio * ready.length), utilization };
  }
  // Fill in: scaling down, missing pods use 100% of their request; scaling up, missing and unready use 0.
  const filled: PodSample[] = [...ready];
  for (const m of missing) filled.push({ ...m, usage: ratio < 1 ? m.request : 0 });
  if (rebalanceIgnored) for (const u of unready) filled.push({ ...u, usage: 0 });
  const newUtilization = utilizationOf(filled, (s) => s.usage ?? 0);
  const newRatio = newUtilization / target;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1))
    return { replicas: current, utilization };
  const replicas = Math.ceil(newRatio * filled.length);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current))
    return { replicas: current, utilization };
  return { replicas, utilization };
}
