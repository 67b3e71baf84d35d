import { performance } from 'node:perf_hooks';
import { setTraffic, trafficMetrics, type Simulation } from '../src/engine';
import { anApp, aServiceFor, networkCluster } from '../src/engine/network/testing/apps';
import { aNode } from '../src/engine/testing/builders';
import type { Benchmark } from './types';

/**
 * The traffic model: 10,000 requests per simulated second from outside through a LoadBalancer Service
 * to a 1,000-replica Deployment on 50 nodes, with every cluster component running (createCluster's
 * scheduler, controllers, kubelet and networking). Reports the
 * wall time of one simulated second with traffic, the same without traffic (the rest of the cluster),
 * and how many times faster than real time the cluster runs with the traffic.
 */
function cluster(replicas: number, nodes: number): Simulation {
  const sim = networkCluster(1, 0);
  for (let i = 0; i < nodes; i++)
    sim.apply(aNode({ name: `node-${i}`, cpu: '64', memory: '256Gi', pods: '110' }));
  sim.apply(anApp({ replicas, cpu: '10m', startupSeconds: 1 }));
  sim.apply(aServiceFor('web', { type: 'LoadBalancer' }));
  sim.advance(60_000);
  return sim;
}

function wallPerSimSecond(sim: Simulation, seconds: number): number {
  const start = performance.now();
  sim.advance(seconds * 1000);
  return (performance.now() - start) / seconds;
}

export const networkBenchmark: Benchmark = {
  name: 'network',
  async run({ quick }, report) {
    const replicas = quick ? 100 : 1000;
    const rps = quick ? 1000 : 10_000;
    const seconds = quick ? 10 : 60;
    const sim = cluster(replicas, quick ? 5 : 50);
    const idle = wallPerSimSecond(sim, seconds);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'web' }, rps);
    sim.advance(2000);
    const busy = wallPerSimSecond(sim, seconds);
    const last = trafficMetrics(sim).last('Service/default/web');
    if (!last || last.successRate < 0.99 || Math.abs(last.rps - rps) > 1)
      throw new Error(`traffic did not flow: ${JSON.stringify(last)}`);
    report({ name: 'network.traffic_10000rps_1000pods_wall_ms_per_sim_s', value: round(busy), unit: 'ms' });
    report({ name: 'network.no_traffic_1000pods_wall_ms_per_sim_s', value: round(idle), unit: 'ms' });
    report({
      name: 'network.traffic_10000rps_1000pods_x_realtime',
      value: Math.round(1000 / busy),
      unit: 'x',
    });
  },
};

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
