import { describe, expect, it } from 'vitest';
import { findBestMatchForClaim } from './binding';
import type { PV, PVC } from './claims';

type Mode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany';
const RWO: Mode = 'ReadWriteOnce';
const ROX: Mode = 'ReadOnlyMany';
const RWX: Mode = 'ReadWriteMany';

function pv(
  name: string,
  size: string,
  modes: Mode[],
  o: { bound?: boolean; cls?: string; labels?: Record<string, string> } = {},
): PV {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: size },
      accessModes: modes,
      ...(o.cls ? { storageClassName: o.cls } : {}),
      ...(o.bound ? { claimRef: { uid: 'someone-else', name: 'other', namespace: 'myns' } } : {}),
    },
  };
}

function pvc(
  size: string,
  modes: Mode[] = [ROX, RWO],
  o: { cls?: string; selector?: Record<string, string> } = {},
): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'claim01', namespace: 'myns', uid: 'claim-uid' },
    spec: {
      accessModes: modes,
      resources: { requests: { storage: size } },
      ...(o.cls ? { storageClassName: o.cls } : {}),
      ...(o.selector ? { selector: { matchLabels: o.selector } } : {}),
    },
  };
}

// createTestVolumes of pkg/controller/volume/persistentvolume/index_test.go (gluster volumes as NFS here).
const testVolumes = (): PV[] => [
  pv('gce-pd-10', '10G', [RWO, ROX]),
  pv('gce-pd-20', '20G', [RWO, ROX], { bound: true }),
  pv('nfs-5', '5G', [RWO, ROX, RWX]),
  pv('gce-pd-1', '1G', [RWO, ROX], { bound: true }),
  pv('nfs-10', '10G', [RWO, ROX, RWX]),
  pv('gce-pd-5', '5G', [RWO, ROX]),
  pv('nfs-1', '1G', [RWO, ROX, RWX]),
  pv('gce-pd-2', '20000G', [RWO], { labels: { 'should-exist': 'true' } }),
  pv('gce-pd-silver1', '10000G', [RWO], { cls: 'silver', labels: { 'should-exist': 'true' } }),
  pv('gce-pd-silver2', '100G', [RWO], { cls: 'silver' }),
  pv('gce-pd-gold', '50G', [RWO], { cls: 'gold' }),
];

describe('TestMatchVolume (persistentvolume/index_test.go)', () => {
  const cases: Array<[string, PVC, string | undefined]> = [
    ['successful-match-gce-10: 8G goes to the smallest RWO+ROX volume that fits', pvc('8G'), 'gce-pd-10'],
    ['successful-match-nfs-5: asking for RWX too finds the NFS group', pvc('5G', [ROX, RWO, RWX]), 'nfs-5'],
    ['successful-skip-1g-bound-volume: a bound 1G volume is skipped', pvc('1G'), 'gce-pd-5'],
    ['successful-no-match: nothing holds 999G', pvc('999G'), undefined],
    [
      'successful-no-match-due-to-label: no volume has the label',
      pvc('999G', [ROX, RWO], { selector: { 'should-not-exist': 'true' } }),
      undefined,
    ],
    [
      'successful-no-match-due-to-size-constraint-with-label-selector: the labelled volume lacks ROX',
      pvc('20000G', [ROX, RWO], { selector: { 'should-exist': 'true' } }),
      undefined,
    ],
    [
      'successful-match-due-with-constraint-and-label-selector',
      pvc('20000G', [RWO], { selector: { 'should-exist': 'true' } }),
      'gce-pd-2',
    ],
    [
      'successful-match-with-class: the class and the selector both count',
      pvc('1G', [RWO], { cls: 'silver', selector: { 'should-exist': 'true' } }),
      'gce-pd-silver1',
    ],
    [
      'successful-match-with-class-and-labels: the smallest volume of the class',
      pvc('1G', [RWO], { cls: 'silver' }),
      'gce-pd-silver2',
    ],
  ];
  for (const [name, claim, want] of cases)
    it(name, () => {
      expect(findBestMatchForClaim(claim, testVolumes())?.metadata.name).toBe(want);
    });
});

describe('TestFindingVolumeWithDifferentAccessModes (persistentvolume/index_test.go)', () => {
  const gce = () => pv('gce', '10G', [RWO, ROX]);
  const ebs = () => pv('ebs', '10G', [RWO]);
  const nfs = () => pv('nfs', '10G', [RWO, ROX, RWX]);
  const cases: Array<[string, PV[], Mode[], string]> = [
    ['RWO finds the volume with exactly RWO', [gce(), ebs(), nfs()], [RWO], 'ebs'],
    ['RWO+ROX finds the RWO+ROX volume', [gce(), ebs(), nfs()], [RWO, ROX], 'gce'],
    ['the order of the requested modes does not matter', [gce(), ebs(), nfs()], [RWX, RWO, ROX], 'nfs'],
    ['fewer modes requested still match', [gce(), ebs(), nfs()], [RWX], 'nfs'],
    [
      'with the exact match bound, the next level of modes',
      [gce(), pv('ebs', '10G', [RWO], { bound: true }), nfs()],
      [RWO],
      'gce',
    ],
    [
      'with both bound, up again',
      [pv('gce', '10G', [RWO, ROX], { bound: true }), pv('ebs', '10G', [RWO], { bound: true }), nfs()],
      [RWO],
      'nfs',
    ],
    ['a partial mode request', [gce(), pv('ebs', '10G', [RWO], { bound: true }), nfs()], [ROX], 'gce'],
  ];
  for (const [name, volumes, modes, want] of cases)
    it(name, () => {
      expect(findBestMatchForClaim(pvc('1G', modes), volumes)?.metadata.name).toBe(want);
    });
});

describe('TestFindingPreboundVolumes (persistentvolume/index_test.go)', () => {
  const claimRef = { name: 'claim01', namespace: 'myns', uid: 'claim-uid' };
  const vol = (name: string, size: string, o: { modes?: Mode[]; ref?: object } = {}): PV => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: size },
      accessModes: o.modes ?? [RWO],
      hostPath: { path: '/tmp' },
      ...(o.ref ? { claimRef: o.ref } : {}),
    },
  });
  const cases: Array<[string, PV[], string]> = [
    ['the exact size wins', [vol('pv1', '1Gi'), vol('pv5', '5Gi'), vol('pv8', '8Gi')], 'pv1'],
    [
      'with the exact size pre-bound elsewhere, the next size up',
      [vol('pv1', '1Gi', { ref: { name: 'foo', namespace: 'bar' } }), vol('pv5', '5Gi'), vol('pv8', '8Gi')],
      'pv5',
    ],
    [
      'a larger volume pre-bound to the claim wins',
      [vol('pv1', '1Gi'), vol('pv5', '5Gi'), vol('pv8', '8Gi', { ref: claimRef })],
      'pv8',
    ],
    [
      'a pre-bound volume that is too small does not',
      [vol('pv1', '1Gi'), vol('pvBadSize', '1Mi', { ref: claimRef })],
      'pv1',
    ],
    [
      'a pre-bound volume without the mode does not',
      [vol('pv1', '1Gi'), vol('pvBadMode', '1Gi', { modes: [ROX], ref: claimRef })],
      'pv1',
    ],
  ];
  for (const [name, volumes, want] of cases)
    it(name, () => {
      expect(findBestMatchForClaim(pvc('1Gi', [RWO]), volumes)?.metadata.name).toBe(want);
    });
});
