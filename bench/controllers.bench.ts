import { performance } from 'node:perf_hooks';
import { defaultControllers, Simulation, TestKubelet, type Deployment, type KubeObject } from '../src/engine';
import { aDeployment, aNode } from '../src/engine/testing/builders';
import type { Benchmark } from './types';

/**
 * The workload controllers: a rolling update (image change, default 25%/25%) of a 1,000-replica
 * Deployment across 200 nodes, headless, from the new template until the Deployment reports every
 * replica updated and available, with createCluster's components: the real scheduler and the real kubelet
 * (the test kubelet of src/engine/controllers/testing, Ready 2 s after binding and gone 1 s after
 * deletion, stands in only when no kubelet is registered; running both would run every pod twice).
 */
function rollout(replicas: number, nodes: number): number {
  const base = defaultControllers();
  const kubelet = base.some((c) => c.name === 'kubelet');
  const sim = new Simulation({
    controllers: kubelet ? base : [...base, new TestKubelet({ readyAfterMs: 2000, terminateAfterMs: 1000 })],
  });
  for (let i = 0; i < nodes; i++)
    sim.apply(aNode({ name: `node-${i}`, cpu: '64', memory: '256Gi', pods: '110' }));
  sim.apply(aDeployment({ replicas, cpu: '10m' }));
  sim.advance(60_000);
  if (
    sim.store.get<Deployment & KubeObject>('Deployment', 'default', 'web')?.status?.availableReplicas !==
    replicas
  )
    throw new Error('the Deployment did not become available');
  const start = performance.now();
  sim.apply(aDeployment({ replicas, cpu: '10m', image: 'web:2.0' }));
  for (let i = 0; ; i++) {
    if (i === 10_000) throw new Error('the rollout did not complete in 10,000 simulated seconds');
    sim.advance(1000);
    const d = sim.store.get<Deployment & KubeObject>('Deployment', 'default', 'web');
    const s = d?.status;
    if (s?.updatedReplicas === replicas && s.availableReplicas === replicas && s.replicas === replicas) break;
  }
  return performance.now() - start;
}

export const controllersBenchmark: Benchmark = {
  name: 'controllers',
  async run({ quick }, report) {
    const ms = quick ? rollout(100, 20) : rollout(1000, 200);
    // Real scheduler and kubelet (see the comment above).
    report({
      name: 'controllers.rollout_1000_replicas_200_nodes_wall_ms',
      value: Math.round(ms),
      unit: 'ms',
    });
  },
};
