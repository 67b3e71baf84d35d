import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, PodStatus, Service } from '../api/types';
import { objectKey } from '../api/meta';
import { Simulation } from '../core/simulation';
import { aNode, aPod } from '../testing/builders';
import {
  EndpointSliceController,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  slicesOf,
} from './endpointSliceController';
import type { Slice } from './endpointSliceReconciler';
import { ServiceAllocationController, serviceAllocationAdmission } from './serviceAllocation';

type P = Pod & KubeObject;
type Svc = Service & KubeObject;

function cluster(): Simulation {
  const sim = new Simulation({
    admission: [serviceAllocationAdmission],
    controllers: [new ServiceAllocationController(), new EndpointSliceController()],
  });
  sim.apply(aNode({ name: 'node-1', zone: 'zone-a' }));
  return sim;
}

function service(name: string, spec: Partial<NonNullable<Service['spec']>> = {}): Svc {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { team: 'x' } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
  };
}

let ipCounter = 1;
/** A pod as the kubelet leaves it: bound, with an IP, Running, Ready or not. */
function runPod(
  sim: Simulation,
  name: string,
  o: { app?: string; ready?: boolean; ip?: boolean; pod?: P } = {},
): P {
  const base = o.pod ?? aPod({ name, labels: { app: o.app ?? 'web' }, nodeName: 'node-1' });
  sim.apply(base);
  const live = sim.store.get<P>('Pod', 'default', name) as P;
  const status: PodStatus = {
    phase: 'Running',
    ...(o.ip === false ? {} : { podIP: `10.244.1.${ipCounter++}` }),
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
  };
  const out = sim.store.apply({ type: 'update', object: { ...live, status } }) as P;
  sim.advance(1);
  return out;
}

function setReady(sim: Simulation, name: string, ready: boolean): void {
  const live = sim.store.get<P>('Pod', 'default', name) as P;
  const conditions = [{ type: 'Ready', status: ready ? 'True' : 'False' }];
  sim.store.apply({ type: 'update', object: { ...live, status: { ...live.status, conditions } } });
  sim.advance(1);
}

function endpointsOf(sim: Simulation, svc = 'web'): Slice['endpoints'] {
  return slicesOf(sim.store, 'default', svc).flatMap((s) => s.endpoints);
}

