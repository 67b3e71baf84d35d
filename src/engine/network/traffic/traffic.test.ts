import { describe, expect, it } from 'vitest';
import type { Deployment, HorizontalPodAutoscaler, KubeObject, Pod } from '../../api/types';
import { CPU_USAGE_ANNOTATION } from '../../controllers';
import { NODE_FAULT_ANNOTATION, BEHAVIOR_ANNOTATION } from '../../behavior';
import { Simulation } from '../../core/simulation';
import { timestamp } from '../../api/time';
import { aNode, aPod } from '../../testing/builders';
import { evaluatePod } from './podModel';
import { anApp, aServiceFor, networkCluster } from '../testing/apps';
import { setTraffic, trafficMetrics } from './api';

type P = Pod & KubeObject;

function pinnedPod(name: string, node: string, behavior: object = { startupSeconds: 0 }): P {
  const pod = aPod({ name, labels: { app: 'web' }, nodeName: node });
  return {
    ...pod,
    metadata: { ...pod.metadata, annotations: { [BEHAVIOR_ANNOTATION]: JSON.stringify(behavior) } },
    spec: {
      ...pod.spec,
      containers: [{ name: 'web', image: 'web:1.0', ports: [{ name: 'http', containerPort: 8080 }] }],
    },
  };
}

function podShares(sim: Simulation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of trafficMetrics(sim).flows)
    if (f.to.startsWith('Pod/')) out[f.to.split('/')[2] ?? ''] = f.rps;
  return out;
}

function lastOf(sim: Simulation, key: string) {
  return trafficMetrics(sim).last(key);
}

describe('traffic outcomes', () => {
  it('a Service with no ready endpoint answers 503 to every request', () => {
    const sim = networkCluster(1);
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 50);
    sim.advance(5_000);
    expect(lastOf(sim, 'Service/default/web')).toMatchObject({
      rps: 50,
      successRate: 0,
      outcomes: { unavailable: 50 },
    });
  });

  it('load beyond a pod capacity times out, and latency climbs', () => {
    const sim = networkCluster(2);
    sim.apply(anApp({ replicas: 1, capacityRps: 50 }));
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    sim.advance(30_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 20);
    sim.advance(3_000);
    const calm = lastOf(sim, 'Service/default/web');
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 100);
    sim.advance(3_000);
    const busy = lastOf(sim, 'Service/default/web');
    expect(calm?.successRate).toBe(1);
    expect(busy?.successRate).toBeCloseTo(0.5, 1);
    expect(busy?.outcomes.timeout).toBeCloseTo(50, 0);
    expect(busy?.p50Ms ?? 0).toBeGreaterThan(3 * (calm?.p50Ms ?? 0));
  });

  it('a pod whose node is down times out, and so does the load balancer share sent to that node', () => {
    const sim = networkCluster(3);
    for (const [name, node] of [
      ['a', 'node-1'],
      ['b', 'node-2'],
      ['c', 'node-3'],
    ] as const)
      sim.apply(pinnedPod(name, node));
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    sim.advance(5_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 300);
    sim.patchAuthored('Node//node-1', (n) => ({
      ...n,
      metadata: { ...n.metadata, annotations: { [NODE_FAULT_ANNOTATION]: 'down' } },
    }));
    sim.advance(20_000);
    const s = lastOf(sim, 'Service/default/web');
    // A third of the requests enter through node-1 and time out there; of the rest, a third reach pod a.
    expect(s?.successRate ?? 0).toBeGreaterThan(0.35);
    expect(s?.successRate ?? 1).toBeLessThan(0.55);
    expect(lastOf(sim, 'Pod/default/a')?.outcomes.timeout).toBeGreaterThan(0);
  });

  it('a container that has not finished starting refuses connections until it listens', () => {
    const sim = networkCluster(4);
    sim.apply(pinnedPod('slow', 'node-1', { startupSeconds: 30 }));
    sim.apply(aServiceFor('web'));
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 10);
    sim.advance(10_000);
    expect(lastOf(sim, 'Pod/default/slow')?.outcomes.refused).toBe(10);
    sim.advance(30_000);
    expect(lastOf(sim, 'Pod/default/slow')?.successRate).toBe(1);
  });
});

