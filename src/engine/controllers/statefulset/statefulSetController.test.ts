import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, StatefulSet } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aNode } from '../../testing/builders';
import { TestKubelet } from '../testing/testKubelet';
import { isPodReady } from '../util/rollout';
import { ordinalOf, StatefulSetController } from './statefulSetController';

type SS = StatefulSet & KubeObject;

function web(image: string, extra: Partial<NonNullable<SS['spec']>> = {}): SS {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...extra,
    },
  };
}

function setup(): {
  sim: Simulation;
  created: string[];
  readyAt: Map<string, number>;
  createdAt: Map<string, number>;
} {
  const sim = new Simulation({
    controllers: [
      new StatefulSetController(),
      new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 }),
    ],
  });
  sim.apply(aNode({ name: 'n0' }));
  const created: string[] = [];
  const readyAt = new Map<string, number>();
  const createdAt = new Map<string, number>();
  sim.watch((e) => {
    if (e.object.kind !== 'Pod') return;
    if (e.type === 'ADDED') {
      created.push(e.object.metadata.name);
      createdAt.set(e.object.metadata.name, e.time);
    }
    if (e.type === 'MODIFIED' && isPodReady(e.object as Pod) && !readyAt.has(e.object.metadata.name))
      readyAt.set(e.object.metadata.name, e.time);
  });
  return { sim, created, readyAt, createdAt };
}

describe('StatefulSetController', () => {
  it('a 3-replica StatefulSet creates web-0, web-1, web-2 in that order, each after the previous is Ready', () => {
    const { sim, created, readyAt, createdAt } = setup();
    sim.apply(web('nginx:1'));
    sim.advance(20_000);
    expect(created).toEqual(['web-0', 'web-1', 'web-2']);
    expect(createdAt.get('web-1')!).toBeGreaterThanOrEqual(readyAt.get('web-0')!);
    expect(createdAt.get('web-2')!).toBeGreaterThanOrEqual(readyAt.get('web-1')!);
    expect(
      sim.store
        .list('PersistentVolumeClaim', 'default')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    const pod = sim.store.get<Pod & KubeObject>('Pod', 'default', 'web-1')!;
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.spec?.volumes).toContainEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-1' },
    });
  });

  it('a RollingUpdate replaces the pods web-2, web-1, web-0 in that order', () => {
    const { sim, created } = setup();
    sim.apply(web('nginx:1'));
    sim.advance(20_000);
    created.length = 0;
    sim.apply(web('nginx:2'));
    sim.advance(30_000);
    expect(created).toEqual(['web-2', 'web-1', 'web-0']);
    const images = sim.store
      .list<Pod & KubeObject>('Pod', 'default')
      .map((p) => p.spec?.containers[0]?.image);
    expect(images).toEqual(['nginx:2', 'nginx:2', 'nginx:2']);
    const set = sim.store.get<SS>('StatefulSet', 'default', 'web')!;
    expect(set.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      currentReplicas: 3,
    });
    expect(set.status?.currentRevision).toBe(set.status?.updateRevision);
  });

  it('a partition of 2 updates only the ordinals at or above it', () => {
    const { sim, created } = setup();
    sim.apply(web('nginx:1'));
    sim.advance(20_000);
    created.length = 0;
    sim.apply(web('nginx:2', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    sim.advance(30_000);
    expect(created).toEqual(['web-2']);
  });

  it('a scale-down removes the highest ordinal first and keeps the PVCs', () => {
    const { sim } = setup();
    sim.apply(web('nginx:1'));
    sim.advance(20_000);
    const deleted: string[] = [];
    sim.watch((e) =>
      e.object.kind === 'Pod' && e.type === 'DELETED' ? deleted.push(e.object.metadata.name) : undefined,
    );
    sim.apply(web('nginx:1', { replicas: 1 }));
    sim.advance(20_000);
    expect(deleted).toEqual(['web-2', 'web-1']);
    expect(sim.store.list('PersistentVolumeClaim', 'default')).toHaveLength(3);
  });

  it.each([
    ['web', 'web-0', 0],
    ['web', 'web-12', 12],
    ['web', 'web-x', -1],
    ['web', 'webs-1', -1],
    ['web', 'web-01', -1],
  ])('the ordinal of %s pod %s is %i', (set, pod, want) => {
    expect(ordinalOf(set, pod)).toBe(want);
  });
});
