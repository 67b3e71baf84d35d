import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject, Node, Pod } from '../api/types';
import { aDeployment, aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { failNode, recoverNode } from './faults';

type P = Pod & KubeObject;
type N = Node & KubeObject;

function readyOf(sim: Simulation, name: string): string | undefined {
  return sim.store.get<N>('Node', undefined, name)?.status?.conditions?.find((c) => c.type === 'Ready')
    ?.status;
}

function firstSecond(sim: Simulation, until: number, cond: () => boolean): number | undefined {
  for (let t = Math.ceil(sim.now / 1000); t <= until; t++) {
    sim.step(t * 1000);
    if (cond()) return t;
  }
  return undefined;
}

function webPods(sim: Simulation): P[] {
  return sim.store.list<P>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web');
}

describe('story 17: a node dies', () => {
  it('is Unknown 50 s after its last Lease renewal, tainted, and its pods are evicted 300 s later and replaced', () => {
    const sim = createCluster({ seed: 1, debug: true });
    for (let i = 1; i <= 3; i++) sim.apply(aNode({ name: `node-${i}` }));
    sim.apply(aDeployment({ replicas: 3, cpu: '250m' }));
    sim.step(65_000);
    const victim = webPods(sim).find((p) => p.spec?.nodeName === 'node-2')!;
    expect(victim.spec?.tolerations).toContainEqual({
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    });
    failNode(sim, 'node-2');
    // Last renewal at 60 s; grace 50 s ends at 110 s; the next monitor tick (every 5 s) is 115 s.
    expect(firstSecond(sim, 200, () => readyOf(sim, 'node-2') === 'Unknown')).toBe(115);
    const node = sim.store.get<N>('Node', undefined, 'node-2')!;
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const p = sim.store.get<P>('Pod', 'default', victim.metadata.name)!;
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    const evictedAt = firstSecond(
      sim,
      600,
      () =>
        sim.store.get<P>('Pod', 'default', victim.metadata.name)?.metadata.deletionTimestamp !== undefined,
    );
    expect(evictedAt).toBe(415);
    sim.step(430_000);
    const live = webPods(sim).filter((x) => !x.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((x) => x.spec?.nodeName !== 'node-2')).toBe(true);
    expect(live.every((x) => x.status?.phase === 'Running')).toBe(true);
    // The evicted pod stays Terminating: its kubelet is down and cannot confirm.
    expect(sim.store.get('Pod', 'default', victim.metadata.name)).toBeDefined();
  });

  it('a node that comes back is Ready again, untainted, and finishes deleting its evicted pods', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.apply(aNode({ name: 'node-2' }));
    sim.apply(aPod({ name: 'solo', nodeName: 'node-2' }));
    sim.step(10_000);
    failNode(sim, 'node-2');
    sim.step(500_000);
    expect(sim.store.get<P>('Pod', 'default', 'solo')?.metadata.deletionTimestamp).toBeDefined();
    recoverNode(sim, 'node-2');
    sim.step(505_000);
    expect(readyOf(sim, 'node-2')).toBe('True');
    expect(sim.store.get<N>('Node', undefined, 'node-2')?.spec?.taints).toBeUndefined();
    expect(sim.store.get('Pod', 'default', 'solo')).toBeUndefined();
  });

  it('a pod that tolerates unreachable forever stays; one that does not tolerate it at all goes at once', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n' }));
    const forever = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }];
    sim.apply(aPod({ name: 'stays', nodeName: 'n', tolerations: forever }));
    sim.step(10_000);
    failNode(sim, 'n');
    sim.step(1_000_000);
    expect(sim.store.get<P>('Pod', 'default', 'stays')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('a pod restarted after the node comes back keeps its IP and counts the reboot as a restart', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n' }));
    sim.apply(aPod({ name: 'p', nodeName: 'n' }));
    sim.step(10_000);
    const ip = sim.store.get<P>('Pod', 'default', 'p')?.status?.podIP;
    failNode(sim, 'n');
    sim.step(60_000);
    recoverNode(sim, 'n');
    sim.step(70_000);
    const p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.podIP).toBe(ip);
    expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(p.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({
      exitCode: 255,
      reason: 'Unknown',
    });
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
