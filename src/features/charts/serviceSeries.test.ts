import { describe, expect, it } from 'vitest';
import type { TrafficMetrics, TrafficSample } from '../../engine';
import { serviceSeries } from './serviceSeries';

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
