import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject, Node, Pod } from '../api/types';
import { aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { failNode } from './faults';
import { computeZoneState } from './nodeLifecycle';

type N = Node & KubeObject;
type P = Pod & KubeObject;

function noExecute(sim: Simulation, name: string): boolean {
  return (sim.store.get<N>('Node', undefined, name)?.spec?.taints ?? []).some(
    (t) => t.effect === 'NoExecute',
  );
}

function firstSecond(sim: Simulation, until: number, cond: () => boolean): number | undefined {
  for (let t = Math.ceil(sim.now / 1000); t <= until; t++) {
    sim.step(t * 1000);
    if (cond()) return t;
  }
  return undefined;
}

// pkg/controller/nodelifecycle/node_lifecycle_controller.go ComputeZoneState.
describe('zone states', () => {
  const cases: Array<[string, number, number, string]> = [
    ['a zone with every node Ready is Normal', 3, 0, 'Normal'],
    ['a zone with no Ready node is in FullDisruption', 0, 2, 'FullDisruption'],
    ['two of three not Ready is still Normal (more than 2 are needed)', 1, 2, 'Normal'],
    ['three of four not Ready (75% >= 55%) is PartialDisruption', 1, 3, 'PartialDisruption'],
    ['three of ten not Ready (30%) is Normal', 7, 3, 'Normal'],
  ];
  for (const [name, ready, notReady, want] of cases)
    it(name, () => {
      expect(computeZoneState(ready, notReady)).toBe(want);
    });
});

describe('the node lifecycle controller', () => {
  it('a cluster whose only node dies enters master disruption mode: no NoExecute taint, no eviction', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'only' }));
    sim.apply(aPod({ name: 'p' }));
    sim.step(10_000);
    failNode(sim, 'only');
    sim.step(1_000_000);
    expect(
      sim.store.get<N>('Node', undefined, 'only')?.status?.conditions?.find((c) => c.type === 'Ready')
        ?.status,
    ).toBe('Unknown');
    expect(noExecute(sim, 'only')).toBe(false);
    expect(sim.store.get<P>('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('two nodes of a zone that die together are tainted 10 s apart (--node-eviction-rate 0.1)', () => {
    const sim = createCluster({ seed: 1 });
    for (let i = 1; i <= 6; i++) sim.apply(aNode({ name: `n${i}`, zone: 'a' }));
    sim.step(10_000);
    failNode(sim, 'n1');
    failNode(sim, 'n2');
    const first = firstSecond(sim, 200, () => noExecute(sim, 'n1') || noExecute(sim, 'n2'));
    const second = firstSecond(sim, 200, () => noExecute(sim, 'n1') && noExecute(sim, 'n2'));
    expect(second! - first!).toBe(10);
  });

  it('in a small cluster a partially disrupted zone gets no NoExecute taints (evictions stop)', () => {
    const sim = createCluster({ seed: 1 });
    for (let i = 1; i <= 4; i++) sim.apply(aNode({ name: `n${i}`, zone: 'a' }));
    sim.apply(aNode({ name: 'other', zone: 'b' }));
    sim.step(10_000);
    for (const n of ['n1', 'n2', 'n3']) failNode(sim, n);
    sim.step(200_000);
    const tainted = ['n1', 'n2', 'n3'].filter((n) => noExecute(sim, n));
    // n1 is tainted at once (zone Normal); n2 waits 10 s for the rate limiter, by which time 3 of 4 nodes of
    // zone a are not Ready: PartialDisruption, and in a cluster of at most 50 nodes the rate drops to 0.
    expect(tainted).toEqual(['n1']);
  });

  it('a cordoned node carries the unschedulable NoSchedule taint, and loses it when uncordoned', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n', unschedulable: true }));
    sim.step(1000);
    expect(sim.store.get<N>('Node', undefined, 'n')?.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]);
    sim.apply(aNode({ name: 'n' }));
    sim.step(2000);
    expect(sim.store.get<N>('Node', undefined, 'n')?.spec?.taints).toBeUndefined();
  });
});
