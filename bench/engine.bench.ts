import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/engine';
import type { Benchmark } from './types';

/** The engine core: loading a large cluster into the store and the cost of one simulated second there. */
export const engineBenchmark: Benchmark = {
  name: 'engine',
  async run({ quick }, report) {
    const nodes = quick ? 100 : 5000;
    const pods = quick ? 3000 : 150_000;
    const sim = new Simulation({ seed: 1 });
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let i = 0; i < nodes; i++) {
      sim.store.apply({
        type: 'create',
        object: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
          spec: {},
          status: {
            capacity: { cpu: '32', memory: '128Gi', pods: '110' },
            allocatable: { cpu: '32', memory: '128Gi', pods: '110' },
          },
        },
      });
    }
    for (let i = 0; i < pods; i++) {
      sim.store.apply({
        type: 'create',
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 50}` } },
          spec: {
            nodeName: `node-${i % nodes}`,
            containers: [
              {
                name: 'c',
                image: 'registry.k8s.io/pause:3.10',
                resources: { requests: { cpu: '100m', memory: '500Mi' } },
              },
            ],
          },
          status: { phase: 'Running' },
        },
      });
    }
    const loadMs = performance.now() - t0;
    report({ name: `engine.load_${nodes}_nodes_${pods}_pods`, value: Math.round(loadMs), unit: 'ms' });
    const heapAfter = process.memoryUsage().heapUsed;
    report({
      name: 'engine.store_bytes_per_pod',
      value: Math.round((heapAfter - heapBefore) / (pods + nodes)),
      unit: 'B',
    });
    // The first second settles what loading enqueued (every component sees every object once).
    const t1 = performance.now();
    sim.step(1000);
    report({
      name: 'engine.first_simulated_second_after_load',
      value: Math.round(performance.now() - t1),
      unit: 'ms',
    });
    const t2 = performance.now();
    sim.step(2000);
    report({
      name: 'engine.one_simulated_second_at_load_size',
      value: Number((performance.now() - t2).toFixed(2)),
      unit: 'ms',
    });
  },
};
