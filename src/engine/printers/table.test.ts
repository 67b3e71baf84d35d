import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/time';
import type { KubeObject } from '../api/types';
import { printTable } from './table';

const NOW = 3_600_000;
const made = timestamp(NOW - 190_000);

const cases: Array<[string, KubeObject[], { wide?: boolean; allNamespaces?: boolean }, string]> = [
  [
    'prints Endpoints as ip:port, up to three then "+ N more..." (printEndpoints, formatEndpoints)',
    [
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'web', creationTimestamp: made },
        subsets: [
          {
            addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }],
            ports: [
              { name: 'http', port: 8080 },
              { name: 'metrics', port: 9090 },
            ],
          },
        ],
      },
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'headless', creationTimestamp: made },
        subsets: [{ addresses: [{ ip: '10.244.3.4' }] }],
      },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'empty', creationTimestamp: made } },
    ] as KubeObject[],
    {},
    'NAME       ENDPOINTS                                                     AGE\nweb        10.244.1.2:8080,10.244.2.2:8080,10.244.1.2:9090 + 1 more...   3m10s\nheadless   10.244.3.4                                                    3m10s\nempty      <none>                                                        3m10s',
  ],
  [
    'prints services with their cluster IP, ports and NodePorts (printService)',
    [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', creationTimestamp: made },
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.0.10',
          clusterIPs: ['10.96.0.10'],
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 443, protocol: 'TCP' },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb', creationTimestamp: made },
        spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.11'], ports: [{ port: 80 }] },
      },
    ] as KubeObject[],
    {},
    'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                AGE\nweb    NodePort       10.96.0.10   <none>        80:30080/TCP,443/TCP   3m10s\nlb     LoadBalancer   10.96.0.11   <pending>     80/TCP                 3m10s',
  ],
  [
    'prints a cordoned control-plane node with -o wide (printNode)',
    [
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: 'cp',
          creationTimestamp: made,
          labels: { 'node-role.kubernetes.io/control-plane': '' },
        },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'False' }],
          addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
          nodeInfo: { kubeletVersion: 'v1.33.0' },
        },
      },
    ] as KubeObject[],
    { wide: true },
    'NAME   STATUS                        ROLES           AGE     VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME\ncp     NotReady,SchedulingDisabled   control-plane   3m10s   v1.33.0   10.0.0.1      <none>        <unknown>   <unknown>        <unknown>',
  ],
  [
    'prints events with LAST SEEN and a NAMESPACE column for -A (printEvent)',
    [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web-1.1', namespace: 'default' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container web in pod web-1_default(uid)',
        involvedObject: { kind: 'Pod', name: 'web-1' },
        firstTimestamp: made,
        lastTimestamp: timestamp(NOW - 5000),
        count: 7,
      },
    ] as KubeObject[],
    { allNamespaces: true },
    'NAMESPACE   LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\ndefault     5s          Warning   BackOff   pod/web-1   Back-off restarting failed container web in pod web-1_default(uid)',
  ],
  [
    'prints a job that has completed (printJob)',
    [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi', creationTimestamp: made },
        spec: { completions: 1 },
        status: {
          succeeded: 1,
          startTime: made,
          completionTime: timestamp(NOW - 150_000),
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
    ] as KubeObject[],
    {},
    'NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           40s        3m10s',
  ],
];

describe('printTable', () => {
  it.each(cases)('%s', (_name, objects, options, want) => {
    expect(printTable(objects[0]?.kind ?? '', objects, { nowMs: NOW, ...options })).toBe(want);
  });
});
