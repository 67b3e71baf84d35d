import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ReplicaSet } from '../../api/types';
import { controllerOf } from '../../api/meta';
import { Simulation } from '../../core/simulation';
import { aNode, aPod } from '../../testing/builders';
import { TestKubelet } from '../testing/testKubelet';
import { ReplicaSetController } from './replicaSetController';

type RS = ReplicaSet & KubeObject;

function rs(replicas: number): RS {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'frontend', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { tier: 'frontend' } },
      template: {
        metadata: { labels: { tier: 'frontend' } },
        spec: { containers: [{ name: 'php', image: 'php:1' }] },
      },
    },
  };
}

function sim(kubelet = true): Simulation {
  const s = new Simulation({
    controllers: [new ReplicaSetController(), ...(kubelet ? [new TestKubelet({ readyAfterMs: 1000 })] : [])],
  });
  s.apply(aNode({ name: 'n0' }));
  return s;
}

const pods = (s: Simulation): Array<Pod & KubeObject> =>
  s.store.list<Pod & KubeObject>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);

describe('ReplicaSetController', () => {
  it('a ReplicaSet creates pods named after it with its template labels and a controller reference', () => {
    const s = sim();
    s.apply(rs(3));
    s.advance(5000);
    const got = pods(s);
    expect(got).toHaveLength(3);
    for (const p of got) {
      expect(p.metadata.name).toMatch(/^frontend-[a-z0-9]{5}$/);
      expect(p.metadata.labels).toEqual({ tier: 'frontend' });
      expect(controllerOf(p)?.name).toBe('frontend');
    }
    expect(s.store.get<RS>('ReplicaSet', 'default', 'frontend')?.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      fullyLabeledReplicas: 3,
    });
  });

  it('a scale-down deletes the pending pods before the running ones', () => {
    const s = sim(false);
    s.apply(rs(2));
    s.advance(1000);
    const [a] = pods(s);
    s.store.apply({
      type: 'update',
      object: {
        ...a!,
        spec: { ...a!.spec!, nodeName: 'n0' },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      },
    });
    s.apply(rs(1));
    s.advance(1000);
    expect(pods(s).map((p) => p.metadata.name)).toEqual([a!.metadata.name]);
  });

  it('an orphan pod matching the selector is adopted and counts toward replicas', () => {
    const s = sim(false);
    s.apply({ ...aPod({ name: 'stray', labels: { tier: 'frontend' } }) });
    s.apply(rs(1));
    s.advance(1000);
    const got = pods(s);
    expect(got.map((p) => p.metadata.name)).toEqual(['stray']);
    expect(controllerOf(got[0]!)?.name).toBe('frontend');
  });

  it('an owned pod whose labels stop matching is released and replaced', () => {
    const s = sim(false);
    s.apply(rs(1));
    s.advance(1000);
    const [p] = pods(s);
    s.store.apply({
      type: 'update',
      object: { ...p!, metadata: { ...p!.metadata, labels: { tier: 'debug' } } },
    });
    s.advance(1000);
    const released = s.store.get('Pod', 'default', p!.metadata.name)!;
    expect(controllerOf(released)).toBeUndefined();
    expect(pods(s)).toHaveLength(2);
  });

  it('a pod counts as available only after being Ready for minReadySeconds', () => {
    const s = sim();
    const set = rs(3);
    s.apply({ ...set, spec: { ...set.spec!, minReadySeconds: 10 } });
    s.advance(6000);
    const status = (): RS['status'] => s.store.get<RS>('ReplicaSet', 'default', 'frontend')?.status;
    expect(status()).toMatchObject({ readyReplicas: 3, availableReplicas: 0 });
    s.advance(10_000);
    expect(status()).toMatchObject({ readyReplicas: 3, availableReplicas: 3 });
  });
});
