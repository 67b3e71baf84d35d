/**
 * Latency of the behaviour model. A pod is a single queue (M/M/1): at utilisation u the response time is
 * exponential with median latencyMs / (1 - u) (latencyMs is the median at low load; u is capped at 0.9,
 * beyond which the excess load times out). The latency of many pods (or hops) together is the mixture
 * of their exponentials, whose quantiles are found by bisection.
 */

/** Utilisation beyond which latency stops growing (the rest of the load times out). */
export const MAX_UTILISATION = 0.9;

/** Median response time of a pod at a load (requests per second) and capacity. */
export function medianLatencyMs(latencyMs: number, offeredRps: number, capacityRps: number): number {
  const u = capacityRps <= 0 ? MAX_UTILISATION : Math.min(offeredRps / capacityRps, MAX_UTILISATION);
  return latencyMs / (1 - u);
}

/**
 * The q-quantile of a mixture of exponentials given by weights and medians (same length). Groups of
 * equal medians may be passed once with their summed weight. Returns 0 for no weight.
 */
export function mixtureQuantile(weights: readonly number[], medians: readonly number[], q: number): number {
  let total = 0;
  let hi = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w <= 0) continue;
    total += w;
    hi = Math.max(hi, medians[i] as number);
  }
  if (total <= 0 || hi <= 0) return 0;
  // Each exponential with median m has quantile m * log2(1 / (1 - q)); the mixture's lies below the
  // largest of them.
  let high = hi * Math.log2(1 / (1 - q));
  let low = 0;
  for (let iter = 0; iter < 30; iter++) {
    const x = (low + high) / 2;
    let cdf = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      const m = medians[i] as number;
      if (w > 0 && m > 0) cdf += w * (1 - 2 ** (-x / m));
      else if (w > 0) cdf += w;
    }
    if (cdf / total < q) low = x;
    else high = x;
  }
  return (low + high) / 2;
}

/** Collects (weight, median) pairs, merging equal medians, for mixtureQuantile. */
export class LatencyMix {
  private readonly byMedian = new Map<number, number>();

  add(weight: number, medianMs: number): void {
    if (weight <= 0) return;
    const m = Math.round(medianMs * 100) / 100;
    this.byMedian.set(m, (this.byMedian.get(m) ?? 0) + weight);
  }

  quantile(q: number): number {
    if (this.byMedian.size === 1) {
      // One exponential: its quantile in closed form.
      for (const m of this.byMedian.keys()) return m * Math.log2(1 / (1 - q));
    }
    const medians = [...this.byMedian.keys()];
    return mixtureQuantile(
      medians.map((m) => this.byMedian.get(m) as number),
      medians,
      q,
    );
  }
}
