/**
 * Scenario tests of the talk's networking stories (STORIES.md 11-14): a cluster with every default
 * component (createCluster: scheduler, controllers, kubelet, networking), a seed, N simulated seconds, and the outcome the
 * story promises, measured by the simulation itself.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment, Ingress, KubeObject, Pod, Service } from '../api/types';
import type { Simulation } from '../core/simulation';
import { failNode } from '../nodes';
import { serviceBackends } from './backends';
import { resolveName } from './dns';
import { slicesOf } from './endpointSliceController';
import { ingressNginxObjects } from './ingressNginx';
import { anApp, aServiceFor, networkCluster, type AppOptions } from './testing/apps';
import { setTraffic, trafficMetrics } from './traffic/api';

type Svc = Service & KubeObject;
type P = Pod & KubeObject;

const PROBE = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 2 };

/** Success rate of the Service over [from, to) simulated ms, from the traffic series. */
function successOver(
  sim: Simulation,
  key: string,
  from: number,
  to: number,
): { requests: number; success: number } {
  let requests = 0;
  let success = 0;
  for (const s of trafficMetrics(sim).series(key)) {
    if (s.t <= from || s.t > to) continue;
    requests += s.rps;
    success += s.outcomes.success;
  }
  return { requests, success };
}

/** Runs a rollout of web:1.0 -> web:2.0 under 100 rps and returns the success rate measured during it. */
function rollout(seed: number, app: AppOptions): { rate: number; requests: number; updated: number } {
  const sim = networkCluster(seed);
  sim.apply(anApp(app));
  sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
  sim.advance(60_000);
  setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 100);
  sim.advance(10_000);
  const start = sim.now;
  sim.apply(anApp({ ...app, image: 'web:2.0' }));
  sim.advance(120_000);
  const { requests, success } = successOver(sim, 'Service/default/web', start, sim.now);
  const d = sim.store.get<Deployment & KubeObject>('Deployment', 'default', 'web');
  return { rate: success / requests, requests, updated: d?.status?.updatedReplicas ?? 0 };
}

describe('story 11 and 12: a rollout with and without a readiness probe', () => {
  it('story 11: with a readiness probe, maxUnavailable 1 and maxSurge 0, the rollout keeps 100% success', () => {
    const r = rollout(11, { startupSeconds: 20, readinessProbe: PROBE, maxUnavailable: 1, maxSurge: 0 });
    expect(r.updated).toBe(3);
    expect(r.requests).toBeGreaterThan(11_000);
    expect(r.rate).toBe(1);
  });

  it('story 12: without a readiness probe, on an app that takes 20 s to start, the rollout loses requests', () => {
    const r = rollout(12, { startupSeconds: 20, maxUnavailable: 1, maxSurge: 0 });
    expect(r.updated).toBe(3);
    expect(r.rate).toBeLessThan(0.9);
    expect(r.rate).toBeGreaterThan(0.3);
  });
});

describe('story 13: Services route by labels', () => {
  it('a Service gets a stable ClusterIP and DNS name, lists only ready pods, and loses a pod whose label is removed', () => {
    const sim = networkCluster(13);
    sim.apply(anApp({ replicas: 3, startupSeconds: 10, readinessProbe: PROBE }));
    const svc = sim.apply(aServiceFor('web')) as Svc;
    const ip = svc.spec?.clusterIP as string;
    expect(ip).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    sim.advance(5_000);
    const ready = (): string[] =>
      slicesOf(sim.store, 'default', 'web')
        .flatMap((s) => s.endpoints)
        .filter((e) => e.conditions?.ready)
        .map((e) => e.targetRef?.name ?? '')
        .sort();
    // Running but not yet Ready (the app listens after 10 s): listed, not ready.
    expect(ready()).toEqual([]);
    sim.advance(30_000);
    expect(ready()).toHaveLength(3);
    expect(
      serviceBackends(sim.store).filter((b) => b.service === 'Service/default/web' && b.ready),
    ).toHaveLength(3);
    expect(resolveName(sim.store, 'web', 'default')?.addresses).toEqual([ip]);
    expect(resolveName(sim.store, 'web.default.svc.cluster.local', 'other')?.addresses).toEqual([ip]);
    const victim = sim.store.list<P>('Pod', 'default').find((p) => p.metadata.labels?.app === 'web') as P;
    sim.patchAuthored(`Pod/default/${victim.metadata.name}`, (p) => ({
      ...p,
      metadata: { ...p.metadata, labels: { app: 'debug' } },
    }));
    sim.advance(1_000);
    expect(ready()).not.toContain(victim.metadata.name);
    sim.advance(40_000);
    expect(ready()).toHaveLength(3);
    expect(sim.store.get<Svc>('Service', 'default', 'web')?.spec?.clusterIP).toBe(ip);
  });

  it('pods call redis by name: every web pod sends its share to the redis pods', () => {
    const sim = networkCluster(14);
    sim.apply(anApp({ name: 'web', replicas: 2 }));
    sim.apply(anApp({ name: 'redis', replicas: 2 }));
    sim.apply(aServiceFor('redis'));
    sim.advance(30_000);
    sim.apply({
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'TrafficSource',
      metadata: { name: 'web-to-redis', namespace: 'default' },
      spec: {
        target: { kind: 'Service', name: 'redis' },
        rps: 50,
        from: { podSelector: { matchLabels: { app: 'web' } } },
      },
    });
    sim.advance(10_000);
    const m = trafficMetrics(sim);
    expect(m.last('Service/default/redis')).toMatchObject({ rps: 50, successRate: 1 });
    const fromWeb = m.flows.filter(
      (f) => f.from.startsWith('Pod/default/web-') && f.to === 'Service/default/redis',
    );
    expect(fromWeb).toHaveLength(2);
    expect(fromWeb.every((f) => f.rps === 25)).toBe(true);
  });
});

