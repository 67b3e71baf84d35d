import { describe, expect, it } from 'vitest';
import type { Probe } from '../api/types';
import { DEFAULT_BEHAVIOR } from '../behavior';
import { Backoff } from './backoff';
import { newWorker, nextTick, probeTick, runProbe, type ProbeResult, type ProbeType } from './probes';

const probe = (p: Partial<Probe> = {}): Probe => ({
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
  initialDelaySeconds: 0,
  exec: { command: ['true'] },
  ...p,
});

interface Step {
  result: ProbeResult;
  /** The published result expected after the tick. */
  want: ProbeResult;
  containerId?: string;
}

/** Runs a worker over a sequence of probe outcomes and returns what it published after each. */
function run(type: ProbeType, p: Probe, steps: Step[], started = true): ProbeResult[] {
  const w = newWorker(type, p, 'c1');
  return steps.map((s) => {
    probeTick(w, {
      running: true,
      startedAtMs: 0,
      nowMs: 1_000_000,
      started,
      containerId: s.containerId ?? 'c1',
      run: () => s.result,
    });
    return w.published;
  });
}

const S = 'Success' as const;
const F = 'Failure' as const;

// Ported from pkg/kubelet/prober/worker_test.go.
describe('probe workers (pkg/kubelet/prober/worker_test.go)', () => {
  const cases: Array<{ name: string; type: ProbeType; probe: Probe; steps: Step[]; started?: boolean }> = [
    {
      name: 'TestFailureThreshold: a readiness probe stays Success for two failures and fails on the third',
      type: 'readiness',
      probe: probe({ successThreshold: 1, failureThreshold: 3 }),
      steps: [
        { result: S, want: S },
        { result: S, want: S },
        { result: S, want: S },
        { result: F, want: S },
        { result: F, want: S },
        { result: F, want: F },
        { result: F, want: F },
        { result: S, want: S },
      ],
    },
    {
      name: 'TestSuccessThreshold: a readiness probe needs three successes in a row, and one failure undoes them',
      type: 'readiness',
      probe: probe({ successThreshold: 3, failureThreshold: 1 }),
      steps: [
        { result: S, want: F },
        { result: S, want: F },
        { result: S, want: S },
        { result: S, want: S },
        { result: F, want: F },
        { result: S, want: F },
      ],
    },
    {
      name: 'TestOnHoldOnLivenessCheckFailure: a failed liveness worker holds until a new container appears',
      type: 'liveness',
      probe: probe({ failureThreshold: 1 }),
      steps: [
        { result: F, want: F },
        { result: S, want: F },
        { result: S, want: S, containerId: 'c2' },
      ],
    },
    {
      name: 'TestLivenessProbeDisabledByStarted: liveness keeps its initial Success until the container has started',
      type: 'liveness',
      probe: probe({ failureThreshold: 1 }),
      started: false,
      steps: [
        { result: F, want: S },
        { result: F, want: S },
      ],
    },
    {
      name: 'TestStartupProbeSuccessThreshold: a startup probe publishes Success once and then holds',
      type: 'startup',
      probe: probe({ failureThreshold: 3 }),
      started: false,
      steps: [
        { result: F, want: 'Unknown' },
        { result: S, want: S },
        { result: F, want: S },
      ],
    },
    {
      name: 'TestStartupProbeFailureThreshold: a startup probe publishes Failure after failureThreshold failures',
      type: 'startup',
      probe: probe({ failureThreshold: 3 }),
      started: false,
      steps: [
        { result: F, want: 'Unknown' },
        { result: F, want: 'Unknown' },
        { result: F, want: F },
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(run(c.type, c.probe, c.steps, c.started ?? true)).toEqual(c.steps.map((s) => s.want));
    });

  it('TestInitialDelay: no probe runs during initialDelaySeconds, counted in whole seconds since start', () => {
    const w = newWorker('readiness', probe({ initialDelaySeconds: 10 }), 'c1');
    const tick = (nowMs: number) =>
      probeTick(w, { running: true, startedAtMs: 0, nowMs, started: true, containerId: 'c1', run: () => S });
    expect(tick(9_999).ran).toBe(false);
    expect(w.published).toBe('Failure');
    expect(tick(10_000).ran).toBe(true);
    expect(w.published).toBe('Success');
  });

  it('TestDoProbe: a container that is not running publishes Failure', () => {
    const w = newWorker('liveness', probe(), 'c1');
    probeTick(w, {
      running: false,
      startedAtMs: 0,
      nowMs: 0,
      started: true,
      containerId: 'c1',
      run: () => S,
    });
    expect(w.published).toBe('Failure');
  });
});

describe('probe ticks', () => {
  const cases: Array<[string, number, number, number, number]> = [
    ['the first tick is the worker start', 0, 10, 0, 0],
    ['a moment between ticks waits for the next', 0, 10, 3_000, 10_000],
    ['ticks count from the worker start, not from zero', 1_500, 5, 2_000, 6_500],
    ['a moment on a tick is that tick', 1_000, 10, 21_000, 21_000],
  ];
  for (const [name, epoch, period, at, want] of cases)
    it(name, () => {
      expect(nextTick(epoch, period, at)).toBe(want);
    });
});

describe('running a probe against the simulated process', () => {
  const b = { ...DEFAULT_BEHAVIOR, startupSeconds: 5 };
  const target = (nowMs: number, over = {}) => ({
    behavior: { ...b, ...over },
    startedAtMs: 0,
    nowMs,
    podIP: '10.244.0.5',
  });
  const cases: Array<[string, Probe, ReturnType<typeof target>, string, string]> = [
    [
      'an httpGet probe before the process listens is refused',
      { httpGet: { path: '/_health', port: 8080 } },
      target(1000),
      'Failure',
      'Get "http://10.244.0.5:8080/_health": dial tcp 10.244.0.5:8080: connect: connection refused',
    ],
    [
      'an httpGet probe of a healthy process succeeds',
      { httpGet: { path: '/', port: 80 } },
      target(6000),
      'Success',
      '',
    ],
    [
      'an httpGet probe of an unhealthy process gets a 500',
      { httpGet: { path: '/', port: 80 } },
      target(6000, { healthy: false }),
      'Failure',
      'HTTP probe failed with statuscode: 500',
    ],
    [
      'an httpGet probe after failAfterSeconds fails',
      { httpGet: { path: '/', port: 80 } },
      target(60_000, { failAfterSeconds: 30 }),
      'Failure',
      'HTTP probe failed with statuscode: 500',
    ],
    [
      'a tcpSocket probe only needs the port open, healthy or not',
      { tcpSocket: { port: 5432 } },
      target(6000, { healthy: false }),
      'Success',
      '',
    ],
    [
      'a slow process times out an httpGet probe',
      { httpGet: { path: '/', port: 80 }, timeoutSeconds: 1 },
      target(6000, { latencyMs: 1500 }),
      'Failure',
      'Get "http://10.244.0.5:80/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ],
    [
      'a grpc probe of an unhealthy process says NOT_SERVING',
      { grpc: { port: 9090 } },
      target(6000, { healthy: false }),
      'Failure',
      'service unhealthy (responded with "NOT_SERVING")',
    ],
    [
      'an exec probe of an unhealthy process exits 1',
      { exec: { command: ['cat', '/tmp/healthy'] } },
      target(6000, { healthy: false }),
      'Failure',
      'command "cat /tmp/healthy" exited with 1',
    ],
  ];
  for (const [name, p, t, result, message] of cases)
    it(name, () => {
      expect(runProbe(p, t)).toEqual({ result, message });
    });
});

// flowcontrol.Backoff with the kubelet's 10 s / 300 s (client-go/util/flowcontrol/backoff_test.go ideas).
describe('restart back-off', () => {
  it('doubles from 10 s to the 300 s cap', () => {
    const b = new Backoff();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', i * 1000);
      seen.push(b.get('k') / 1000);
    }
    expect(seen).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('is in back-off only within the delay counted from the event', () => {
    const b = new Backoff();
    b.next('k', 0);
    expect(b.isInBackOffSince('k', 0, 9_999)).toBe(true);
    expect(b.isInBackOffSince('k', 0, 10_000)).toBe(false);
    expect(b.isInBackOffSince('other', 0, 1)).toBe(false);
  });

  it('starts over after twice the maximum (10 min) without an update', () => {
    const b = new Backoff();
    for (let i = 0; i < 5; i++) b.next('k', 0);
    expect(b.get('k')).toBe(160_000);
    b.next('k', 600_001);
    expect(b.get('k')).toBe(10_000);
  });
});
