import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject, Pod, PodStatus, Service } from '../api/types';
import { Simulation } from '../core/simulation';
import { aNode, aPod } from '../testing/builders';
import { EndpointSliceController } from './endpointSliceController';
import { EndpointsController } from './endpointsController';
import { ServiceAllocationController, serviceAllocationAdmission } from './serviceAllocation';

type P = Pod & KubeObject;
type Svc = Service & KubeObject;
type Ep = Endpoints & KubeObject;

function cluster(): Simulation {
  const sim = new Simulation({
    admission: [serviceAllocationAdmission],
    controllers: [
      new ServiceAllocationController(),
      new EndpointSliceController(),
      new EndpointsController(),
    ],
  });
  sim.apply(aNode({ name: 'node-1', zone: 'zone-a' }));
  return sim;
}

/** A Service selecting app=<name>; `withoutSelector` leaves the selector out (endpoints managed by hand). */
function service(
  name: string,
  spec: Partial<NonNullable<Service['spec']>> = {},
  withoutSelector = false,
): Svc {
  const base: NonNullable<Service['spec']> = { ports: [{ name: 'http', port: 80, targetPort: 8080 }] };
  if (!withoutSelector) base.selector = { app: name };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { team: 'x' } },
    spec: { ...base, ...spec },
  };
}

/** A pod as the kubelet leaves it: bound, with an IP, Running, Ready or not. */
function runPod(sim: Simulation, name: string, ip: string, ready = true): P {
  sim.apply(aPod({ name, labels: { app: 'web' }, nodeName: 'node-1' }));
  const live = sim.store.get<P>('Pod', 'default', name) as P;
  const status: PodStatus = {
    phase: 'Running',
    podIP: ip,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  };
  const out = sim.store.apply({ type: 'update', object: { ...live, status } }) as P;
  sim.advance(1);
  return out;
}

const endpoints = (sim: Simulation, name = 'web') => sim.store.get<Ep>('Endpoints', 'default', name);

// Upstream: pkg/controller/endpoint/endpoints_controller_test.go (TestSyncEndpointsItemsPreserveNoSelector,
// TestSyncEndpointsProtocolTCP, TestSyncEndpointsHeadlessServiceLabel, TestSyncEndpointsItemsWithLabels,
// TestPodToEndpointAddressForService: ready pods in addresses, unready ones in notReadyAddresses).
describe('the Endpoints controller (legacy v1 Endpoints, from the EndpointSlices)', () => {
  it('lists ready pods as addresses and unready ones as notReadyAddresses, sorted, with the ports', () => {
    const sim = cluster();
    sim.apply(service('web'));
    const b = runPod(sim, 'web-b', '10.244.1.20');
    const a = runPod(sim, 'web-a', '10.244.1.3');
    runPod(sim, 'web-c', '10.244.1.9', false);
    const ep = endpoints(sim) as Ep;
    expect(ep.metadata.labels).toEqual({ team: 'x' });
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.20',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: b.metadata.uid },
          },
          {
            ip: '10.244.1.3',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid },
          },
        ],
        notReadyAddresses: [expect.objectContaining({ ip: '10.244.1.9' })],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it("labels a headless Service's Endpoints, leaves a Service without selector alone, and follows deletion", () => {
    const sim = cluster();
    sim.apply(service('web', { clusterIP: 'None' }));
    sim.apply(service('manual', {}, true));
    runPod(sim, 'web-a', '10.244.1.3');
    expect(endpoints(sim)?.metadata.labels).toEqual({ team: 'x', 'service.kubernetes.io/headless': '' });
    expect(endpoints(sim, 'manual')).toBeUndefined();
    sim.delete('Service', 'default', 'web');
    sim.advance(1);
    expect(endpoints(sim)).toBeUndefined();
  });

  it('keeps an Endpoints object without subsets for a Service that selects no pod', () => {
    const sim = cluster();
    sim.apply(service('web'));
    sim.advance(1);
    const ep = endpoints(sim) as Ep;
    expect(ep.subsets).toBeUndefined();
    expect(ep.metadata.name).toBe('web');
  });
});
