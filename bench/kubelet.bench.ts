import { performance } from 'node:perf_hooks';
import { createCluster, type KubeObject, type Pod } from '../src/engine';
import { aDeployment, aNode } from '../src/engine/testing/builders';
import type { Benchmark } from './types';

/**
 * The kubelets: 1,000 running pods on 50 nodes, each with a readiness and a liveness httpGet probe every
 * 10 s, run for one simulated minute with the whole cluster (scheduler, controllers, node lifecycle,
 * kubelets); wall milliseconds for that minute, after every pod is Running and Ready.
 */
function probedMinute(pods: number, nodes: number): number {
  const sim = createCluster({ seed: 1 });
  for (let i = 0; i < nodes; i++) sim.apply(aNode({ name: `node-${i}`, cpu: '64', memory: '256Gi' }));
  const d = aDeployment({ replicas: pods, cpu: '10m' });
  const probe = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 10 };
  const c = d.spec!.template.spec!.containers[0]!;
  c.readinessProbe = probe;
  c.livenessProbe = probe;
  sim.apply(d);
  sim.advance(60_000);
  const ready = sim.store
    .list<Pod & KubeObject>('Pod')
    .filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length;
  if (ready !== pods) throw new Error(`only ${ready} of ${pods} pods are Ready`);
  const start = performance.now();
  sim.advance(60_000);
  return performance.now() - start;
}

export const kubeletBenchmark: Benchmark = {
  name: 'kubelet',
  async run({ quick }, report) {
    const ms = quick ? probedMinute(100, 10) : probedMinute(1000, 50);
    report({ name: 'kubelet.probed_minute_1000_pods_50_nodes_wall_ms', value: Math.round(ms), unit: 'ms' });
  },
};
