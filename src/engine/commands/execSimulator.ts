/**
 * The simulator's own verbs: `kubecanvas node fail|recover|add NAME`, `kubecanvas pod break POD
 * --liveness|--readiness|--crash`, `kubecanvas traffic <ingress|service>/NAME --rps N`, and
 * `kubectl top pods|nodes` from the CPU usage the traffic model writes.
 *
 * Node and pod faults go through src/engine/nodes/faults.ts (failNode, recoverNode, breakPod), traffic
 * through src/engine/network's setTraffic (a TrafficSource aimed at the Service or Ingress).
 */
import type { KubeObject, Node, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import { NODE_FAULT_ANNOTATION } from '../behavior';
import { breakPod, failNode, recoverNode } from '../nodes';
import { setTraffic } from '../network';
import { CPU_USAGE_ANNOTATION } from '../controllers';
import { milliValue } from '../api/quantity';
import { formatTable } from '../printers';
import { failed, getObject, listObjects, ok, type CommandResult } from './objects';
import { notFound, objectRef } from './resources';
import type { Command } from './types';

type Cmd<V extends Command['verb']> = Extract<Command, { verb: V }>;

function newNode(name: string, cpu: string, memory: string): Node & KubeObject {
  const resources = { cpu, memory, pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
    },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  };
}

/** `kubecanvas node fail|recover|add NAME`. */
export function runNodeFault(sim: Simulation, cmd: Cmd<'node-fault'>): CommandResult {
  const existing = sim.store.get('Node', undefined, cmd.name);
  if (cmd.action === 'add') {
    if (existing) return failed(`Error from server (AlreadyExists): nodes "${cmd.name}" already exists`);
    sim.apply(newNode(cmd.name, cmd.cpu ?? '4', cmd.memory ?? '16Gi'));
    return ok(`node/${cmd.name} added`);
  }
  if (!existing) return failed(notFound('Node', cmd.name));
  const down = existing.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
  if (cmd.action === 'fail') {
    if (down) return ok(`node/${cmd.name} already failed`);
    failNode(sim, cmd.name);
    return ok(`node/${cmd.name} failed`);
  }
  if (!down) return ok(`node/${cmd.name} already running`);
  recoverNode(sim, cmd.name);
  return ok(`node/${cmd.name} recovered`);
}

/** `kubecanvas pod break POD --liveness|--readiness|--crash` (nodes/faults.ts breakPod). */
export function runPodBreak(sim: Simulation, cmd: Cmd<'pod-break'>): CommandResult {
  const pod = getObject(sim, 'Pod', cmd.scope, cmd.pod);
  if (typeof pod === 'string') return failed(pod);
  breakPod(sim, cmd.scope.namespace, cmd.pod, cmd.mode);
  return ok(`pod/${cmd.pod} broken (${cmd.mode})`);
}

/** `kubecanvas traffic <ingress|service>/NAME --rps N` (network/traffic setTraffic; 0 stops it). */
export function runTraffic(sim: Simulation, cmd: Cmd<'traffic'>): CommandResult {
  const target = getObject(sim, cmd.kind, cmd.scope, cmd.name);
  if (typeof target === 'string') return failed(target);
  setTraffic(sim, { kind: cmd.kind, namespace: cmd.scope.namespace, name: cmd.name }, cmd.rps);
  return ok(
    `${objectRef(cmd.kind, cmd.name)} traffic ${cmd.rps === 0 ? 'stopped' : `set to ${cmd.rps} rps`}`,
  );
}

function cpuOf(p: Pod & KubeObject): number | undefined {
  const v = p.metadata.annotations?.[CPU_USAGE_ANNOTATION];
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? Math.round(n) : undefined;
}

/** `kubectl top pods|nodes`: CPU from the traffic model; memory is not simulated and shows as requests. */
export function runTop(sim: Simulation, cmd: Cmd<'top'>): CommandResult {
  const pods = listObjects(sim, 'Pod', cmd.scope) as Array<Pod & KubeObject>;
  if (!pods.some((p) => cpuOf(p) !== undefined)) return failed('error: Metrics API not available');
  if (cmd.what === 'Pod') {
    const rows = pods
      .filter((p) => p.status?.phase === 'Running')
      .map((p) => [
        ...(cmd.scope.allNamespaces ? [p.metadata.namespace ?? ''] : []),
        p.metadata.name,
        `${cpuOf(p) ?? 0}m`,
        `${memoryMi(p)}Mi`,
      ]);
    const header = [...(cmd.scope.allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
    return ok(formatTable(header, rows));
  }
  const rows = (sim.store.list('Node') as Array<Node & KubeObject>).map((n) => {
    const on = sim.store.podsOnNode(n.metadata.name);
    const cpu = on.reduce((s, p) => s + (cpuOf(p) ?? 0), 0);
    const mem = on.reduce((s, p) => s + memoryMi(p), 0);
    const capCpu = milliValue(n.status?.allocatable?.['cpu'] ?? '0') || 1;
    const capMem = milliValue(n.status?.allocatable?.['memory'] ?? '0') / 1000 / 1048576 || 1;
    return [
      n.metadata.name,
      `${cpu}m`,
      `${Math.round((cpu / capCpu) * 100)}%`,
      `${mem}Mi`,
      `${Math.round((mem / capMem) * 100)}%`,
    ];
  });
  return ok(formatTable(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], rows));
}

function memoryMi(p: Pod & KubeObject): number {
  const bytes = (p.spec?.containers ?? []).reduce(
    (s, c) => s + milliValue(c.resources?.requests?.['memory'] ?? '0') / 1000,
    0,
  );
  return Math.round(bytes / 1048576);
}
