import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { captureIo as capture } from '../testing';
import { main } from '../main';

const FIXTURE = 'e2e/fixtures/scenarios/rollout-and-node-failure.yaml';

const small = `apiVersion: v1
kind: Node
metadata:
  name: node-1
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: web:v1
`;

const withScenario = (run: string): string =>
  `${small}---
apiVersion: kubecanvas.dev/v1alpha1
kind: Scenario
metadata:
  name: s
spec:
  seed: 4
  steps:
  - at: 10s
    run: kubectl scale deployment/web --replicas=2
  - at: 20s
    run: ${run}
`;

describe('kubecanvas simulate', () => {
  it('prints one JSON object with the time, every object and the events', async () => {
    const io = capture();
    expect(await main(['simulate', FIXTURE, '--until', '5m', '--output', 'json'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const doc = JSON.parse(io.stdout[0] as string) as {
      time: number;
      items: Array<{ kind: string }>;
      events: Array<{ kind: string; reason: string }>;
    };
    expect(doc.time).toBe(300_000);
    expect(doc.items.filter((o) => o.kind === 'Node')).toHaveLength(3);
    expect(doc.items.some((o) => o.kind === 'Pod')).toBe(true);
    expect(doc.events.every((e) => e.kind === 'Event')).toBe(true);
    expect(doc.events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
  });

  it('runs the same file and seed to the same result twice', async () => {
    const a = capture();
    const b = capture();
    await main(['simulate', FIXTURE, '--output', 'json'], a);
    await main(['simulate', FIXTURE, '--output', 'json'], b);
    expect(a.stdout).toEqual(b.stdout);
  });

  it('--watch prints one JSON line per change, in time order, from time 0', async () => {
    const io = capture({ 's.yaml': withScenario('kubectl get pods') });
    expect(await main(['simulate', 's.yaml', '--until', '30s', '--watch'], io)).toBe(0);
    const lines = io.stdout.map(
      (l) => JSON.parse(l) as { time: number; type: string; object: { kind: string } },
    );
    expect(lines[0]).toMatchObject({ time: 0, type: 'ADDED' });
    expect(lines.filter((l) => l.object.kind === 'Node')[0]).toMatchObject({ time: 0, type: 'ADDED' });
    expect(lines.every((l, i) => i === 0 || l.time >= (lines[i - 1]?.time ?? 0))).toBe(true);
    expect(lines.some((l) => l.type === 'MODIFIED' && l.time >= 10_000)).toBe(true);
    expect(lines.at(-1)?.time).toBeLessThanOrEqual(30_000);
  });

  it('prints kubectl get tables with --output wide', async () => {
    const io = capture({ 's.yaml': small });
    expect(await main(['simulate', 's.yaml', '--until', '1m', '--output', 'wide'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION {3}INTERNAL-IP/);
    expect(text).toContain('deployment.apps/web');
    expect(text).toMatch(/NAMESPACE {3}NAME +READY {3}STATUS {4}RESTARTS {3}AGE {3}IP/);
  });

  it('refuses a scenario with an unknown command, naming the step and its line', async () => {
    const io = capture({ 's.yaml': withScenario('kubectl frobnicate web') });
    expect(await main(['simulate', 's.yaml'], io)).toBe(1);
    expect(io.stderr).toEqual([
      's.yaml: step 1 (line 35): error: unknown command "frobnicate" for "kubectl" (in "kubectl frobnicate web")',
    ]);
    expect(io.stdout).toEqual([]);
  });

  it('reports each step and its output on standard error', async () => {
    const io = capture({ 's.yaml': withScenario('kubectl get deploy web -o name') });
    expect(await main(['simulate', 's.yaml', '--until', '30s', '--output', 'yaml'], io)).toBe(0);
    expect(io.stderr).toEqual([
      'step 0 (line 33) at 10s: $ kubectl scale deployment/web --replicas=2',
      'deployment.apps/web scaled',
      'step 1 (line 35) at 20s: $ kubectl get deploy web -o name',
      'deployment.apps/web',
    ]);
    expect(io.stdout.join('')).toMatch(/^events:\n/);
  });

  it('prints YAML that reads back as the same document as the JSON', async () => {
    const json = capture();
    const yaml = capture();
    await main(['simulate', FIXTURE, '--until', '2m', '--output', 'json'], json);
    await main(['simulate', FIXTURE, '--until', '2m', '--output', 'yaml'], yaml);
    expect(parse(yaml.stdout.join(''))).toEqual(JSON.parse(json.stdout.join('')));
  });

  it('rejects a bad --until', async () => {
    const io = capture({ 's.yaml': small });
    expect(await main(['simulate', 's.yaml', '--until', 'later'], io)).toBe(2);
    expect(io.stderr).toEqual(['invalid --until "later" (want a duration such as 90s, 5m, 1h)']);
  });
});
