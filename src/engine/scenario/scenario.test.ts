import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject } from '../api/types';
import { aNode } from '../testing/builders';
import { parseScenario, runScenario } from './index';

const doc = (steps: unknown[], seed?: number): Record<string, unknown> => ({
  apiVersion: 'kubecanvas.dev/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 'demo' },
  spec: { ...(seed !== undefined ? { seed } : {}), steps },
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:v1' }] },
    },
  },
} as KubeObject;

describe('parseScenario', () => {
  const cases: Array<[string, unknown[], string[]]> = [
    [
      'names the step index and line of an unknown command',
      [
        { at: '10s', run: 'kubectl scale deploy/web --replicas=2' },
        { at: '20s', run: 'kubectl frobnicate' },
      ],
      ['step 1 (line 14): error: unknown command "frobnicate" for "kubectl" (in "kubectl frobnicate")'],
    ],
    [
      'rejects a step time that is not a duration',
      [{ at: 'soon', run: 'kubectl get pods' }],
      ['step 0 (line 12): invalid "at" "soon" (want a duration such as 30s, 5m, 1h30m)'],
    ],
    ['rejects a step without a command', [{ at: '5s' }], ['step 0 (line 12): "run" must be a command line']],
  ];
  it.each(cases)('%s', (_name, steps, errors) => {
    const lines = new Map([
      ['spec.steps[0]', { line: 12 }],
      ['spec.steps[1]', { line: 13 }],
      ['spec.steps[1].run', { line: 14 }],
    ]);
    expect(parseScenario(doc(steps), lines)).toEqual({ ok: false, errors });
  });

  it('sorts steps by time, keeping document order for equal times', () => {
    const r = parseScenario(
      doc(
        [
          { at: '1m', run: 'kubectl get pods' },
          { at: '30s', run: 'kubectl cordon node-1' },
          { at: '30s', run: 'kubectl uncordon node-1' },
        ],
        7,
      ),
    );
    expect(r.ok && r.scenario.steps.map((s) => [s.index, s.atMs])).toEqual([
      [1, 30_000],
      [2, 30_000],
      [0, 60_000],
    ]);
    expect(r.ok && r.scenario.seed).toBe(7);
  });
});

describe('runScenario', () => {
  it('runs each step at its time on the virtual clock, applying inline objects', () => {
    const sim = createCluster({ seed: 7 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.apply(aNode({ name: 'node-2' }));
    const parsed = parseScenario(
      doc([
        { at: '0s', run: 'kubectl apply -f -', objects: [deployment] },
        { at: '30s', run: 'kubectl set image deployment/web web=web:v2' },
        { at: '90s', run: 'kubectl cordon node-2' },
        { at: '10m', run: 'kubectl cordon node-1' },
      ]),
    );
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const results = runScenario(sim, parsed.scenario, 120_000);
    expect(results.map((r) => [r.atMs, r.output])).toEqual([
      [0, 'deployment.apps/web created'],
      [30_000, 'deployment.apps/web image updated'],
      [90_000, 'node/node-2 cordoned'],
    ]);
    expect(sim.now).toBe(120_000);
    const images = sim.store
      .list('Pod')
      .map((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0]?.image);
    expect(new Set(images)).toEqual(new Set(['web:v2']));
  });
});
