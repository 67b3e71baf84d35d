/**
 * The figures the Charts tab draws per Service, read from the engine's traffic metrics: the last
 * `window` buckets of request rate (offered and failed), success rate (as a percentage) and latency
 * (p50 and p99, ms); and the same figures cut back to an earlier moment when the timeline went back.
 */
import type { TrafficMetrics, TrafficSample } from '../../engine';

export interface ServiceSeries {
  key: string;
  name: string;
  namespace: string;
  /** End of each bucket, simulated seconds. */
  t: number[];
  rps: number[];
  /** Requests per second that failed (503, refused, timed out, 404). */
  failedRps: number[];
  successPct: number[];
  p50Ms: number[];
  p99Ms: number[];
  /** The buckets the figures come from, one per `t`. */
  samples: TrafficSample[];
  last: TrafficSample | undefined;
}

/** Buckets shown by default: two simulated minutes at one-second buckets. */
export const DEFAULT_WINDOW = 120;

/** One entry per Service with traffic, sorted by namespace/name. */
export function serviceSeries(metrics: TrafficMetrics, window = DEFAULT_WINDOW): ServiceSeries[] {
  return metrics
    .keys()
    .filter((k) => k.startsWith('Service/'))
    .sort()
    .map((key) => {
      const samples = metrics.series(key).slice(-window);
      const [, namespace = '', name = ''] = key.split('/');
      return {
        key,
        name,
        namespace,
        t: samples.map((s) => s.t / 1000),
        rps: samples.map((s) => s.rps),
        failedRps: samples.map((s) => {
          const o = s.outcomes;
          return Math.round((o.unavailable + o.refused + o.timeout + o.notFound) * 100) / 100;
        }),
        successPct: samples.map((s) => s.successRate * 100),
        p50Ms: samples.map((s) => s.p50Ms),
        p99Ms: samples.map((s) => s.p99Ms),
        samples,
        last: samples[samples.length - 1],
      };
    });
}

/**
 * The series as they were at simulated second `atSec`: the buckets ending after it dropped, and the
 * Services left without a bucket dropped. A seek back replays the same run up to its moment, so this is
 * what the replayed traffic holds until the engine sends its own figures.
 */
export function truncateSeries(series: readonly ServiceSeries[], atSec: number): ServiceSeries[] {
  const out: ServiceSeries[] = [];
  for (const s of series) {
    let n = s.t.length;
    while (n > 0 && (s.t[n - 1] as number) > atSec) n--;
    if (n === 0) continue;
    if (n === s.t.length) {
      out.push(s);
      continue;
    }
    const cut = <T>(a: T[]) => a.slice(0, n);
    out.push({
      ...s,
      t: cut(s.t),
      rps: cut(s.rps),
      failedRps: cut(s.failedRps),
      successPct: cut(s.successPct),
      p50Ms: cut(s.p50Ms),
      p99Ms: cut(s.p99Ms),
      samples: cut(s.samples),
      last: s.samples[n - 1],
    });
  }
  return out;
}
