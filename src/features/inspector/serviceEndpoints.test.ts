import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KubeObject } from '../../engine';
import { endpointRows, endpointsSummary } from './serviceEndpoints';

const slice: EndpointSlice & KubeObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'default' },
  addressType: 'IPv4',
  ports: [{ port: 8080 }],
  endpoints: [
    {
      addresses: ['10.244.2.3'],
      conditions: { ready: false, serving: true, terminating: true },
      targetRef: { kind: 'Pod', name: 'web-b' },
    },
    { addresses: ['10.244.1.2'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'web-a' } },
    { addresses: ['10.244.3.4'], targetRef: { kind: 'Pod', name: 'web-c' } },
  ],
};

describe('service endpoints', () => {
  it('lists every endpoint by pod with its conditions, unset ready counting as ready', () => {
    expect(endpointRows([slice])).toEqual([
      { pod: 'web-a', address: '10.244.1.2', ready: true, serving: true, terminating: false },
      { pod: 'web-b', address: '10.244.2.3', ready: false, serving: true, terminating: true },
      { pod: 'web-c', address: '10.244.3.4', ready: true, serving: true, terminating: false },
    ]);
  });

  it.each<[string, number, string]>([
    ['Ready addresses with the port', 3, '10.244.1.2:8080,10.244.3.4:8080'],
    ['More than the limit are counted', 1, '10.244.1.2:8080 + 1 more...'],
  ])('%s', (_name, max, want) => {
    expect(endpointsSummary(endpointRows([slice]), 8080, max)).toBe(want);
  });

  it('says <none> when no endpoint is ready', () => {
    expect(endpointsSummary([], 80)).toBe('<none>');
  });
});