describe('what one pod does with its load (podModel)', () => {
  function runningPod(o: { deleting?: boolean; nodeDown?: boolean; startedAgoMs?: number } = {}): Simulation {
    const sim = new Simulation();
    sim.apply(aNode({ name: 'node-1' }));
    if (o.nodeDown)
      sim.patchAuthored('Node//node-1', (n) => ({
        ...n,
        metadata: { ...n.metadata, annotations: { [NODE_FAULT_ANNOTATION]: 'down' } },
      }));
    sim.apply(pinnedPod('p', 'node-1', { startupSeconds: 5 }));
    const live = sim.store.get<P>('Pod', 'default', 'p') as P;
    const started = timestamp(0);
    sim.store.apply({
      type: 'update',
      object: {
        ...live,
        metadata: { ...live.metadata, ...(o.deleting ? { deletionTimestamp: started } : {}) },
        status: {
          phase: 'Running',
          podIP: '10.244.1.2',
          containerStatuses: [
            {
              name: 'web',
              image: 'web:1.0',
              imageID: '',
              ready: true,
              restartCount: 0,
              state: { running: { startedAt: started } },
            },
          ],
        },
      },
    });
    sim.advance(o.startedAgoMs ?? 10_000);
    return sim;
  }

  it.each([
    [
      'a listening pod under its capacity serves every request',
      {},
      50,
      { down: undefined, overloadFraction: 0 },
    ],
    [
      'a pod loaded to twice its capacity times half of it out',
      {},
      200,
      { down: undefined, overloadFraction: 0.5 },
    ],
    ['a terminating pod refuses connections', { deleting: true }, 10, { down: 'refused' }],
    [
      'a pod still within startupSeconds refuses connections',
      { startedAgoMs: 3_000 },
      10,
      { down: 'refused' },
    ],
    ['a pod on a node that is down lets requests time out', { nodeDown: true }, 10, { down: 'timeout' }],
  ] as const)('%s', (_name, o, offered, want) => {
    const sim = runningPod(o);
    expect(evaluatePod(sim.store, 'Pod/default/p', 8080, offered, 1, sim.now)).toMatchObject(want);
  });
});

