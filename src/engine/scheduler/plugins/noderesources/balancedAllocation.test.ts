import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../../api/types';
import { runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { nodeResourcesBalancedAllocation } from './balancedAllocation';

function node(name: string, cpu: string, memory: string): Node & KubeObject {
  const r = { cpu, memory };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity: r, allocatable: r } };
}
let seq = 0;
function pod(reqs: Array<Record<string, string>>, nodeName?: string): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${seq++}`, namespace: 'default' },
    spec: {
      containers: reqs.map((r, i) => ({ name: `c${i}`, resources: { requests: r } })),
      ...(nodeName ? { nodeName } : {}),
    },
  };
}

// Upstream: pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go,
// TestNodeResourcesBalancedAllocation ("nothing scheduled, resources requested, differently sized nodes":
// cpu 3000/4000 and memory 5000/10000 give std 0.125 and 87; on node2 cpu 3000/6000, memory 5000/10000: 100).
describe('NodeResourcesBalancedAllocation (TestNodeResourcesBalancedAllocation)', () => {
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    const p = pod([
      { cpu: '1000m', memory: '2000' },
      { cpu: '2000m', memory: '3000' },
    ]);
    const { scores } = runScorePlugin(
      nodeResourcesBalancedAllocation(),
      p,
      snapshotOf([node('node1', '4', '10000'), node('node2', '6', '10000')]),
    );
    expect(scores).toEqual([87, 100]);
  });

  it('is skipped for a best-effort pod (upstream issue 129138)', () => {
    expect(
      runScorePlugin(nodeResourcesBalancedAllocation(), pod([{}]), snapshotOf([node('node1', '4', '10000')]))
        .skipped,
    ).toBe(true);
  });
});
