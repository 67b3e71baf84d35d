import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import { endpointPorts, podToEndpoint } from './endpoints';

type P = Pod & KubeObject;
type Svc = Service & KubeObject;

const ns = 'test';
const svc: Svc = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'foo', namespace: ns },
  spec: { selector: { foo: 'bar' } },
};
const svcPublishNotReady: Svc = {
  ...svc,
  metadata: { name: 'publishnotready', namespace: ns },
  spec: { ...svc.spec, publishNotReadyAddresses: true },
};

function newPod(o: {
  ready: boolean;
  terminating?: boolean;
  podIPs?: string[];
  hostname?: string;
  subdomain?: string;
}): P {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'pod1',
      namespace: ns,
      uid: 'uid-1',
      ...(o.terminating ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: 'node-1',
      containers: [],
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: 'Running',
      podIP: '1.2.3.5',
      ...(o.podIPs ? { podIPs: o.podIPs.map((ip) => ({ ip })) } : {}),
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
    },
  };
}

const node1: Node = {
  metadata: {
    name: 'node-1',
    labels: {
      'topology.kubernetes.io/zone': 'us-central1-a',
      'topology.kubernetes.io/region': 'us-central1',
    },
  },
};
const targetRef = { kind: 'Pod', namespace: ns, name: 'pod1', uid: 'uid-1' };
const c = (ready: boolean, serving: boolean, terminating: boolean) => ({ ready, serving, terminating });

// The cases of TestPodToEndpoint, staging/src/k8s.io/endpointslice/utils_test.go.
describe('podToEndpoint (TestPodToEndpoint)', () => {
  it.each([
    [
      'Ready pod',
      newPod({ ready: true }),
      undefined,
      svc,
      { addresses: ['1.2.3.5'], conditions: c(true, true, false) },
    ],
    [
      'Ready pod + publishNotReadyAddresses',
      newPod({ ready: true }),
      undefined,
      svcPublishNotReady,
      { addresses: ['1.2.3.5'], conditions: c(true, true, false) },
    ],
    [
      'Unready pod',
      newPod({ ready: false }),
      undefined,
      svc,
      { addresses: ['1.2.3.5'], conditions: c(false, false, false) },
    ],
    [
      'Unready pod + publishNotReadyAddresses',
      newPod({ ready: false }),
      undefined,
      svcPublishNotReady,
      { addresses: ['1.2.3.5'], conditions: c(true, false, false) },
    ],
    [
      'Ready pod + node labels',
      newPod({ ready: true }),
      node1,
      svc,
      { addresses: ['1.2.3.5'], conditions: c(true, true, false), zone: 'us-central1-a' },
    ],
    [
      'Multi IP Ready pod + node labels',
      newPod({ ready: true, podIPs: ['1.2.3.4', '1234::5678:0000:0000:9abc:def0'] }),
      node1,
      svc,
      { addresses: ['1.2.3.4'], conditions: c(true, true, false), zone: 'us-central1-a' },
    ],
    [
      'Ready pod + hostname',
      newPod({ ready: true, hostname: 'example-hostname', subdomain: 'foo' }),
      node1,
      svc,
      {
        addresses: ['1.2.3.5'],
        conditions: c(true, true, false),
        hostname: 'example-hostname',
        zone: 'us-central1-a',
      },
    ],
    [
      'Ready terminating pod',
      newPod({ ready: true, terminating: true }),
      undefined,
      svc,
      { addresses: ['1.2.3.5'], conditions: c(false, true, true) },
    ],
    [
      'Not ready terminating pod',
      newPod({ ready: false, terminating: true }),
      undefined,
      svc,
      { addresses: ['1.2.3.5'], conditions: c(false, false, true) },
    ],
  ])('%s', (_name, pod, node, service, want) => {
    expect(podToEndpoint(pod, service, node)).toEqual({ ...want, nodeName: 'node-1', targetRef });
  });
});

// The cases of TestGetEndpointPorts, same file.
describe('endpoint ports (TestGetEndpointPorts)', () => {
  it('service with AppProtocol on one port', () => {
    const s: Svc = {
      ...svc,
      spec: {
        ports: [
          {
            name: 'http',
            port: 80,
            targetPort: 80,
            protocol: 'TCP',
            appProtocol: 'example.com/custom-protocol',
          },
        ],
      },
    };
    expect(endpointPorts(s, { spec: { containers: [{ name: 'c', ports: [] }] } })).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', appProtocol: 'example.com/custom-protocol' },
    ]);
  });

  it('service with named port and AppProtocol on one port', () => {
    const s: Svc = {
      ...svc,
      spec: {
        ports: [
          { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
      },
    };
    const pod: Pod = {
      spec: { containers: [{ name: 'c', ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] }] },
    };
    expect(endpointPorts(s, pod)).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
    ]);
  });
});
