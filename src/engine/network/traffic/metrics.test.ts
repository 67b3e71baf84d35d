import { describe, expect, it } from 'vitest';
import { ingressNginxObjects } from '../ingressNginx';
import { anApp, aServiceFor, networkCluster } from '../testing/apps';
import { setTraffic, trafficMetrics } from './api';
import { medianLatencyMs, mixtureQuantile } from './latency';
import { SERIES_CAPACITY } from './metricsStore';
import { Ring } from './ring';

describe('latency model', () => {
  it.each([
    ['at low load the median is the behaviour latency', 20, 0, 100, 20],
    ['at half load it doubles (M/M/1)', 20, 50, 100, 40],
    ['beyond capacity it stops at ten times (utilisation capped at 0.9)', 20, 500, 100, 200],
  ])('%s', (_name, latency, offered, capacity, want) => {
    expect(medianLatencyMs(latency, offered, capacity)).toBeCloseTo(want, 6);
  });

  it('the p99 of one exponential is log2(100) times its median, and a mixture lies between its parts', () => {
    expect(mixtureQuantile([1], [10], 0.99)).toBeCloseTo(10 * Math.log2(100), 3);
    const p50 = mixtureQuantile([1, 1], [10, 100], 0.5);
    expect(p50).toBeGreaterThan(10);
    expect(p50).toBeLessThan(100);
  });
});

describe('metrics memory', () => {
  it('a ring keeps the newest items only, oldest first', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.last()).toBe(5);
  });

  it('a series holds at most SERIES_CAPACITY samples however long the traffic runs', () => {
    const sim = networkCluster(1);
    sim.apply(anApp({ replicas: 1 }));
    sim.apply(aServiceFor('web'));
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 5);
    sim.advance((SERIES_CAPACITY + 100) * 1000);
    expect(trafficMetrics(sim).series('Service/default/web')).toHaveLength(SERIES_CAPACITY);
  });
});

describe('traffic is deterministic and covers every entry', () => {
  function run(seed: number): string {
    const sim = networkCluster(seed);
    sim.apply(anApp({ replicas: 3 }));
    sim.apply(aServiceFor('web', { type: 'NodePort' }));
    sim.advance(20_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 77);
    sim.advance(10_000);
    return JSON.stringify(trafficMetrics(sim).flows);
  }

  it('the same seed gives the same flows, another seed other ones', () => {
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it('clients reach a NodePort Service through the nodes and a ClusterIP Service from inside', () => {
    const sim = networkCluster(2);
    sim.apply(anApp({ replicas: 2 }));
    sim.apply(aServiceFor('web', { type: 'NodePort' }));
    sim.apply(anApp({ name: 'api', replicas: 1 }));
    sim.apply(aServiceFor('api'));
    sim.advance(20_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 20);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'api' }, 10);
    sim.advance(5_000);
    expect(trafficMetrics(sim).last('Service/default/web')).toMatchObject({ rps: 20, successRate: 1 });
    expect(trafficMetrics(sim).last('Service/default/api')).toMatchObject({ rps: 10, successRate: 1 });
  });

  it('pods calling a headless Service reach its pods directly, and small shares per caller add up', () => {
    const sim = networkCluster(4);
    sim.apply(anApp({ name: 'web', replicas: 3 }));
    sim.apply(anApp({ name: 'db', replicas: 2 }));
    sim.apply(aServiceFor('db', { clusterIP: 'None' }));
    sim.advance(20_000);
    sim.apply({
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'TrafficSource',
      metadata: { name: 'web-to-db', namespace: 'default' },
      spec: {
        target: { kind: 'Service', name: 'db' },
        rps: 2,
        from: { podSelector: { matchLabels: { app: 'web' } } },
      },
    });
    sim.advance(30_000);
    const s = trafficMetrics(sim).series('Service/default/db');
    expect(s.reduce((n, x) => n + x.rps, 0) / s.length).toBeCloseTo(2, 5);
    expect(s.every((x) => x.successRate === 1)).toBe(true);
  });

  it('requests to an Ingress path no rule matches end in 404 at the controller', () => {
    const sim = networkCluster(3);
    for (const o of ingressNginxObjects()) sim.apply(o);
    sim.apply(anApp({ replicas: 1 }));
    sim.apply(aServiceFor('web'));
    sim.apply({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'only-api', namespace: 'default' },
      spec: {
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/api',
                  pathType: 'Exact',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    sim.advance(20_000);
    setTraffic(sim, { kind: 'Ingress', namespace: 'default', name: 'only-api' }, 10);
    sim.advance(5_000);
    expect(trafficMetrics(sim).last('TrafficSource/default/ingress-only-api')).toMatchObject({
      successRate: 0,
      outcomes: { notFound: 10 },
    });
  });
});