describe('the EndpointSlice controller', () => {
  it('lists each selected pod with an IP, labelled and owned as upstream does', () => {
    const sim = cluster();
    sim.apply(service('web'));
    runPod(sim, 'web-1');
    runPod(sim, 'web-2', { ip: false });
    runPod(sim, 'other', { app: 'api' });
    const [slice, ...rest] = slicesOf(sim.store, 'default', 'web');
    expect(rest).toHaveLength(0);
    expect(slice?.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice?.metadata.labels).toEqual({
      team: 'x',
      [LABEL_SERVICE_NAME]: 'web',
      [LABEL_MANAGED_BY]: 'endpointslice-controller.k8s.io',
    });
    expect(slice?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      name: 'web',
      controller: true,
    });
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice?.endpoints).toEqual([
      expect.objectContaining({
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        zone: 'zone-a',
        targetRef: expect.objectContaining({ kind: 'Pod', name: 'web-1' }),
      }),
    ]);
  });

  it.each([
    [
      'a Ready pod is ready and serving',
      { ready: true, deleting: false, publish: false },
      { ready: true, serving: true, terminating: false },
    ],
    [
      'a pod that is not Ready is neither ready nor serving',
      { ready: false, deleting: false, publish: false },
      { ready: false, serving: false, terminating: false },
    ],
    [
      'a terminating Ready pod is serving and terminating but not ready',
      { ready: true, deleting: true, publish: false },
      { ready: false, serving: true, terminating: true },
    ],
    [
      'publishNotReadyAddresses makes a pod that is not Ready ready',
      { ready: false, deleting: false, publish: true },
      { ready: true, serving: false, terminating: false },
    ],
    [
      'publishNotReadyAddresses makes a terminating pod ready',
      { ready: true, deleting: true, publish: true },
      { ready: true, serving: true, terminating: true },
    ],
  ])('conditions follow the pod (podToEndpoint): %s', (_name, given, conditions) => {
    const sim = cluster();
    sim.apply(service('web', given.publish ? { publishNotReadyAddresses: true } : {}));
    runPod(sim, 'web-1', { ready: given.ready });
    if (given.deleting) {
      sim.deleteObject(sim.store.get('Pod', 'default', 'web-1') as P, { gracePeriodSeconds: 30 });
      sim.advance(1);
    }
    expect(endpointsOf(sim)[0]?.conditions).toEqual(conditions);
  });

  it('membership follows readiness: a pod that stops being Ready stays listed but not ready', () => {
    const sim = cluster();
    sim.apply(service('web'));
    runPod(sim, 'web-1');
    runPod(sim, 'web-2');
    setReady(sim, 'web-2', false);
    expect(
      endpointsOf(sim)
        .filter((e) => e.conditions?.ready)
        .map((e) => e.targetRef?.name),
    ).toEqual(['web-1']);
    setReady(sim, 'web-2', true);
    expect(endpointsOf(sim).filter((e) => e.conditions?.ready)).toHaveLength(2);
  });

  it('removing the label from a pod removes it from the Service', () => {
    const sim = cluster();
    sim.apply(service('web'));
    runPod(sim, 'web-1');
    runPod(sim, 'web-2');
    const live = sim.store.get<P>('Pod', 'default', 'web-2') as P;
    sim.store.apply({
      type: 'update',
      object: { ...live, metadata: { ...live.metadata, labels: { app: 'debug' } } },
    });
    sim.advance(1);
    expect(endpointsOf(sim).map((e) => e.targetRef?.name)).toEqual(['web-1']);
  });

  it('changing the Service labels rewrites its slices labels', () => {
    const sim = cluster();
    sim.apply(service('web'));
    runPod(sim, 'web-1');
    sim.apply({ ...service('web'), metadata: { name: 'web', namespace: 'default', labels: { team: 'y' } } });
    sim.advance(1);
    expect(slicesOf(sim.store, 'default', 'web')[0]?.metadata.labels?.team).toBe('y');
  });

  it('a Service with 250 pods gets three slices of at most 100 endpoints', () => {
    const sim = cluster();
    sim.apply(service('web'));
    for (let i = 0; i < 250; i++) runPod(sim, `web-${i}`);
    const sizes = slicesOf(sim.store, 'default', 'web')
      .map((s) => s.endpoints.length)
      .sort((a, b) => b - a);
    expect(sizes[0]).toBe(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(250);
    expect(sizes.length).toBe(3);
  });

  it('pods whose named targetPort resolves to different numbers land in different slices', () => {
    const sim = cluster();
    sim.apply(service('web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] }));
    const withPort = (name: string, port: number): P =>
      aPod({
        name,
        labels: { app: 'web' },
        nodeName: 'node-1',
        spec: { containers: [{ name: 'app', image: 'a', ports: [{ name: 'web', containerPort: port }] }] },
      });
    runPod(sim, 'a', { pod: withPort('a', 8080) });
    runPod(sim, 'b', { pod: withPort('b', 9090) });
    runPod(sim, 'c', { pod: aPod({ name: 'c', labels: { app: 'web' }, nodeName: 'node-1' }) });
    const byPort = slicesOf(sim.store, 'default', 'web')
      .map((s) => `${s.ports?.[0]?.port ?? 'none'}: ${s.endpoints.map((e) => e.targetRef?.name).join(',')}`)
      .sort();
    expect(byPort).toEqual(['8080: a', '9090: b', 'none: c']);
  });

  it('a Service that selects nothing keeps one empty placeholder slice', () => {
    const sim = cluster();
    sim.apply(service('web'));
    sim.advance(1);
    const slices = slicesOf(sim.store, 'default', 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0]?.endpoints).toEqual([]);
    runPod(sim, 'web-1');
    sim.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 0 });
    sim.advance(1);
    expect(slicesOf(sim.store, 'default', 'web').map((s) => s.endpoints.length)).toEqual([0]);
  });

  it('a headless Service labels its slices and gives StatefulSet pods their hostname', () => {
    const sim = cluster();
    sim.apply(service('db', { clusterIP: 'None' }));
    runPod(sim, 'db-0', {
      app: 'db',
      pod: aPod({
        name: 'db-0',
        labels: { app: 'db' },
        nodeName: 'node-1',
        spec: { hostname: 'db-0', subdomain: 'db', containers: [{ name: 'db', image: 'db' }] },
      }),
    });
    const [slice] = slicesOf(sim.store, 'default', 'db');
    expect(slice?.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slice?.endpoints[0]?.hostname).toBe('db-0');
  });

  it('a Service without a selector gets no managed slices, and deleting a Service deletes its slices', () => {
    const sim = cluster();
    sim.apply(service('ext', { selector: undefined } as never));
    sim.apply(service('web'));
    runPod(sim, 'web-1');
    expect(slicesOf(sim.store, 'default', 'ext')).toHaveLength(0);
    sim.delete('Service', 'default', 'web');
    sim.advance(1);
    expect(sim.store.list('EndpointSlice')).toHaveLength(0);
    expect(sim.store.get('Service', 'default', 'web')).toBeUndefined();
    expect(objectKey('Service', 'default', 'web')).toBe('Service/default/web');
  });
});
