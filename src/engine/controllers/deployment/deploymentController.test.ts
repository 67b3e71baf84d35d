import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aDeployment, aNode } from '../../testing/builders';
import { ReplicaSetController } from '../replicaset/replicaSetController';
import { TestKubelet } from '../testing/testKubelet';
import { isPodReady } from '../util/rollout';
import { DeploymentController } from './deploymentController';

type D = Deployment & KubeObject;

function sim(): Simulation {
  const s = new Simulation({
    controllers: [
      new DeploymentController(),
      new ReplicaSetController(),
      new TestKubelet({ readyAfterMs: 2000, terminateAfterMs: 1000 }),
    ],
  });
  for (let i = 0; i < 3; i++) s.apply(aNode({ name: `n${i}` }));
  return s;
}

function readyPods(s: Simulation): number {
  return s.store
    .list<Pod & KubeObject>('Pod', 'default')
    .filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
}

function withStrategy(d: D, maxSurge: number, maxUnavailable: number): D {
  return {
    ...d,
    spec: { ...d.spec!, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
  };
}

describe('DeploymentController rolling update', () => {
  it.each([
    { maxSurge: 1, maxUnavailable: 0, floor: 10 },
    { maxSurge: 1, maxUnavailable: 1, floor: 9 },
  ])(
    'a 10-replica Deployment with maxSurge $maxSurge and maxUnavailable $maxUnavailable never has fewer than $floor available pods while its image changes',
    ({ maxSurge, maxUnavailable, floor }) => {
      const s = sim();
      s.apply(withStrategy(aDeployment({ replicas: 10 }), maxSurge, maxUnavailable));
      s.advance(10_000);
      expect(readyPods(s)).toBe(10);
      s.apply(withStrategy(aDeployment({ replicas: 10, image: 'web:2.0' }), maxSurge, maxUnavailable));
      let min = Infinity;
      for (let t = 0; t < 120; t++) {
        s.advance(500);
        min = Math.min(min, readyPods(s));
      }
      expect(min).toBeGreaterThanOrEqual(floor);
      const d = s.store.get<D>('Deployment', 'default', 'web')!;
      expect(d.status).toMatchObject({
        replicas: 10,
        updatedReplicas: 10,
        readyReplicas: 10,
        availableReplicas: 10,
        unavailableReplicas: 0,
      });
      expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
        'NewReplicaSetAvailable',
      );
      const images = s.store
        .list<Pod & KubeObject>('Pod', 'default')
        .map((p) => p.spec?.containers[0]?.image);
      expect(new Set(images)).toEqual(new Set(['web:2.0']));
      const rss = s.store
        .list('ReplicaSet', 'default')
        .map((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision']);
      expect(rss.sort()).toEqual(['1', '2']);
    },
  );

  it('a Recreate Deployment removes every old pod before creating new ones', () => {
    const s = sim();
    const rec = (image: string): D => {
      const d = aDeployment({ replicas: 3, image });
      return { ...d, spec: { ...d.spec!, strategy: { type: 'Recreate' } } };
    };
    s.apply(rec('web:1'));
    s.advance(10_000);
    s.apply(rec('web:2'));
    let mixed = false;
    for (let t = 0; t < 40; t++) {
      s.advance(500);
      const imgs = new Set(
        s.store.list<Pod & KubeObject>('Pod', 'default').map((p) => p.spec?.containers[0]?.image),
      );
      if (imgs.size > 1) mixed = true;
    }
    expect(mixed).toBe(false);
    expect(readyPods(s)).toBe(3);
  });

  it('a Deployment whose pods never become ready reports ProgressDeadlineExceeded after progressDeadlineSeconds', () => {
    const s = new Simulation({ controllers: [new DeploymentController(), new ReplicaSetController()] });
    const d = aDeployment({ replicas: 2 });
    s.apply({ ...d, spec: { ...d.spec!, progressDeadlineSeconds: 30 } });
    s.advance(60_000);
    const got = s.store.get<D>('Deployment', 'default', 'web')!;
    const cond = got.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(cond).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${s.store.list('ReplicaSet')[0]?.metadata.name}" has timed out progressing.`,
    });
  });

  it('a Deployment scaled from 10 to 15 in the middle of a rollout ends with 15 updated and available pods', () => {
    const s = sim();
    s.apply(withStrategy(aDeployment({ replicas: 10 }), 3, 2));
    s.advance(10_000);
    s.apply(withStrategy(aDeployment({ replicas: 10, image: 'web:2.0' }), 3, 2));
    s.advance(1000);
    s.apply(withStrategy(aDeployment({ replicas: 15, image: 'web:2.0' }), 3, 2));
    s.advance(120_000);
    const d = s.store.get<D>('Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({ replicas: 15, updatedReplicas: 15, availableReplicas: 15 });
    expect(readyPods(s)).toBe(15);
  });
});