describe('story 14: from outside', () => {
  it('a LoadBalancer Service gets an external IP, and an Ingress sends / to web and /api to api through the controller pods', () => {
    const sim = networkCluster(15);
    for (const o of ingressNginxObjects()) sim.apply(o);
    sim.apply(anApp({ name: 'web' }));
    sim.apply(anApp({ name: 'api' }));
    sim.apply(aServiceFor('web'));
    sim.apply(aServiceFor('api'));
    const ingress: Ingress & KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'site', namespace: 'default' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
                {
                  path: '/api',
                  pathType: 'Prefix',
                  backend: { service: { name: 'api', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    };
    sim.apply(ingress);
    sim.advance(40_000);
    const lb = sim.store.get<Svc>('Service', 'ingress-nginx', 'ingress-nginx-controller');
    const externalIp = lb?.status?.loadBalancer?.ingress?.[0]?.ip;
    expect(externalIp).toBe('203.0.113.10');
    expect(
      sim.store.get<Ingress & KubeObject>('Ingress', 'default', 'site')?.status?.loadBalancer?.ingress,
    ).toEqual([{ ip: externalIp }]);
    setTraffic(sim, { kind: 'Ingress', namespace: 'default', name: 'site' }, 200);
    sim.apply({
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'TrafficSource',
      metadata: { name: 'api-clients', namespace: 'default' },
      spec: { target: { kind: 'Ingress', name: 'site' }, rps: 40, path: '/api/orders' },
    });
    sim.advance(10_000);
    const m = trafficMetrics(sim);
    expect(m.last('Service/default/web')).toMatchObject({ rps: 200, successRate: 1 });
    expect(m.last('Service/default/api')).toMatchObject({ rps: 40, successRate: 1 });
    expect(m.last('TrafficSource/default/ingress-site')?.successRate).toBe(1);
    const edges = m.flows.map((f) => `${f.from} -> ${f.to}`);
    expect(edges).toContain(
      'TrafficSource/default/ingress-site -> Service/ingress-nginx/ingress-nginx-controller',
    );
    expect(
      edges.some((e) => /^Service\/ingress-nginx\/ingress-nginx-controller -> Pod\/ingress-nginx\//.test(e)),
    ).toBe(true);
    expect(edges.some((e) => /^Pod\/ingress-nginx\/.* -> Ingress\/default\/site$/.test(e))).toBe(true);
    expect(edges).toContain('Ingress/default/site -> Service/default/api');
  });
});

describe('story 17 seen from the traffic: a node dies', () => {
  it('requests through and to the dead node time out until the node lifecycle controller marks it, then all succeed', () => {
    const sim = networkCluster(17);
    sim.apply(anApp({ replicas: 3, readinessProbe: PROBE }));
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    sim.advance(60_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 150);
    sim.advance(10_000);
    const t0 = sim.now;
    const victim = sim.store.list<P>('Pod', 'default')[0]?.spec?.nodeName ?? '';
    failNode(sim, victim);
    sim.advance(120_000);
    const series = trafficMetrics(sim).series('Service/default/web');
    const at = (s: number) => series.find((x) => x.t === t0 + s * 1000);
    // A third of the requests enter through the dead node, and a third of the rest are sent to its pod.
    expect(at(20)?.successRate).toBeCloseTo(4 / 9, 1);
    expect(at(20)?.outcomes.timeout).toBeGreaterThan(0);
    expect(at(110)?.successRate).toBe(1);
  });
});
