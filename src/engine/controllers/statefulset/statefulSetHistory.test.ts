import { describe, expect, it } from 'vitest';
import type { KubeObject, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aNode } from '../../testing/builders';
import { TestKubelet } from '../testing/testKubelet';
import { listRevisions, REVISION_HASH } from '../util/history';
import { rollbackWorkload, workloadHistory } from '../util/workloadRollout';
import { StatefulSetController } from './statefulSetController';

type SS = StatefulSet & KubeObject;
type P = Pod & KubeObject;

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

function sim(): Simulation {
  const s = new Simulation({
    controllers: [
      new StatefulSetController(),
      new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 }),
    ],
  });
  s.apply(aNode({ name: 'n0' }));
  return s;
}

const set = (s: Simulation): SS => s.store.get<SS>('StatefulSet', 'default', 'web') as SS;
const pods = (s: Simulation): P[] =>
  s.store.list<P>('Pod', 'default').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
const images = (s: Simulation): string[] => pods(s).map((p) => p.spec?.containers[0]?.image ?? '');
const revisions = (s: Simulation): Array<[number, string]> =>
  listRevisions(s.store, set(s)).map((r) => [
    r.revision,
    (r.data as never as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec
      .template.spec.containers[0]?.image ?? '',
  ]);

// Upstream pkg/controller/statefulset/stateful_set_control_test.go, TestStatefulSetControl_getSetRevisions.
describe('StatefulSet ControllerRevisions (TestStatefulSetControl_getSetRevisions)', () => {
  it('creates initial revision', () => {
    const s = sim();
    s.apply(web('nginx:1'));
    s.advance(20_000);
    expect(revisions(s)).toEqual([[1, 'nginx:1']]);
    const st = set(s).status;
    expect(st?.currentRevision).toBe(st?.updateRevision);
    expect(pods(s).every((p) => p.metadata.labels?.[REVISION_HASH] === st?.updateRevision)).toBe(true);
    expect(st?.updateRevision).toMatch(/^web-/);
  });

  it('creates revision on update, and must not recreate a new revision of same set', () => {
    const s = sim();
    s.apply(web('nginx:1'));
    s.advance(20_000);
    s.apply(web('nginx:2', { updateStrategy: { type: 'OnDelete' } }));
    s.advance(1_000);
    s.apply(web('nginx:2', { updateStrategy: { type: 'OnDelete' } }));
    s.advance(1_000);
    expect(revisions(s)).toEqual([
      [1, 'nginx:1'],
      [2, 'nginx:2'],
    ]);
    const st = set(s).status;
    expect(st?.currentRevision).not.toBe(st?.updateRevision);
    expect(st).toMatchObject({ currentReplicas: 3, updatedReplicas: 0 });
  });

  it('must rollback to a previous revision (renumbered after the latest)', () => {
    const s = sim();
    for (const image of ['nginx:1', 'nginx:2', 'nginx:3', 'nginx:2']) {
      s.apply(web(image));
      s.advance(30_000);
    }
    expect(revisions(s)).toEqual([
      [1, 'nginx:1'],
      [3, 'nginx:3'],
      [4, 'nginx:2'],
    ]);
    expect(images(s)).toEqual(['nginx:2', 'nginx:2', 'nginx:2']);
  });

  it('keeps at most revisionHistoryLimit revisions that no pod uses', () => {
    const s = sim();
    for (const image of ['a', 'b', 'c', 'd']) {
      s.apply(web(image, { revisionHistoryLimit: 1 }));
      s.advance(30_000);
    }
    expect(revisions(s).map(([, img]) => img)).toEqual(['c', 'd']);
  });
});

describe('StatefulSet revisions for recreated pods (newVersionedStatefulSetPod)', () => {
  it('recreates a pod below the partition from the current revision, not the new template', () => {
    const s = sim();
    s.apply(web('nginx:1'));
    s.advance(20_000);
    s.apply(web('nginx:2', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    s.advance(20_000);
    expect(images(s)).toEqual(['nginx:1', 'nginx:1', 'nginx:2']);
    s.delete('Pod', 'default', 'web-0');
    s.advance(20_000);
    expect(images(s)).toEqual(['nginx:1', 'nginx:1', 'nginx:2']);
    const st = set(s).status;
    expect(pods(s)[0]?.metadata.labels?.[REVISION_HASH]).toBe(st?.currentRevision);
  });
});

// Upstream stateful_set_control_test.go, TestStatefulSetControlRollingUpdateWithMaxUnavailable: six pods in
// Parallel (burst) mode, partition 3, maxUnavailable 2: the two highest go together, ordinals below 3 stay.
describe('StatefulSet RollingUpdate maxUnavailable (TestStatefulSetControlRollingUpdateWithMaxUnavailable)', () => {
  it('deletes web-5 and web-4 at once, then web-3, and leaves the ordinals below the partition', () => {
    const s = sim();
    const spec = { replicas: 6, podManagementPolicy: 'Parallel' } as const;
    s.apply(web('nginx:1', spec));
    s.advance(20_000);
    const deleted: Array<[string, number]> = [];
    s.watch((e) => {
      if (e.type === 'DELETED' && e.object.kind === 'Pod') deleted.push([e.object.metadata.name, e.time]);
    });
    s.apply(
      web('nginx:2', {
        ...spec,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3, maxUnavailable: 2 } },
      }),
    );
    s.advance(30_000);
    expect(deleted.map(([n]) => n)).toEqual(['web-5', 'web-4', 'web-3']);
    expect(deleted[0]?.[1]).toBe(deleted[1]?.[1]);
    expect(images(s)).toEqual(['nginx:1', 'nginx:1', 'nginx:1', 'nginx:2', 'nginx:2', 'nginx:2']);
  });
});

// Upstream stateful_set_utils_test.go, TestClaimOwnerMatchesSetAndPod / TestUpdateClaimOwnerRefForSetAndPod
// (the retention matrix), seen through the garbage collector.
describe('StatefulSet persistentVolumeClaimRetentionPolicy', () => {
  const claims = (s: Simulation): string[] =>
    s.store
      .list<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', 'default')
      .map((c) => c.metadata.name)
      .sort();
  it.each([
    ['Retain', 'Retain', ['www-web-0', 'www-web-1', 'www-web-2']],
    ['Delete', 'Retain', ['www-web-0', 'www-web-1', 'www-web-2']],
    ['Retain', 'Delete', ['www-web-0']],
    ['Delete', 'Delete', ['www-web-0']],
  ] as const)(
    'whenDeleted %s, whenScaled %s keeps %j after a scale to 1',
    (whenDeleted, whenScaled, want) => {
      const s = sim();
      const policy = { persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled } };
      s.apply(web('nginx:1', policy));
      s.advance(20_000);
      s.apply(web('nginx:1', { ...policy, replicas: 1 }));
      s.advance(20_000);
      expect(claims(s)).toEqual(want);
    },
  );

  it.each([
    ['Retain', 1],
    ['Delete', 0],
  ] as const)('whenDeleted %s leaves %i claims after the StatefulSet is deleted', (whenDeleted, want) => {
    const s = sim();
    s.apply(
      web('nginx:1', {
        replicas: 1,
        persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled: 'Retain' },
      }),
    );
    s.advance(20_000);
    s.delete('StatefulSet', 'default', 'web');
    s.advance(20_000);
    expect(claims(s)).toHaveLength(want);
  });
});

// kubectl polymorphichelpers history.go and rollback.go (StatefulSetHistoryViewer, StatefulSetRollbacker).
describe('kubectl rollout history and undo for a StatefulSet', () => {
  it('lists the revisions and rolls back to the previous one, then to a given one', () => {
    const s = sim();
    s.apply(web('nginx:1'));
    s.advance(20_000);
    s.apply(web('nginx:2'));
    s.advance(30_000);
    expect(workloadHistory(s, 'StatefulSet', 'default', 'web').map((r) => r.revision)).toEqual([1, 2]);
    expect(rollbackWorkload(s, 'StatefulSet', 'default', 'web')).toBe('rolled back');
    s.advance(30_000);
    expect(images(s)).toEqual(['nginx:1', 'nginx:1', 'nginx:1']);
    expect(workloadHistory(s, 'StatefulSet', 'default', 'web').map((r) => r.revision)).toEqual([2, 3]);
    expect(rollbackWorkload(s, 'StatefulSet', 'default', 'web', 3)).toBe(
      'skipped rollback (current template already matches revision 3)',
    );
    expect(() => rollbackWorkload(s, 'StatefulSet', 'default', 'web', 9)).toThrow(
      'unable to find specified revision 9 in history',
    );
  });
});
