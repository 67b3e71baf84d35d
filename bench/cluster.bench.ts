import { performance } from 'node:perf_hooks';
import { createCluster, type KubeObject, type Simulation } from '../src/engine';
import { aNode } from '../src/engine/testing/builders';
import type { Benchmark, Figure } from './types';

/**
 * A whole cluster at scale through createCluster (every registered component: scheduler, workload
 * controllers, node IPAM, kubelets, networking, garbage collector; events recorded): 5,000 nodes and
 * 150,000 pods, made as 1,500 Deployments of 100 replicas each, as a user would apply them. "load" is the
 * wall time from the first apply until every pod is Running (the simulated time that took is reported
 * too); then the wall cost of one simulated second of that settled cluster, and of one second in which
 * one Deployment of 100 replicas rolls a new image.
 */

const REPLICAS = 100;

function deployment(i: number, image = 'registry.k8s.io/pause:3.10'): KubeObject {
  const labels = { app: `app-${i}` };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'default' },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'c', image, resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        },
      },
    },
  } as KubeObject;
}

function runningPods(sim: Simulation): number {
  let n = 0;
  for (const p of sim.store.each('Pod'))
    if ((p.status as { phase?: string } | undefined)?.phase === 'Running') n++;
  return n;
}

function load(
  nodes: number,
  pods: number,
  report: (f: Figure) => void,
  progress?: (line: string) => void,
): Simulation {
  const sim = createCluster({ seed: 1 });
  const t0 = performance.now();
  for (let i = 0; i < nodes; i++)
    sim.apply(aNode({ name: `node-${i}`, cpu: '32', memory: '128Gi', pods: '110' }));
  for (let i = 0; i < pods / REPLICAS; i++) sim.apply(deployment(i));
  const tApplied = performance.now();
  let simSeconds = 0;
  while (runningPods(sim) < pods) {
    if (++simSeconds > 600) throw new Error(`only ${runningPods(sim)} of ${pods} pods Running after 600 s`);
    sim.advance(1000);
    progress?.(`${simSeconds} s simulated: ${runningPods(sim)} of ${pods} pods Running`);
  }
  const size = `${nodes}_nodes_${pods}_pods`;
  report({ name: `cluster.apply_${size}_wall_ms`, value: Math.round(tApplied - t0), unit: 'ms' });
  report({
    name: `cluster.load_${size}_until_running_wall_ms`,
    value: Math.round(performance.now() - t0),
    unit: 'ms',
  });
  report({ name: `cluster.load_${size}_simulated_s`, value: simSeconds, unit: 's' });
  return sim;
}

/** Loads a cluster of the given size and reports its figures (the benchmark's body, any size). */
export function measureCluster(
  nodes: number,
  pods: number,
  report: (f: Figure) => void,
  progress?: (line: string) => void,
): void {
  const heap0 = process.memoryUsage().heapUsed;
  const sim = load(nodes, pods, report, progress);
  report({
    name: 'cluster.heap_bytes_per_pod',
    value: Math.round((process.memoryUsage().heapUsed - heap0) / pods),
    unit: 'B',
  });
  sim.advance(30_000);
  const t1 = performance.now();
  sim.advance(1000);
  report({
    name: 'cluster.one_simulated_second_settled_wall_ms',
    value: Number((performance.now() - t1).toFixed(2)),
    unit: 'ms',
  });
  sim.apply(deployment(0, 'registry.k8s.io/pause:3.9'));
  const t2 = performance.now();
  sim.advance(1000);
  report({
    name: 'cluster.one_simulated_second_with_a_rollout_wall_ms',
    value: Number((performance.now() - t2).toFixed(2)),
    unit: 'ms',
  });
}

export const clusterBenchmark: Benchmark = {
  name: 'cluster',
  async run({ quick }, report) {
    if (quick) measureCluster(100, 3000, report);
    else measureCluster(5000, 150_000, report);
  },
};
