/**
 * The traffic model's memory: a ring buffer of samples per Service, pod and source (bounded: the last
 * SERIES_CAPACITY buckets; series not written for that long are dropped), and the latest flows.
 */
import type { BucketResult, Tally } from './bucket';
import { Ring } from './ring';
import type { TrafficFlow, TrafficMetrics, TrafficSample } from './types';

/** Buckets kept per series (10 simulated minutes of 1 s buckets). */
export const SERIES_CAPACITY = 600;

function sample(t: number, tally: Tally, seconds: number): TrafficSample {
  const o = tally.outcomes;
  const total = o.success + o.unavailable + o.refused + o.timeout + o.notFound;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    t,
    rps: round(tally.offered / seconds),
    successRate: total > 0 ? o.success / total : 1,
    p50Ms: round(tally.latency.quantile(0.5)),
    p99Ms: round(tally.latency.quantile(0.99)),
    ...(tally.cpuMilli !== undefined ? { cpuMilli: round(tally.cpuMilli) } : {}),
    outcomes: {
      success: round(o.success / seconds),
      unavailable: round(o.unavailable / seconds),
      refused: round(o.refused / seconds),
      timeout: round(o.timeout / seconds),
      notFound: round(o.notFound / seconds),
    },
  };
}

class SeriesSet {
  readonly rings = new Map<string, Ring<TrafficSample>>();

  record(t: number, tallies: Map<string, Tally>, seconds: number): void {
    for (const [key, tally] of tallies) {
      let ring = this.rings.get(key);
      if (!ring) this.rings.set(key, (ring = new Ring(SERIES_CAPACITY)));
      ring.push(sample(t, tally, seconds));
    }
  }

  prune(oldest: number): void {
    for (const [key, ring] of this.rings) if ((ring.last()?.t ?? -Infinity) < oldest) this.rings.delete(key);
  }
}

/** All series of one simulation. */
export class MetricsStore {
  private readonly services = new SeriesSet();
  private readonly pods = new SeriesSet();
  private readonly sources = new SeriesSet();
  private flows: TrafficFlow[] = [];
  private latest: number | undefined;

  constructor(readonly bucketMs: number) {}

  record(t: number, result: BucketResult): void {
    const seconds = this.bucketMs / 1000;
    this.services.record(t, result.services, seconds);
    this.pods.record(t, result.pods, seconds);
    this.sources.record(t, result.sources, seconds);
    this.flows = result.flows.map((f) => ({ ...f, rps: f.rps / seconds }));
    this.latest = t;
    const oldest = t - SERIES_CAPACITY * this.bucketMs;
    for (const s of [this.services, this.pods, this.sources]) s.prune(oldest);
  }

  /** Clears the flows when no traffic runs (series stay until they age out). */
  idle(): void {
    this.flows = [];
  }

  private ring(key: string): Ring<TrafficSample> | undefined {
    const set = key.startsWith('Service/')
      ? this.services
      : key.startsWith('Pod/')
        ? this.pods
        : this.sources;
    return set.rings.get(key);
  }

  snapshot(): TrafficMetrics {
    return {
      bucketMs: this.bucketMs,
      latest: this.latest,
      flows: this.flows,
      keys: () => [this.services, this.pods, this.sources].flatMap((s) => [...s.rings.keys()]),
      series: (key) => this.ring(key)?.toArray() ?? [],
      last: (key) => this.ring(key)?.last(),
    };
  }
}
