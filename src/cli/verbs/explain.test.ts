import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIo } from '../io';

const FILE = `
apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: node-b, labels: {kubernetes.io/hostname: node-b}}
spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1}
spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: "3"}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-2}
spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: "3"}}}]}
`;

function io(): CliIo & { text: string } {
  const o = {
    text: '',
    out: (t: string) => {
      o.text += t;
    },
    err: (t: string) => {
      o.text += t;
    },
    readFile: () => Promise.resolve(FILE),
  };
  return o;
}

describe('kubecanvas explain', () => {
  it('explains each unbound pod in order, binding each before the next, as JSON', async () => {
    const out = io();
    expect(await main(['explain', 'cluster.yaml', '--output', 'json'], out)).toBe(0);
    const { pods } = JSON.parse(out.text) as {
      pods: Array<{ pod: string; selected: string | null; message: string; nodes: unknown[] }>;
    };
    expect(pods.map((p) => [p.pod, p.selected])).toEqual([
      ['default/web-1', 'node-a'],
      ['default/web-2', null],
    ]);
    expect(pods[1]?.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling..',
    );
    expect(pods[1]?.nodes[1]).toEqual({
      node: 'node-b',
      filter: {
        status: 'UnschedulableAndUnresolvable',
        reason: 'node(s) had untolerated taint {dedicated: gpu}',
        plugin: 'TaintToleration',
      },
    });
  });

  it('prints a table for people', async () => {
    const out = io();
    expect(await main(['explain', 'cluster.yaml'], out)).toBe(0);
    expect(out.text).toContain('default/web-1: scheduled to node-a');
    expect(out.text).toContain(
      'node-b  UnschedulableAndUnresolvable (TaintToleration: node(s) had untolerated taint {dedicated: gpu})',
    );
  });
});
