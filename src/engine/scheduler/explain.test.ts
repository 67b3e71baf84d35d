import { describe, expect, it } from 'vitest';
import { Prng } from '../../lib';
import { aNode, aPod } from '../testing/builders';
import { explainPod } from './explain';
import { snapshotOf } from './framework/pluginHarness';
import { numFeasibleNodesToFind } from './framework/runtime';
import { parseSchedulerConfiguration } from './profile';

describe('explainPod', () => {
  it('reports every node: the rejecting plugin and reason, or the normalized scores and weighted total', () => {
    const snapshot = snapshotOf([
      aNode({ name: 'node-a', cpu: '4', memory: '8Gi' }),
      aNode({ name: 'node-b', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    ]);
    const e = explainPod(snapshot, aPod({ name: 'web-1', cpu: '1', memory: '1Gi' }));
    expect(e.pod).toBe('default/web-1');
    expect(e.selected).toBe('node-a');
    expect(e.message).toBe('');
    expect(e.nodes[1]).toEqual({
      node: 'node-b',
      filter: {
        status: 'UnschedulableAndUnresolvable',
        plugin: 'TaintToleration',
        reason: 'node(s) had untolerated taint {dedicated: gpu}',
      },
    });
    const a = e.nodes[0];
    expect(a?.filter).toEqual({ status: 'Success' });
    // cpu (4000−1000)/4000 → 75, memory (8−1)/8 → 87: ⌊162/2⌋ = 81; balance |0.25−0.125|/2 → 93.
    expect(a?.scores).toEqual({
      TaintToleration: 100,
      NodeResourcesFit: 81,
      NodeResourcesBalancedAllocation: 93,
      ImageLocality: 0,
    });
    expect(a?.total).toBe(3 * 100 + 81 + 93 + 0);
  });

  it('gives the FailedScheduling message when nothing fits', () => {
    const snapshot = snapshotOf([aNode({ name: 'node-a', cpu: '1' })]);
    const e = explainPod(snapshot, aPod({ name: 'big', cpu: '2' }));
    expect(e.selected).toBeNull();
    expect(e.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    );
  });

  it('uses a KubeSchedulerConfiguration profile: weights and a disabled plugin', () => {
    const profile = parseSchedulerConfiguration({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [
        {
          schedulerName: 'default-scheduler',
          plugins: {
            score: {
              disabled: [{ name: 'ImageLocality' }],
              enabled: [{ name: 'NodeResourcesFit', weight: 5 }],
            },
          },
          pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
        },
      ],
    }).get('default-scheduler');
    const snapshot = snapshotOf([
      aNode({ name: 'node-a', cpu: '4', memory: '8Gi' }),
      aNode({ name: 'node-b', cpu: '4', memory: '8Gi' }),
    ]);
    const e = explainPod(snapshot, aPod({ cpu: '1', memory: '1Gi' }), profile, new Prng(1));
    expect(e.nodes[0]?.scores).toEqual({
      TaintToleration: 100,
      NodeResourcesFit: 18,
      NodeResourcesBalancedAllocation: 93,
    });
    expect(e.nodes[0]?.total).toBe(300 + 5 * 18 + 93);
  });
});

// numFeasibleNodesToFind, with the examples of the adaptive percentage (pkg/scheduler/schedule_one.go).
describe('numFeasibleNodesToFind', () => {
  it.each([
    [50, 50],
    [100, 100],
    [500, 230],
    [1000, 420],
    [5000, 500],
    [6000, 300],
  ])('examines %i nodes → %i', (n, want) => {
    expect(numFeasibleNodesToFind(n, 0)).toBe(want);
  });
});
