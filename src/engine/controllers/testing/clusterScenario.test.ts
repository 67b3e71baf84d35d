import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod } from '../../api/types';
import { createCluster } from '../../cluster';
import { aDeployment, aNode } from '../../testing/builders';

type D = Deployment & KubeObject;

// The cluster's own components: the real scheduler, every workload controller and the real kubelets.
describe('workload controllers inside the cluster', () => {
  it('a 20-replica Deployment placed by the real scheduler rolls out a new image and ends with every pod updated', () => {
    const sim = createCluster({ seed: 1 });
    for (let i = 0; i < 4; i++) sim.apply(aNode({ name: `node-${i}` }));
    sim.apply(aDeployment({ replicas: 20, cpu: '100m' }));
    sim.advance(30_000);
    sim.apply(aDeployment({ replicas: 20, cpu: '100m', image: 'web:2.0' }));
    let minAvailable = Infinity;
    for (let i = 0; i < 60; i++) {
      sim.advance(1000);
      minAvailable = Math.min(
        minAvailable,
        sim.store.get<D>('Deployment', 'default', 'web')?.status?.availableReplicas ?? 0,
      );
    }
    const d = sim.store.get<D>('Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({
      replicas: 20,
      updatedReplicas: 20,
      availableReplicas: 20,
      observedGeneration: 2,
    });
    // Default 25 % maxUnavailable of 20 is 5.
    expect(minAvailable).toBeGreaterThanOrEqual(15);
    const pods = sim.store.list<Pod & KubeObject>('Pod', 'default');
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(4);
  });
});
