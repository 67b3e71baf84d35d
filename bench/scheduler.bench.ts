import { performance } from 'node:perf_hooks';
import { Scheduler, Simulation, type KubeObject } from '../src/engine';
import type { Benchmark } from './types';

/**
 * The scheduler: scheduler_perf's SchedulingBasic shape (test/integration/scheduler_perf, templates
 * node-default and pod-default: 4 cpu / 32Gi / 110 pods nodes, pause pods requesting 100m / 500Mi) and a
 * mixed workload (varied requests, zone topology spread on half the pods, required hostname
 * anti-affinity on a tenth). Pods per second count only the measured pods, headless, single-threaded; the
 * `_per_cpu_second` figures divide by the process's CPU time instead of wall time, for shared machines.
 */

function node(i: number, zones: number): KubeObject {
  const name = `scheduler-perf-${i}`;
  const resources = { pods: '110', cpu: '4', memory: '32Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(zones ? { 'topology.kubernetes.io/zone': `zone-${i % zones}` } : {}),
      },
    },
    spec: {},
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function basicPod(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          ports: [{ containerPort: 80 }],
          resources: {
            limits: { cpu: '100m', memory: '500Mi' },
            requests: { cpu: '100m', memory: '500Mi' },
          },
        },
      ],
    },
  };
}

/** A pod of the mixed workload (exported for profiling runs). */
export function mixedPodForProfile(i: number): KubeObject {
  return mixedPod(i);
}

function mixedPod(i: number): KubeObject {
  const pod = basicPod(`mixed-${i}`) as KubeObject & { spec: Record<string, unknown> };
  const app = `app-${i % 20}`;
  pod.metadata.labels = { app };
  const cpu = ['50m', '100m', '250m', '500m'][i % 4] as string;
  const memory = ['64Mi', '256Mi', '512Mi', '1Gi'][(i >> 2) % 4] as string;
  pod.spec = {
    containers: [{ name: 'app', image: `${app}:1.0`, resources: { requests: { cpu, memory } } }],
  };
  if (i % 2 === 0)
    pod.spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: i % 4 === 0 ? 'DoNotSchedule' : 'ScheduleAnyway',
        labelSelector: { matchLabels: { app } },
      },
    ];
  if (i % 10 === 1) {
    pod.metadata.labels = { app, anti: `group-${i % 200}` };
    pod.spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { anti: `group-${i % 200}` } },
          },
        ],
      },
    };
  }
  return pod;
}

interface Run {
  podsPerSecond: number;
  /** Pods per second of this process's CPU time (steadier than wall time on a shared machine). */
  podsPerCpuSecond: number;
  bytesPerNode: number;
  bytesPerPod: number;
  scheduled: number;
}

function run(
  nodes: number,
  initPods: number,
  measuredPods: number,
  make: (i: number) => KubeObject,
  zones: number,
): Run {
  const heap0 = process.memoryUsage().heapUsed;
  const sim = new Simulation({ seed: 1, controllers: [new Scheduler()], recordEvents: true });
  for (let i = 0; i < nodes; i++) sim.store.apply({ type: 'create', object: node(i, zones) });
  const heap1 = process.memoryUsage().heapUsed;
  for (let i = 0; i < initPods; i++) sim.store.apply({ type: 'create', object: make(i) });
  sim.step(0);
  for (let i = initPods; i < initPods + measuredPods; i++)
    sim.store.apply({ type: 'create', object: make(i) });
  const heap2 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  sim.step(0);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heap3 = process.memoryUsage().heapUsed;
  let scheduled = 0;
  for (const p of sim.store.each<KubeObject & { spec?: { nodeName?: string } }>('Pod'))
    if (p.spec?.nodeName) scheduled++;
  return {
    podsPerSecond: Math.round((measuredPods / ms) * 1000),
    podsPerCpuSecond: Math.round((measuredPods / cpuMs) * 1000),
    bytesPerNode: Math.round((heap1 - heap0) / nodes),
    bytesPerPod: Math.round((heap3 - heap2) / measuredPods),
    scheduled,
  };
}

export const schedulerBenchmark: Benchmark = {
  name: 'scheduler',
  async run({ quick }, report) {
    const scale = quick ? 0.02 : 1;
    const basic = run(
      Math.round(5000 * scale),
      Math.round(5000 * scale),
      Math.round(50_000 * scale),
      (i) => basicPod(`pod-${i}`),
      0,
    );
    report({
      name: 'scheduler.basic_5000_nodes_pods_per_second',
      value: basic.podsPerSecond,
      unit: 'pods/s',
    });
    report({ name: 'scheduler.bytes_per_node', value: basic.bytesPerNode, unit: 'B' });
    report({ name: 'scheduler.bytes_per_pod', value: basic.bytesPerPod, unit: 'B' });
    const m500 = run(Math.round(500 * scale), Math.round(500 * scale), Math.round(5000 * scale), mixedPod, 3);
    report({ name: 'scheduler.mixed_500_nodes_pods_per_second', value: m500.podsPerSecond, unit: 'pods/s' });
    const m5000 = run(
      Math.round(5000 * scale),
      Math.round(5000 * scale),
      Math.round(20_000 * scale),
      mixedPod,
      10,
    );
    report({
      name: 'scheduler.mixed_5000_nodes_pods_per_second',
      value: m5000.podsPerSecond,
      unit: 'pods/s',
    });
    report({
      name: 'scheduler.basic_5000_nodes_pods_per_cpu_second',
      value: basic.podsPerCpuSecond,
      unit: 'pods/s',
    });
    report({
      name: 'scheduler.mixed_5000_nodes_pods_per_cpu_second',
      value: m5000.podsPerCpuSecond,
      unit: 'pods/s',
    });
  },
};
