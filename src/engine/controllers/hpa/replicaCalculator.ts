/**
 * CPU utilization replica calculation of pkg/controller/podautoscaler/replica_calculator.go
 * (GetResourceReplicas, groupPods) and metrics/utilization.go (GetResourceUtilizationRatio), with upstream's
 * tolerance of 0.1. Pure: the inputs are per-pod samples. Simplified: a pod counts as unready when it is
 * Pending or not Ready (upstream also looks at the CPU initialization period and metric freshness).
 */

/** The HPA's tolerance (--horizontal-pod-autoscaler-tolerance). */
export const TOLERANCE = 0.1;

/** One pod as the replica calculator sees it (failed and terminating pods are left out by the caller). */
export interface PodSample {
  /** Milli-CPU used, or undefined when the pod has no metric (missing). */
  usage: number | undefined;
  /** Milli-CPU requested by the pod (0: a container has no cpu request). */
  request: number;
  /** Ready condition True. */
  ready: boolean;
  /** Phase Pending: counted as unready whether or not it has a metric. */
  pending?: boolean;
}

/** The desired replica count and the utilization the HPA reports (currentMetrics averageUtilization). */
export interface Recommendation {
  replicas: number;
  utilization: number;
  /** Set when upstream returns an error (the HPA then keeps the current scale). */
  error?: string;
}

/** GetResourceUtilizationRatio's utilization: integer percent of the requests. */
function utilizationOf(samples: ReadonlyArray<{ usage: number; request: number }>): number {
  let usage = 0;
  let req = 0;
  for (const s of samples) {
    usage += s.usage;
    req += s.request;
  }
  return req === 0 ? 0 : Math.floor((100 * usage) / req);
}

/** groupPods: ready pods with metrics, unready pods, and pods without metrics. */
function groupPods(samples: readonly PodSample[]) {
  const ready: Array<{ usage: number; request: number }> = [];
  const unready: PodSample[] = [];
  const missing: PodSample[] = [];
  for (const s of samples) {
    if (s.pending) unready.push(s);
    else if (s.usage === undefined) missing.push(s);
    else if (!s.ready) unready.push(s);
    else ready.push({ usage: s.usage, request: s.request });
  }
  return { ready, unready, missing };
}

/** GetResourceReplicas for a target utilization (percent of requests) and the current replica count. */
export function resourceReplicas(
  current: number,
  samples: readonly PodSample[],
  target: number,
): Recommendation {
  const keep = (error: string): Recommendation => ({ replicas: current, utilization: 0, error });
  if (!samples.some((s) => s.usage !== undefined))
    return keep('unable to get metrics for resource cpu: no metrics returned from resource metrics API');
  const { ready, unready, missing } = groupPods(samples);
  if (ready.length === 0) return keep('did not receive metrics for targeted pods (pods might be unready)');
  if (samples.some((s) => s.request <= 0)) return keep('missing request for cpu');
  const utilization = utilizationOf(ready);
  const ratio = utilization / target;
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { replicas: current, utilization };
    return { replicas: Math.ceil(ratio * ready.length), utilization };
  }
  const metrics = [...ready];
  // Scaling down, missing pods use their request (or the target, above 100 %); scaling up, nothing.
  if (ratio < 1) {
    const fallback = Math.max(100, target);
    for (const m of missing)
      metrics.push({ usage: Math.trunc((m.request * fallback) / 100), request: m.request });
  } else if (ratio > 1) for (const m of missing) metrics.push({ usage: 0, request: m.request });
  if (scaleUpWithUnready) for (const u of unready) metrics.push({ usage: 0, request: u.request });
  const newRatio = utilizationOf(metrics) / target;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1))
    return { replicas: current, utilization };
  const replicas = Math.ceil(newRatio * metrics.length);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current))
    return { replicas: current, utilization };
  return { replicas, utilization };
}