describe('traffic policies, affinity and proxy modes', () => {
  function threePods(sim: Simulation): void {
    for (const [name, node] of [
      ['a1', 'node-1'],
      ['a2', 'node-1'],
      ['b1', 'node-2'],
    ] as const)
      sim.apply(pinnedPod(name, node));
  }

  it('externalTrafficPolicy Local: the load balancer sends only to nodes with a ready endpoint, each keeping its traffic local', () => {
    const sim = networkCluster(5);
    threePods(sim);
    sim.apply(aServiceFor('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    sim.advance(5_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 160);
    sim.advance(60_000);
    const series = (pod: string): number => {
      const s = trafficMetrics(sim).series(`Pod/default/${pod}`);
      return s.reduce((n, x) => n + x.rps, 0) / s.length;
    };
    // node-1 and node-2 get 80 each: b1 serves its node's 80, a1 and a2 share theirs.
    expect(series('b1')).toBeCloseTo(80, -1);
    expect(series('a1')).toBeCloseTo(40, -1);
    expect(lastOf(sim, 'Service/default/web')?.successRate).toBe(1);
  });

  it('a NodePort Service with externalTrafficPolicy Local drops what reaches a node without an endpoint', () => {
    const sim = networkCluster(12);
    threePods(sim);
    sim.apply(aServiceFor('web', { type: 'NodePort', externalTrafficPolicy: 'Local' }));
    sim.advance(5_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 30);
    sim.advance(3_000);
    expect(lastOf(sim, 'Service/default/web')?.outcomes.timeout).toBe(10);
  });

  it('externalTrafficPolicy Cluster spreads evenly over every endpoint', () => {
    const sim = networkCluster(6);
    threePods(sim);
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    sim.advance(5_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 300);
    sim.advance(60_000);
    const s = trafficMetrics(sim).series('Pod/default/b1');
    expect(s.reduce((n, x) => n + x.rps, 0) / s.length).toBeCloseTo(100, -1);
  });

  it('sessionAffinity ClientIP sends all of one calling pod requests to one endpoint', () => {
    const sim = networkCluster(7);
    threePods(sim);
    sim.apply(aServiceFor('web', { sessionAffinity: 'ClientIP' }));
    sim.apply({ ...aPod({ name: 'client', labels: { role: 'client' }, nodeName: 'node-3' }) });
    sim.advance(5_000);
    sim.apply({
      apiVersion: 'kubecanvas.dev/v1alpha1',
      kind: 'TrafficSource',
      metadata: { name: 'calls', namespace: 'default' },
      spec: {
        target: { kind: 'Service', name: 'web' },
        rps: 30,
        from: { podSelector: { matchLabels: { role: 'client' } } },
      },
    });
    sim.advance(20_000);
    const shares = Object.values(podShares(sim));
    expect(shares).toEqual([30]);
  });

  it('IPVS mode, set in the kube-proxy ConfigMap, splits exactly round robin', () => {
    const sim = networkCluster(8);
    sim.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      data: {
        'config.conf':
          'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n',
      },
    });
    threePods(sim);
    sim.apply(aServiceFor('web'));
    sim.advance(5_000);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 30);
    sim.advance(3_000);
    expect(podShares(sim)).toEqual({ a1: 10, a2: 10, b1: 10 });
  });
});

describe('load drives the HPA', () => {
  it('CPU from traffic reaches the pods annotation every 15 s and the HPA scales the Deployment up', () => {
    const sim = networkCluster(9);
    sim.apply(anApp({ replicas: 2, cpu: '100m' }));
    sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
    const hpa: HorizontalPodAutoscaler & KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
    };
    sim.apply(hpa);
    sim.advance(30_000);
    // 2 m per request per second + 5 m idle: 100 rps on 2 pods is 105 m each, 105 % of the request.
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 100);
    sim.advance(20_000);
    const pods = sim.store.list<P>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web');
    expect(pods.map((p) => Number(p.metadata.annotations?.[CPU_USAGE_ANNOTATION])).every((v) => v > 90)).toBe(
      true,
    );
    sim.advance(60_000);
    expect(
      sim.store.get<Deployment & KubeObject>('Deployment', 'default', 'web')?.spec?.replicas,
    ).toBeGreaterThanOrEqual(4);
  });
});

describe('setTraffic', () => {
  it.each([
    ['a missing Service', 'Service', 'services "nope" not found'],
    ['a missing Ingress', 'Ingress', 'ingresses.networking.k8s.io "nope" not found'],
  ] as const)('refuses %s in the API server words', (_name, kind, message) => {
    const sim = networkCluster(10);
    expect(() => setTraffic(sim, { kind, namespace: 'default', name: 'nope' }, 10)).toThrow(message);
  });

  it('0 rps removes the source and the flows stop', () => {
    const sim = networkCluster(11);
    sim.apply(aServiceFor('web'));
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 10);
    sim.advance(3_000);
    expect(trafficMetrics(sim).flows.length).toBeGreaterThan(0);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, 0);
    sim.advance(3_000);
    expect(sim.store.list('TrafficSource')).toEqual([]);
    expect(trafficMetrics(sim).flows).toEqual([]);
    expect(sim.nextWakeup() === undefined || sim.nextWakeup()! > sim.now).toBe(true);
  });
});
