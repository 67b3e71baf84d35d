/**
 * Retroactive default StorageClass assignment (KEP-3333, GA in 1.28): the PV controller gives a claim
 * that asked for no class the default class once one exists. The table is ported from upstream's
 * pkg/controller/volume/persistentvolume/pv_controller_test.go TestRetroactiveStorageClassAssignment
 * ([Unit test set 15]); the last case follows test/integration/volume/persistent_volumes_test.go
 * TestRetroactiveStorageClassAssignment (a claim made before any default class binds once one is made).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Event, KubeObject, PersistentVolumeClaim } from '../api/types';
import { aNode } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { ANN_BETA_STORAGE_CLASS, ANN_DEFAULT_CLASS } from './claims';

type PVC = PersistentVolumeClaim & KubeObject;

function storageClass(name: string, isDefault: boolean): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(isDefault ? { annotations: { [ANN_DEFAULT_CLASS]: 'true' } } : {}) },
    provisioner: 'ebs.csi.aws.com',
    volumeBindingMode: 'Immediate',
    reclaimPolicy: 'Delete',
  };
}

function claim(name: string, o: { cls?: string; annotations?: Record<string, string> } = {}): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
    },
  };
}

const get = (sim: Simulation, n: string) => sim.store.get<PVC>('PersistentVolumeClaim', 'default', n)!;

/** A cluster where the claim is created before the classes (admission cannot give it one). */
function run(classes: KubeObject[], c: PVC): Simulation {
  const sim = createCluster({ seed: 1 });
  sim.apply(aNode({ name: 'n1', zone: 'z1' }));
  sim.apply(c);
  sim.step(1000);
  for (const sc of classes) sim.apply(sc);
  sim.step(sim.now + 500);
  return sim;
}

describe('retroactive default StorageClass assignment (pv_controller_test.go [Unit test set 15])', () => {
  const cases: Array<{ name: string; classes: KubeObject[]; claim: PVC; want: string | undefined }> = [
    {
      name: '15-1 - pvc storage class is not assigned retroactively if there are no default storage classes',
      classes: [storageClass('silver', false)],
      claim: claim('claim15-1'),
      want: undefined,
    },
    {
      name: '15-2 - pvc storage class is assigned retroactively if there are multiple default storage classes',
      classes: [storageClass('gold', true), storageClass('silver', true)],
      claim: claim('claim15-2'),
      want: 'gold',
    },
    {
      name: '15-5 - pvc storage class is assigned retroactively if there is a default',
      classes: [storageClass('gold', true), storageClass('silver', false)],
      claim: claim('claim15-5'),
      want: 'gold',
    },
    {
      name: '15-6 - pvc storage class is not changed if claim is not bound but already has a storage class',
      classes: [storageClass('gold', true), storageClass('copper', false)],
      claim: claim('claim15-6', { cls: 'copper' }),
      want: 'copper',
    },
    {
      name: '15-7 - pvc storage class is not changed if claim is not bound but already set annotation "volume.beta.kubernetes.io/storage-class"',
      classes: [storageClass('gold', true)],
      claim: claim('claim15-7', { annotations: { [ANN_BETA_STORAGE_CLASS]: '' } }),
      want: undefined,
    },
    {
      name: 'a claim that asked for no class with "" keeps it (PersistentVolumeClaimHasClass)',
      classes: [storageClass('gold', true)],
      claim: claim('empty', { cls: '' }),
      want: '',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = run(c.classes, c.claim);
      expect(get(sim, c.claim.metadata.name).spec?.storageClassName).toBe(c.want);
    });

  it('a claim made before any default StorageClass binds once one exists (integration TestRetroactiveStorageClassAssignment)', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n1', zone: 'z1' }));
    sim.apply(claim('data'));
    sim.step(10_000);
    expect(get(sim, 'data').status?.phase).toBe('Pending');
    expect(get(sim, 'data').spec?.storageClassName).toBeUndefined();
    const failed = sim.store
      .list<Event & KubeObject>('Event', 'default')
      .filter((e) => e.reason === 'FailedBinding')
      .map((e) => e.message);
    expect(failed).toContain('no persistent volumes available for this claim and no storage class is set');
    sim.apply(storageClass('standard', true));
    sim.step(sim.now + 10_000);
    const c = get(sim, 'data');
    expect(c.spec?.storageClassName).toBe('standard');
    expect(c.status?.phase).toBe('Bound');
    // The authored copy is as the person wrote it: the class is the cluster's doing.
    expect(
      (sim.authoredOf('PersistentVolumeClaim/default/data')?.spec as PVC['spec'])?.storageClassName,
    ).toBeUndefined();
  });
});

describe('re-applying a claim (kubectl apply)', () => {
  it('keeps the volume it is bound to and the class the cluster gave it', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n1', zone: 'z1' }));
    sim.apply(storageClass('standard', true));
    sim.apply(claim('data'));
    sim.step(10_000);
    const bound = get(sim, 'data');
    expect(bound.status?.phase).toBe('Bound');
    sim.apply({ ...claim('data'), metadata: { ...claim('data').metadata, labels: { tier: 'db' } } });
    sim.step(sim.now + 5000);
    const after = get(sim, 'data');
    expect(after.metadata.labels).toEqual({ tier: 'db' });
    expect(after.spec?.volumeName).toBe(bound.spec?.volumeName);
    expect(after.spec?.storageClassName).toBe('standard');
    expect(after.status?.phase).toBe('Bound');
  });
});
