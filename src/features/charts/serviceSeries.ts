/**
 * The figures the Charts tab draws per Service, read from the engine's traffic metrics: the last
 * `window` buckets of request rate (offered and failed), success rate (as a percentage) and latency
 * (p50 and p99, ms).
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
        last: samples[samples.length - 1],
      };
    });
}
