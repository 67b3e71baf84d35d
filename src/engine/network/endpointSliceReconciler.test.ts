import { describe, expect, it } from 'vitest';
import type { Endpoint, EndpointPort } from './endpoints';
import { reconcileSlices, type DesiredGroup, type Slice } from './endpointSliceReconciler';

const PORTS: EndpointPort[] = [{ name: '', port: 8080, protocol: 'TCP' }];

function ep(i: number): Endpoint {
  return {
    addresses: [`10.0.${Math.floor(i / 250)}.${i % 250}`],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'test', name: `pod${i}` },
  };
}

function slice(name: string, indexes: number[]): Slice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'test' },
    addressType: 'IPv4',
    ports: PORTS,
    endpoints: indexes.map(ep),
  };
}

function desired(indexes: number[]): Map<string, DesiredGroup> {
  const endpoints = new Map(indexes.map((i) => [`test/pod${i}`, ep(i)] as const));
  return new Map([[JSON.stringify(PORTS), { ports: PORTS, endpoints }]]);
}

const template = (ports: EndpointPort[], endpoints: Endpoint[]): Slice => ({
  ...slice('', []),
  ports,
  endpoints,
});
const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, k) => from + k * step);

// Cases of staging/src/k8s.io/endpointslice/reconciler_test.go.
describe('the EndpointSlice reconciler (reconciler_test.go)', () => {
  it('TestReconcileManyPods: 250 endpoints and no slice make three new slices of 100, 100 and 50', () => {
    const c = reconcileSlices(desired(range(0, 250)), [], template);
    expect(c.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(c.update).toEqual([]);
  });

  it('TestReconcileEndpointSlicesSomePreexisting: 127 to add next to slices of 62 and 61 make one new slice and fill the fuller one', () => {
    const s1 = slice('s1', range(1, 246, 4));
    const s2 = slice('s2', range(3, 246, 4));
    expect([s1.endpoints.length, s2.endpoints.length]).toEqual([62, 61]);
    const c = reconcileSlices(desired(range(0, 250)), [s1, s2], template);
    expect(c.create.map((s) => s.endpoints.length)).toEqual([100]);
    expect(c.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['s1', 89]]);
    expect(c.delete).toEqual([]);
  });

  it('slices that lose endpoints are updated and filled first (step 2 of reconcileByPortMapping)', () => {
    const s1 = slice('s1', range(0, 100));
    const s2 = slice('s2', range(100, 150));
    const want = [...range(0, 90), ...range(100, 150), ...range(200, 205)];
    const c = reconcileSlices(desired(want), [s1, s2], template);
    expect(c.create).toEqual([]);
    expect(c.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['s1', 95]]);
  });

  it('an endpoint whose conditions change is rewritten in place', () => {
    const s1 = slice('s1', [0, 1]);
    const d = desired([0, 1]);
    const group = [...d.values()][0] as DesiredGroup;
    group.endpoints.set('test/pod1', {
      ...ep(1),
      conditions: { ready: false, serving: false, terminating: false },
    });
    const c = reconcileSlices(d, [s1], template);
    expect(c.update[0]?.endpoints[1]?.conditions?.ready).toBe(false);
  });

  it('a slice left empty is deleted, and a Service left with no endpoint keeps one placeholder slice', () => {
    const c = reconcileSlices(desired([]), [slice('s1', [0]), slice('s2', [1])], template);
    expect(c.delete.map((s) => s.metadata.name)).toEqual(['s1', 's2']);
    expect(c.create).toHaveLength(1);
    expect(c.create[0]?.endpoints).toEqual([]);
    const placeholder = { ...slice('p', []), ports: [] };
    expect(reconcileSlices(desired([]), [placeholder], template)).toEqual({
      create: [],
      update: [],
      delete: [],
    });
  });
});
