import { performance } from 'node:perf_hooks';
import { createCluster, type KubeObject, type Simulation } from '../src/engine';
import { aNode } from '../src/engine/testing/builders';
import type { Benchmark, Figure } from './types';

/**
 * A whole cluster at scale through createCluster (every registered component: scheduler, workload
 * controllers, node IPAM and lifecycle, kubelets, networking, garbage collector; events recorded):
 * 5,000 nodes and 150,000 pods applied as bare Pods (100 per app label), placed by the scheduler and run
 * by the kubelets. "load" is the wall time from the first apply until every pod is Running (the
 * simulated time that took is reported too); then the wall cost of one simulated second of that settled
 * cluster, and of one second in which a 100-replica Deployment is applied.
 *
 * The same made by Deployments (1,500 of 100 replicas) runs at a tenth of the size: there the scheduler's
 * default topology spreading selects by the ReplicaSet's two-label selector, which PodTopologySpread
 * counts by scanning each scored node's pods (constraints.ts countMatching), so the cost per pod grows
 * with pods per node (15,000 pods: 22 s CPU; 30,000: 51 s; 150,000 was stopped unfinished after 6 CPU-minutes).
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

/** A bare pod of one of the apps (100 pods per app label), for the scheduler and kubelets to place and run. */
function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${Math.floor(i / REPLICAS)}` } },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'registry.k8s.io/pause:3.10',
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
    },
  } as KubeObject;
}

/** How the pods are made: by Deployments (controllers, owner-based default spreading) or applied bare. */
export type PodSource = 'deployments' | 'pods';

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
  source: PodSource = 'deployments',
): Simulation {
  const sim = createCluster({ seed: 1 });
  const t0 = performance.now();
  for (let i = 0; i < nodes; i++)
    sim.apply(aNode({ name: `node-${i}`, cpu: '32', memory: '128Gi', pods: '110' }));
  if (source === 'deployments') for (let i = 0; i < pods / REPLICAS; i++) sim.apply(deployment(i));
  else for (let i = 0; i < pods; i++) sim.apply(pod(i));
  const tApplied = performance.now();
  let simSeconds = 0;
  while (runningPods(sim) < pods) {
    if (++simSeconds > 600) throw new Error(`only ${runningPods(sim)} of ${pods} pods Running after 600 s`);
    sim.advance(1000);
    progress?.(`${simSeconds} s simulated: ${runningPods(sim)} of ${pods} pods Running`);
  }
  const size = `${nodes}_nodes_${pods}_${source === 'deployments' ? 'pods_by_deployments' : 'bare_pods'}`;
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
  source: PodSource = 'deployments',
): void {
  const tag = `cluster.${nodes}_nodes_${pods}_${source === 'pods' ? 'bare_pods' : 'pods_by_deployments'}`;
  const heap0 = process.memoryUsage().heapUsed;
  const sim = load(nodes, pods, report, progress, source);
  const heapPerPod = Math.round((process.memoryUsage().heapUsed - heap0) / pods);
  // Only meaningful when no earlier cluster was collected meanwhile.
  if (heapPerPod > 0)
    report({
      name: `${tag}.heap_bytes_per_pod`,
      value: heapPerPod,
      unit: 'B',
    });
  sim.advance(30_000);
  const t1 = performance.now();
  sim.advance(1000);
  report({
    name: `${tag}.one_simulated_second_settled_wall_ms`,
    value: Number((performance.now() - t1).toFixed(2)),
    unit: 'ms',
  });
  sim.apply(deployment(0, 'registry.k8s.io/pause:3.9'));
  const t2 = performance.now();
  sim.advance(1000);
  report({
    name: `${tag}.one_simulated_second_applying_a_100_replica_deployment_wall_ms`,
    value: Number((performance.now() - t2).toFixed(2)),
    unit: 'ms',
  });
}

export const clusterBenchmark: Benchmark = {
  name: 'cluster',
  async run({ quick }, report) {
    if (quick) {
      measureCluster(100, 3000, report, undefined, 'pods');
      measureCluster(100, 3000, report);
      return;
    }
    measureCluster(5000, 150_000, report, undefined, 'pods');
    // By Deployments at a tenth of the size: the scheduler's default topology spreading (owner
    // selectors) makes the full size take far longer (see the file comment).
    measureCluster(5000, 15_000, report);
  },
};
