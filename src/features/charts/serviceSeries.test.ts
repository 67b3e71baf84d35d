import { describe, expect, it } from 'vitest';
import type { TrafficMetrics, TrafficSample } from '../../engine';
import { serviceSeries, truncateSeries } from './serviceSeries';

function sample(t: number, rps: number, successRate: number, p99Ms: number): TrafficSample {
  const failed = rps * (1 - successRate);
  return {
    t,
    rps,
    successRate,
    p50Ms: p99Ms / 2,
    p99Ms,
    outcomes: {
      success: rps - failed,
      unavailable: failed / 2,
      refused: failed / 2,
      timeout: 0,
      notFound: 0,
    },
  };
}

function metrics(series: Record<string, TrafficSample[]>): TrafficMetrics {
  return {
    bucketMs: 1000,
    latest: 3000,
    flows: [],
    keys: () => Object.keys(series),
    series: (k) => [...(series[k] ?? [])],
    last: (k) => series[k]?.at(-1),
  };
}

describe('serviceSeries', () => {
  it('keeps Services only, sorted, with success as a percentage and the window applied', () => {
    const m = metrics({
      'Service/default/web': [sample(1000, 10, 1, 20), sample(2000, 20, 0.5, 40), sample(3000, 30, 0.9, 60)],
      'Pod/default/web-1': [sample(1000, 5, 1, 10)],
      'Service/default/api': [sample(3000, 1, 1, 5)],
    });
    const s = serviceSeries(m, 2);
    expect(s.map((x) => x.key)).toEqual(['Service/default/api', 'Service/default/web']);
    const web = s[1];
    expect(web?.name).toBe('web');
    expect(web?.t).toEqual([2, 3]);
    expect(web?.rps).toEqual([20, 30]);
    expect(web?.failedRps).toEqual([10, 3]);
    expect(web?.successPct).toEqual([50, 90]);
    expect(web?.p99Ms).toEqual([40, 60]);
    expect(web?.last?.t).toBe(3000);
  });
});

describe('truncateSeries', () => {
  const m = metrics({
    'Service/default/api': [sample(3000, 1, 1, 5)],
    'Service/default/web': [sample(1000, 10, 1, 20), sample(2000, 20, 0.5, 40), sample(3000, 30, 0.9, 60)],
  });

  it('keeps the buckets ended by the moment gone back to, and drops Services left without one', () => {
    const [web, ...rest] = truncateSeries(serviceSeries(m), 2);
    expect(rest).toEqual([]);
    expect(web?.key).toBe('Service/default/web');
    expect(web?.t).toEqual([1, 2]);
    expect(web?.rps).toEqual([10, 20]);
    expect(web?.failedRps).toEqual([0, 10]);
    expect(web?.successPct).toEqual([100, 50]);
    expect(web?.p50Ms).toEqual([10, 20]);
    expect(web?.p99Ms).toEqual([20, 40]);
    expect(web?.last?.t).toBe(2000);
  });

  it('leaves series that end by then as they are, and keeps nothing at 0 (a reset)', () => {
    const all = serviceSeries(m);
    expect(truncateSeries(all, 3)).toEqual(all);
    expect(truncateSeries(all, 0)).toEqual([]);
  });
});
