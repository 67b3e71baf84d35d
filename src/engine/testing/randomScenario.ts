/**
 * Seeded random scenarios for the property test: a small cluster (nodes of random sizes, some tainted or
 * zoned), workloads (Deployments, a StatefulSet, a DaemonSet, a Job, bare pods), Services and
 * PodDisruptionBudgets, and timed steps in the console's command grammar (scaling, rollouts, deletes,
 * cordons, drains, taints, labels, node failures and recoveries, broken pods, traffic). The same seed
 * always gives the same scenario. Pod names are only known at run time, so a step may name a pod as
 * `{pod:N}`: the N-th pod (modulo their number, sorted by name) when the step runs.
 */
import { Prng } from '../../lib';
import type { KubeObject } from '../api/types';

/** One generated step: a command line (possibly with a `{pod:N}` placeholder) at a simulated time. */
export interface RandomStep {
  atMs: number;
  run: string;
  objects?: KubeObject[];
}

/** A generated scenario. */
export interface RandomScenario {
  seed: number;
  objects: KubeObject[];
  steps: RandomStep[];
  /** When the run ends. */
  untilMs: number;
}

const CPUS = ['100m', '250m', '500m', '1', '1500m'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function node(rng: Prng, i: number): KubeObject {
  const cpu = String(rng.pick([1, 2, 4, 8]));
  const memory = rng.pick(['2Gi', '4Gi', '16Gi']);
  const resources = { cpu, memory, pods: String(rng.pick([4, 10, 110])) };
  const tainted = rng.next() < 0.15;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `node-${i}`,
      labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 2}` },
    },
    spec: tainted ? { taints: [{ key: 'dedicated', value: 'batch', effect: rng.pick(EFFECTS) }] } : {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
  } as KubeObject;
}

function podSpec(rng: Prng, app: string): Record<string, unknown> {
  const probe =
    rng.next() < 0.5 ? { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } } : {};
  return {
    containers: [
      {
        name: 'app',
        image: `${app}:v1`,
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: rng.pick(CPUS), memory: rng.pick(['64Mi', '256Mi', '1Gi']) } },
        ...probe,
      },
    ],
    ...(rng.next() < 0.2 ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
  };
}

function workload(rng: Prng, kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string): KubeObject {
  const labels = { app: name };
  const spec: Record<string, unknown> = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: podSpec(rng, name) },
  };
  if (kind !== 'DaemonSet') spec['replicas'] = rng.int(5);
  if (kind === 'StatefulSet') spec['serviceName'] = name;
  if (kind === 'Deployment' && rng.next() < 0.3) spec['strategy'] = { type: 'Recreate' };
  return { apiVersion: 'apps/v1', kind, metadata: { name, labels }, spec } as KubeObject;
}

function extras(rng: Prng, apps: string[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const app of apps) {
    if (rng.next() < 0.6)
      out.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: app },
        spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] },
      } as KubeObject);
    if (rng.next() < 0.3)
      out.push({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: app },
        spec: { minAvailable: rng.int(3), selector: { matchLabels: { app } } },
      } as KubeObject);
  }
  if (rng.next() < 0.3)
    out.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch' },
      spec: {
        completions: 2,
        parallelism: 2,
        template: { spec: { ...podSpec(rng, 'batch'), restartPolicy: 'Never' } },
      },
    } as KubeObject);
  if (rng.next() < 0.3)
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare', labels: { app: 'bare' } },
      spec: podSpec(rng, 'bare'),
    } as KubeObject);
  return out;
}

/** Command lines a step may run, given the names in the scenario. */
function stepLine(rng: Prng, apps: string[], nodes: number): string {
  const app = rng.pick(apps);
  const nodeName = `node-${rng.int(nodes + 1)}`;
  const lines = [
    () => `kubectl scale deployment/${app} --replicas=${rng.int(6)}`,
    () => `kubectl set image deployment/${app} app=${app}:v${2 + rng.int(3)}`,
    () =>
      `kubectl rollout ${rng.pick(['undo', 'pause', 'resume', 'restart', 'status', 'history'])} deployment/${app}`,
    () => `kubectl delete pod {pod:${rng.int(50)}}`,
    () => `kubectl delete pod {pod:${rng.int(50)}} --grace-period=0`,
    () => `kubectl ${rng.pick(['cordon', 'uncordon'])} ${nodeName}`,
    () =>
      `kubectl drain ${nodeName} --ignore-daemonsets --delete-emptydir-data${rng.next() < 0.5 ? ' --force' : ''}`,
    () =>
      `kubectl taint nodes ${nodeName} key${rng.int(2)}=v:${rng.pick(EFFECTS)}${rng.next() < 0.4 ? '-' : ''}`,
    () => `kubectl label nodes ${nodeName} disk=${rng.pick(['ssd', 'hdd'])} --overwrite`,
    () => `kubectl label pod {pod:${rng.int(50)}} extra=yes --overwrite`,
    () => `kubecanvas node ${rng.pick(['fail', 'recover', 'fail', 'recover'])} ${nodeName}`,
    () => `kubecanvas node add node-${nodes + 1 + rng.int(3)}`,
    () => `kubecanvas pod break {pod:${rng.int(50)}} --${rng.pick(['liveness', 'readiness', 'crash'])}`,
    () => `kubecanvas traffic service/${app} --rps ${rng.pick([0, 10, 100, 1000])}`,
    () => `kubectl delete ${rng.pick(['deployment', 'statefulset', 'daemonset', 'service', 'pdb'])} ${app}`,
    () => `kubectl get ${rng.pick(['pods', 'deploy', 'nodes', 'all', 'events', 'svc', 'rs'])} -A -o wide`,
    () => `kubectl describe ${rng.pick(['pod {pod:3}', `deployment ${app}`, `node ${nodeName}`])}`,
    () => `kubectl create deployment new${rng.int(3)} --image=web:v1 --replicas=${rng.int(4)}`,
    () => `kubectl expose deployment ${app} --port=80 --target-port=8080 --name=${app}-x`,
    () => `kubectl run solo${rng.int(3)} --image=busybox`,
    () => `kubectl delete pods -l app=${app}`,
  ];
  return rng.pick(lines)();
}

/** The scenario of a seed: 1-4 nodes, 1-4 workloads, 2-10 steps within the first two minutes. */
export function randomScenario(seed: number): RandomScenario {
  const rng = new Prng(seed * 7919 + 13);
  const nodeCount = 1 + rng.int(4);
  const objects: KubeObject[] = [];
  for (let i = 1; i <= nodeCount; i++) objects.push(node(rng, i));
  const apps: string[] = [];
  const workloads = 1 + rng.int(4);
  for (let i = 0; i < workloads; i++) {
    const kind = rng.pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet'] as const);
    const name = `${kind.toLowerCase().slice(0, 3)}${i}`;
    apps.push(name);
    objects.push(workload(rng, kind, name));
  }
  objects.push(...extras(rng, apps));
  const steps: RandomStep[] = [];
  const stepCount = 2 + rng.int(9);
  for (let i = 0; i < stepCount; i++) {
    const atMs = rng.int(120) * 1000;
    if (rng.next() < 0.1) {
      const name = `late${i}`;
      steps.push({ atMs, run: 'kubectl apply -f -', objects: [workload(rng, 'Deployment', name)] });
      apps.push(name);
    } else steps.push({ atMs, run: stepLine(rng, apps, nodeCount) });
  }
  steps.sort((a, b) => a.atMs - b.atMs);
  return { seed, objects, steps, untilMs: 150_000 };
}

/** Resolves `{pod:N}` against the pods that exist now (sorted by name); undefined when there are none. */
export function resolvePods(line: string, podNames: readonly string[]): string | undefined {
  if (!line.includes('{pod:')) return line;
  if (podNames.length === 0) return undefined;
  return line.replace(/\{pod:(\d+)\}/g, (_m, n: string) => podNames[Number(n) % podNames.length] as string);
}
