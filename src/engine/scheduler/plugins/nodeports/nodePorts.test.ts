import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../../api/types';
import { runFilterPlugin, snapshotOf } from '../../framework/pluginHarness';
import { nodePorts } from './nodePorts';

let seq = 0;
function pod(ports: string[], nodeName?: string): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${seq++}`, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'c',
          ports: ports.map((p) => {
            const [protocol, hostIP, port] = p.split('/') as [string, string, string];
            return { containerPort: 80, protocol, hostIP, hostPort: Number(port) };
          }),
        },
      ],
      ...(nodeName ? { nodeName } : {}),
    },
  };
}
const node: Node & KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node1' } };

// Upstream: pkg/scheduler/framework/plugins/nodeports/node_ports_test.go, TestNodePorts.
const table: Array<[string, string[], string[], boolean]> = [
  ['nothing running', ['UDP/127.0.0.1/8080'], [], true],
  ['other port', ['UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/9090'], true],
  ['same udp port', ['UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/8080'], false],
  ['same tcp port', ['TCP/127.0.0.1/8080'], ['TCP/127.0.0.1/8080'], false],
  ['different host ip', ['TCP/127.0.0.1/8080'], ['TCP/127.0.0.2/8080'], true],
  ['different protocol', ['UDP/127.0.0.1/8080'], ['TCP/127.0.0.1/8080'], true],
  ['second udp port conflict', ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/8080'], false],
  [
    'first tcp port conflict',
    ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'],
    ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'],
    false,
  ],
  ['first tcp port conflict due to 0.0.0.0 hostIP', ['TCP/0.0.0.0/8001'], ['TCP/127.0.0.1/8001'], false],
  [
    'TCP hostPort conflict due to 0.0.0.0 hostIP',
    ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'],
    ['TCP/127.0.0.1/8001'],
    false,
  ],
  ['second tcp port conflict to 0.0.0.0 hostIP', ['TCP/127.0.0.1/8001'], ['TCP/0.0.0.0/8001'], false],
  ['second different protocol', ['UDP/127.0.0.1/8001'], ['TCP/0.0.0.0/8001'], true],
  [
    'UDP hostPort conflict due to 0.0.0.0 hostIP',
    ['UDP/127.0.0.1/8001'],
    ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'],
    false,
  ],
];

describe('NodePorts (TestNodePorts)', () => {
  it.each(table)('%s', (_name, wanted, used, fits) => {
    const s = runFilterPlugin(nodePorts(), pod(wanted), snapshotOf([node], [pod(used, 'node1')])).get(
      'node1',
    );
    if (fits) expect(s?.code).toBe('Success');
    else
      expect(s).toEqual({
        code: 'Unschedulable',
        reasons: ["node(s) didn't have free ports for the requested pod ports"],
      });
  });
});
