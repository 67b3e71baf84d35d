import { describe, expect, it } from 'vitest';
import { keyOf, type KubeObject, type Probe } from '../../engine';
import { changeChoices, checkChange, nextImage, percent, runWhatIf } from './whatIf';

function node(i: number): KubeObject {
  const r = { cpu: '2', memory: '4Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `node-${i}`,
      labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i}` },
    },
    spec: {},
    status: { capacity: r, allocatable: r, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const PROBE: Probe = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 2 };

/** Story 11's design: web x3, an app that takes 20 s to start, maxSurge 0 / maxUnavailable 1. */
function web(o: { probe?: boolean; service?: boolean } = {}): KubeObject[] {
  const labels = { app: 'web' };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels, annotations: { 'kubecanvas.dev/behavior': '{"startupSeconds": 20}' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'web:1.0',
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: '250m', memory: '256Mi' } },
              ...(o.probe === false ? {} : { readinessProbe: PROBE }),
            },
          ],
        },
      },
    },
  };
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  return [node(1), node(2), node(3), deployment, ...(o.service === false ? [] : [service])];
}

const WEB = 'Deployment/default/web';

describe('runWhatIf: the same design twice with one change', () => {
  it('story 11 vs 12: a rollout of an app that takes 20 s to start fails requests only without the readiness probe', () => {
    const progress: number[] = [];
    const r = runWhatIf(
      web(),
      11,
      { type: 'withoutReadinessProbe', workload: WEB },
      { durationSeconds: 150, atSeconds: 20, rps: 100, during: { type: 'rollout', workload: WEB } },
      (done, total) => progress.push(done / total),
    );
    expect(r.baseline.samples).toHaveLength(150);
    expect(r.changed.samples).toHaveLength(150);
    expect(r.baseline.samples[0]?.t).toBe(1);
    // Traffic flowed all along in both runs: 100 rps to the Service the design has.
    expect(r.trafficNote).toBe('Both runs send 100 requests/s to Service web.');
    expect(r.baseline.requests).toBeGreaterThan(14_000);
    expect(r.changed.requests).toBeGreaterThan(14_000);
    // Story 11: with the probe, 100% success through the rollout, and never fewer than 2 ready pods.
    expect(r.baseline.failed).toBe(0);
    expect(r.baseline.samples.every((s) => s.successPct === 100)).toBe(true);
    expect(r.baseline.minReady).toBe(2);
    // Story 12: without it, pods that do not listen yet get requests: failures, during the rollout only.
    expect(r.changed.failed).toBeGreaterThan(0.1 * r.changed.requests);
    const before = r.changed.samples.filter((s) => s.t <= 20);
    expect(before.every((s) => s.failedRps === 0)).toBe(true);
    expect(r.changed.samples.some((s) => s.successPct < 90)).toBe(true);
    expect(r.changed.samples.at(-1)?.successPct).toBe(100);
    // Both rollouts finished: three ready pods at the end.
    expect(r.baseline.samples.at(-1)?.ready).toBe(3);
    expect(r.changed.samples.at(-1)?.ready).toBe(3);
    expect(r.summary).toMatch(
      /^Without a readiness probe on web: \d+% of requests failed during a rollout of web at 20 s \([\d,]+ of [\d,]+\); as designed: 0%\.$/,
    );
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('is deterministic: the same design, seed and change give the same series', () => {
    const run = () =>
      runWhatIf(
        web(),
        3,
        { type: 'withoutReadinessProbe', workload: WEB },
        { durationSeconds: 60, atSeconds: 5, during: { type: 'rollout', workload: WEB } },
      );
    expect(run()).toEqual(run());
  });

  it('adds the readiness probe to a design without one, and sends traffic through a Service it adds when the design has none', () => {
    const r = runWhatIf(
      web({ probe: false, service: false }),
      12,
      { type: 'withReadinessProbe', workload: WEB },
      { durationSeconds: 150, atSeconds: 10, rps: 50, during: { type: 'rollout', workload: WEB } },
    );
    expect(r.trafficNote).toBe(
      'Both runs send 50 requests/s to Service web, which the what-if adds (the design has no Service for web).',
    );
    expect(r.baseline.failed).toBeGreaterThan(0);
    expect(r.changed.failed).toBe(0);
    expect(r.summary).toMatch(/^With a readiness probe on web: 0% of requests failed/);
  });

  it('a new image starts a rollout in the changed run only', () => {
    const r = runWhatIf(
      web({ probe: false }),
      5,
      { type: 'image', workload: WEB, image: 'web:2.0' },
      {
        durationSeconds: 120,
        atSeconds: 10,
      },
    );
    expect(r.baseline.failed).toBe(0);
    expect(r.baseline.minReady).toBe(3);
    expect(r.changed.failed).toBeGreaterThan(0);
    expect(r.changed.minReady).toBeLessThan(3);
    expect(r.summary).toMatch(/^web set to web:2\.0 at 10 s: \d+% of requests failed/);
  });

  it('a node failing at T: its pods stop answering (timeouts) in the changed run', () => {
    const r = runWhatIf(
      web(),
      17,
      { type: 'failNode', node: 'Node//node-1' },
      {
        durationSeconds: 60,
        atSeconds: 10,
      },
    );
    expect(r.baseline.failed).toBe(0);
    const after = r.changed.samples.filter((s) => s.t > 12);
    expect(after.some((s) => s.failedRps > 0)).toBe(true);
    expect(r.changed.samples.filter((s) => s.t <= 10).every((s) => s.failedRps === 0)).toBe(true);
  });

  it('more replicas than fit leave pods Pending; fewer ready pods with a scale-down', () => {
    const up = runWhatIf(
      web(),
      1,
      { type: 'replicas', workload: WEB, replicas: 30 },
      { durationSeconds: 60 },
    );
    expect(up.baseline.maxPending).toBe(0);
    expect(up.changed.samples.at(-1)?.pending).toBe(6); // 3 nodes x 2 CPU / 250m = 24 fit
    expect(up.changed.samples.at(-1)?.ready).toBe(24);
    const down = runWhatIf(
      web(),
      1,
      { type: 'replicas', workload: WEB, replicas: 1 },
      { durationSeconds: 20 },
    );
    expect(down.changed.samples.at(-1)?.ready).toBe(1);
    expect(down.baseline.samples.at(-1)?.ready).toBe(3);
  });

  it('a rollout strategy of maxSurge 1, maxUnavailable 0 keeps three ready pods all through a rollout', () => {
    const r = runWhatIf(
      web(),
      4,
      { type: 'strategy', workload: WEB, maxSurge: '1', maxUnavailable: '0' },
      { durationSeconds: 150, atSeconds: 5, during: { type: 'rollout', workload: WEB } },
    );
    expect(r.baseline.minReady).toBe(2);
    expect(r.changed.minReady).toBe(3);
    expect(r.changed.failed).toBe(0);
  });

  it('refuses a change that does not fit the design, saying what is wrong', () => {
    expect(() => runWhatIf(web(), 1, { type: 'failNode', node: 'node-9' })).toThrow(
      'What if: no Node named "node-9" in the design.',
    );
    expect(checkChange(web(), { type: 'strategy', workload: WEB, maxSurge: '0', maxUnavailable: '0%' })).toBe(
      'maxSurge and maxUnavailable cannot both be 0 (the Deployment could never move)',
    );
    expect(
      checkChange(web(), { type: 'strategy', workload: WEB, maxSurge: 'one', maxUnavailable: '1' }),
    ).toBe('maxSurge must be a number or a percentage, like 1 or 25%');
    expect(checkChange(web(), { type: 'replicas', workload: 'Deployment/default/api', replicas: 2 })).toBe(
      'no workload Deployment/default/api in the design',
    );
  });
});

describe('what-if helpers', () => {
  it('offers each workload’s changes and each node’s failure', () => {
    const choices = changeChoices(web()).map((c) => c.label);
    expect(choices).toEqual([
      'web: without readiness probe',
      'web: rollout strategy (maxSurge, maxUnavailable)',
      'web: replicas',
      'web: new image (start a rollout)',
      'node-1: node fails',
      'node-2: node fails',
      'node-3: node fails',
    ]);
    expect(changeChoices(web({ probe: false }))[0]?.label).toBe('web: with a readiness probe');
    expect(keyOf(web()[3] as KubeObject)).toBe(WEB);
  });

  it('bumps the major version of an image', () => {
    expect(nextImage('web:1.0')).toBe('web:2.0');
    expect(nextImage('nginx:1.25.3')).toBe('nginx:2.0.0');
    expect(nextImage('registry:5000/app:v3')).toBe('registry:5000/app:v4');
    expect(nextImage('redis')).toBe('redis:2');
    expect(nextImage('redis:latest')).toBe('redis:2');
  });

  it('prints percentages for the summary', () => {
    expect(percent(0, 100)).toBe('0%');
    expect(percent(1, 300)).toBe('0.3%');
    expect(percent(23, 100)).toBe('23%');
    expect(percent(1, 0)).toBe('0%');
  });
});
