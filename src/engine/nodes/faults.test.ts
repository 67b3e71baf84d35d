import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject, Pod } from '../api/types';
import { aNode, aPod } from '../testing/builders';
import { BEHAVIOR_ANNOTATION } from '../behavior';
import { aDeployment } from '../testing/builders';
import { breakPod, failNode, healPod, originBehavior, podBreaks, recoverNode } from './faults';

type P = Pod & KubeObject;

describe('simulator faults', () => {
  const missing: Array<[string, (sim: ReturnType<typeof createCluster>) => void, string]> = [
    [
      'failing a missing node',
      (sim) => failNode(sim, 'x'),
      'Error from server (NotFound): nodes "x" not found',
    ],
    [
      'recovering a missing node',
      (sim) => recoverNode(sim, 'x'),
      'Error from server (NotFound): nodes "x" not found',
    ],
    [
      'healing a missing pod',
      (sim) => healPod(sim, 'default', 'x', 'readiness'),
      'Error from server (NotFound): pods "x" not found',
    ],
    [
      'breaking a missing pod',
      (sim) => breakPod(sim, 'default', 'x', 'crash'),
      'Error from server (NotFound): pods "x" not found',
    ],
  ];
  for (const [name, act, message] of missing)
    it(`${name} throws kubectl's NotFound message`, () => {
      expect(() => act(createCluster())).toThrow(message);
    });

  it('a failed node keeps the fault annotation until it is recovered, and nothing of it is authored', () => {
    const sim = createCluster();
    sim.apply(aNode({ name: 'n' }));
    failNode(sim, 'n');
    expect(sim.store.get('Node', undefined, 'n')?.metadata.annotations?.['kubecanvas.dev/fault']).toBe(
      'down',
    );
    expect(sim.authored()[0]?.metadata.annotations).toBeUndefined();
    recoverNode(sim, 'n');
    expect(
      sim.store.get('Node', undefined, 'n')?.metadata.annotations?.['kubecanvas.dev/fault'],
    ).toBeUndefined();
  });

  it('a crashed pod restarts, then backs off (CrashLoopBackOff)', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    sim.apply(aPod({ name: 'p' }));
    sim.step(10_000);
    breakPod(sim, 'default', 'p', 'crash');
    sim.step(12_000);
    const p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it('a pod with broken readiness stays Running but not Ready, and is not restarted', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const probe = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5 };
    sim.apply(
      aPod({
        name: 'p',
        spec: {
          containers: [{ name: 'app', image: 'web:1.0', readinessProbe: probe, livenessProbe: probe }],
        },
      }),
    );
    sim.step(20_000);
    expect(sim.store.get<P>('Pod', 'default', 'p')?.status?.containerStatuses?.[0]?.ready).toBe(true);
    breakPod(sim, 'default', 'p', 'readiness');
    sim.step(60_000);
    const s = sim.store.get<P>('Pod', 'default', 'p')?.status?.containerStatuses?.[0];
    expect(s?.ready).toBe(false);
    expect(s?.restartCount).toBe(0);
  });

  it('healing a broken readiness probe makes the pod Ready again', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const probe = { httpGet: { path: '/_health', port: 8080 }, periodSeconds: 5 };
    sim.apply(
      aPod({ name: 'p', spec: { containers: [{ name: 'app', image: 'web:1.0', readinessProbe: probe }] } }),
    );
    sim.step(20_000);
    breakPod(sim, 'default', 'p', 'readiness');
    sim.step(60_000);
    const broken = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(podBreaks(broken, undefined)).toEqual(['readiness']);
    healPod(sim, 'default', 'p', 'readiness');
    sim.step(90_000);
    const p = sim.store.get<P>('Pod', 'default', 'p')!;
    expect(p.metadata.annotations?.['kubecanvas.dev/probe-fault']).toBeUndefined();
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(true);
    expect(podBreaks(p, undefined)).toEqual([]);
  });

  it('healing liveness and a crash puts back what the template says, not the defaults', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode());
    const d = aDeployment({ name: 'web', replicas: 1 });
    const behaviour = JSON.stringify({ crashAfterSeconds: 600 });
    d.spec!.template.metadata = {
      ...d.spec!.template.metadata,
      annotations: { [BEHAVIOR_ANNOTATION]: behaviour },
    };
    sim.apply(d);
    sim.step(10_000);
    const name = sim.store.list<P>('Pod', 'default')[0]!.metadata.name;
    breakPod(sim, 'default', name, 'liveness');
    breakPod(sim, 'default', name, 'crash');
    let p = sim.store.get<P>('Pod', 'default', name)!;
    expect(originBehavior(sim.store, p)).toBe(behaviour);
    expect(podBreaks(p, originBehavior(sim.store, p))).toEqual(['liveness', 'crash']);
    healPod(sim, 'default', name, 'crash');
    p = sim.store.get<P>('Pod', 'default', name)!;
    expect(JSON.parse(p.metadata.annotations?.[BEHAVIOR_ANNOTATION] ?? '{}')).toEqual({
      healthy: false,
      crashAfterSeconds: 600,
    });
    healPod(sim, 'default', name, 'liveness');
    p = sim.store.get<P>('Pod', 'default', name)!;
    expect(p.metadata.annotations?.[BEHAVIOR_ANNOTATION]).toBe(behaviour);
    expect(podBreaks(p, originBehavior(sim.store, p))).toEqual([]);
  });
});
