import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Event, KubeObject, Pod, Probe } from '../api/types';
import { parseTimestamp } from '../api/time';
import { aNode, aPod } from '../testing/builders';
import { breakPod } from '../nodes/faults';
import type { Simulation } from '../core/simulation';

type P = Pod & KubeObject;

function pod(sim: Simulation, name = 'web'): P {
  return sim.store.get<P>('Pod', 'default', name)!;
}

function ready(p: P): boolean {
  return p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** Steps second by second and returns the first second at which `cond` holds. */
function firstSecond(sim: Simulation, until: number, cond: () => boolean): number | undefined {
  for (let t = Math.ceil(sim.now / 1000); t <= until; t++) {
    sim.step(t * 1000);
    if (cond()) return t;
  }
  return undefined;
}

function withProbes(
  probes: { readinessProbe?: Probe; livenessProbe?: Probe; startupProbe?: Probe },
  behavior?: string,
): P {
  const p = aPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'web:1.0', ...probes }] } });
  return behavior
    ? { ...p, metadata: { ...p.metadata, annotations: { 'kubecanvas.dev/behavior': behavior } } }
    : p;
}

describe('story 9: a readiness probe with initialDelaySeconds 10', () => {
  const cases: Array<{ name: string; probe: Probe; behavior?: string; readyAt: number }> = [
    {
      name: 'the pod runs at once but is Ready only at the first probe 10 s after start',
      probe: { httpGet: { path: '/_health', port: 8080 }, initialDelaySeconds: 10, periodSeconds: 10 },
      readyAt: 10,
    },
    {
      name: 'without a delay, the probe at start fails (not listening yet) and the next tick succeeds',
      probe: { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5 },
      readyAt: 5,
    },
    {
      name: 'successThreshold 2 needs two good probes in a row',
      probe: { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5, successThreshold: 2 },
      readyAt: 10,
    },
    {
      name: 'an app that takes 20 s to start is Ready at the first tick after it answers',
      probe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
      behavior: '{"startupSeconds": 20}',
      readyAt: 20,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = createCluster({ seed: 1 });
      // The image is already on the node, so the container starts at 0.
      sim.apply(aNode());
      sim.apply(aPod({ name: 'warm', image: 'web:1.0' }));
      sim.step(5000);
      sim.delete('Pod', 'default', 'warm');
      sim.step(10_000);
      const start = sim.now;
      sim.apply(withProbes({ readinessProbe: c.probe }, c.behavior));
      sim.step(start);
      expect(pod(sim).status?.phase).toBe('Running');
      const at = firstSecond(sim, start / 1000 + 60, () => ready(pod(sim)));
      expect(at! - start / 1000).toBe(c.readyAt);
    });
});

describe('story 10: liveness restarts and CrashLoopBackOff', () => {
  it('a broken health endpoint fails liveness three times, and the kubelet restarts the container', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(
      withProbes({ livenessProbe: { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 10 } }),
    );
    sim.step(30_000);
    breakPod(sim, 'default', 'web', 'liveness');
    const restartedAt = firstSecond(
      sim,
      120,
      () => (pod(sim).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
    );
    // The probe at 30 s ran before the break; those at 40, 50 and 60 s fail, the third publishes Failure,
    // and the process exits 1 s after SIGTERM.
    expect(restartedAt).toBe(61);
    const events = sim.store
      .list<Event & KubeObject>('Event', 'default')
      .filter((e) => e.involvedObject.name === 'web');
    expect(events.find((e) => e.reason === 'Unhealthy')?.message).toBe(
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
    );
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe(
      'Container web failed liveness probe, will be restarted',
    );
    expect(pod(sim).status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
  });

  it('a crashing container is restarted at once, then after back-offs of 10, 20, 40 and 80 s (CrashLoopBackOff)', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(withProbes({}, '{"crashAfterSeconds": 0}'));
    const starts: number[] = [];
    let last = '';
    for (let t = 0; t <= 300; t++) {
      sim.step(t * 1000);
      const s = pod(sim).status?.containerStatuses?.[0];
      const startedAt = s?.lastState?.terminated?.startedAt;
      if (startedAt && startedAt !== last) {
        last = startedAt;
        starts.push(parseTimestamp(startedAt) / 1000);
      }
    }
    const gaps = starts.slice(1).map((s, i) => s - (starts[i] as number));
    // The first restart is immediate: both instances start and die at 2.2 s, after the image pull.
    expect(starts[0]).toBe(2);
    expect(gaps.slice(0, 4)).toEqual([10, 20, 40, 80]);
    const s = pod(sim).status?.containerStatuses?.[0];
    expect(s?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(pod(sim).status?.phase).toBe('Running');
  });

  it('a startup probe holds back liveness until it succeeds, so a slow app is not killed', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const check = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5, failureThreshold: 3 };
    sim.apply(
      withProbes(
        { startupProbe: { ...check, failureThreshold: 30 }, livenessProbe: check },
        '{"startupSeconds": 40}',
      ),
    );
    sim.step(120_000);
    const s = pod(sim).status?.containerStatuses?.[0];
    expect(s?.restartCount).toBe(0);
    expect(s?.started).toBe(true);
    expect(ready(pod(sim))).toBe(true);
  });

  it('without a startup probe the same slow app is killed by liveness and restarted', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const check = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5, failureThreshold: 3 };
    sim.apply(withProbes({ livenessProbe: check }, '{"startupSeconds": 40}'));
    sim.step(120_000);
    expect(pod(sim).status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(0);
  });
});
