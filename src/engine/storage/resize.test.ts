import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Event, KubeObject, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types';
import { aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { runCommand } from '../commands';
import { claimUpdateRefusal, NODE_EXPAND_MS, RESIZE_MS } from './resize';
import type { SC } from './claims';

type PVC = PersistentVolumeClaim & KubeObject;
type PV = PersistentVolume & KubeObject;
type P = Pod & KubeObject;

const DYNAMIC_ONLY =
  'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

/** A claim as the admission and validation tests write them: class, request, status capacity and phase. */
function pvc(o: { cls?: string; request: string; capacity?: string; phase?: string; volume?: string }): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'foo', namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: o.request } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
      ...(o.volume ? { volumeName: o.volume } : {}),
    },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.capacity ? { capacity: { storage: o.capacity } } : {}),
    },
  };
}

const sc = (name: string, allow: boolean): SC => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'kubernetes.io/glusterfs',
  allowVolumeExpansion: allow,
});

describe('claim updates the API server refuses', () => {
  // plugin/pkg/admission/storage/persistentvolume/resize/admission_test.go, TestPVCResizeAdmission
  const classes = new Map([
    ['gold', sc('gold', true)],
    ['silver', sc('silver', false)],
  ]);
  const admission: Array<{ name: string; old: PVC; updated: PVC; want: string | undefined }> = [
    {
      name: 'pvc-resize, update, no error',
      old: pvc({ cls: 'gold', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume1' }),
      updated: pvc({ cls: 'gold', request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume1' }),
      want: undefined,
    },
    {
      name: 'pvc-resize, update, dynamically provisioned error (no class)',
      old: pvc({ request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume3' }),
      updated: pvc({ request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume3' }),
      want: `persistentvolumeclaims "foo" is forbidden: ${DYNAMIC_ONLY}`,
    },
    {
      name: 'pvc-resize, update, dynamically provisioned error (class without allowVolumeExpansion)',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      updated: pvc({ cls: 'silver', request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      want: `persistentvolumeclaims "foo" is forbidden: ${DYNAMIC_ONLY}`,
    },
    {
      name: 'PVC update with no change in size',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '0Gi', phase: 'Pending' }),
      updated: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      want: undefined,
    },
    {
      name: 'expand pvc in pending state',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '0Gi', phase: 'Pending' }),
      updated: pvc({ cls: 'silver', request: '2Gi', capacity: '0Gi', phase: 'Pending' }),
      want: 'persistentvolumeclaims "foo" is forbidden: Only bound persistent volume claims can be expanded',
    },
  ];
  for (const c of admission)
    it(`admission: ${c.name}`, () => {
      expect(claimUpdateRefusal(c.old, c.updated, (n) => classes.get(n))?.message).toBe(c.want);
    });

  // pkg/apis/core/validation/validation_test.go, TestValidatePersistentVolumeClaimUpdate, the storage
  // cases with RecoverVolumeExpansionFailure on (GA in 1.34).
  const SHRINK = `PersistentVolumeClaim "foo" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity`;
  const validation: Array<{ name: string; old: PVC; updated: PVC; want: string | undefined }> = [
    {
      name: 'valid-expand-shrink-resize-enabled (down to above status.capacity, to recover)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '13G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: undefined,
    },
    {
      name: 'invalid-expand-shrink-resize-enabled (below status.capacity)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '9G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'invalid-expand-shrink-to-status-resize-enabled (down to status.capacity itself)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '10G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'shrinking a claim that never grew is refused',
      old: pvc({ cls: 'gold', request: '10Gi', capacity: '10Gi', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '5Gi', capacity: '10Gi', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'the same size written another way is no change',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'silver', request: '1024Mi', capacity: '1Gi', phase: 'Bound', volume: 'v' }),
      want: undefined,
    },
  ];
  for (const c of validation)
    it(`validation: ${c.name}`, () => {
      const r = claimUpdateRefusal(c.old, c.updated, (n) => classes.get(n));
      expect(r?.message).toBe(c.want);
      if (c.want) expect(r?.reason).toBe('Invalid');
    });
});

// ---- the expansion, end to end ----

function storageClass(name: string, provisioner: string, allow: boolean): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: allow,
  };
}

function claim(name: string, cls: string, size: string, volumeMode?: string): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: cls,
      resources: { requests: { storage: size } },
      ...(volumeMode ? { volumeMode } : {}),
    },
  };
}

const live = (sim: Simulation, n: string) => sim.store.get<PVC>('PersistentVolumeClaim', 'default', n)!;
const volumeOf = (sim: Simulation, c: PVC) =>
  sim.store.get<PV>('PersistentVolume', undefined, c.spec?.volumeName ?? '')!;
const conditionTypes = (c: PVC) => (c.status?.conditions ?? []).map((x) => x.type);

function events(sim: Simulation, name: string): Array<[string, string, string]> {
  return sim.store
    .list<Event & KubeObject>('Event', 'default')
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? ''))
    .map((e) => [e.reason ?? '', e.source?.component ?? '', e.message ?? '']);
}

const RESIZE_REASONS = new Set([
  'ExternalExpanding',
  'Resizing',
  'FileSystemResizeRequired',
  'FileSystemResizeSuccessful',
  'VolumeResizeSuccessful',
]);
const resizeEvents = (sim: Simulation, name: string) =>
  events(sim, name).filter(([r]) => RESIZE_REASONS.has(r));

/** A cluster with one node and a bound 10Gi claim `data` of class `fast` (gp3-like, expandable). */
function boundClaim(o: { allow?: boolean; provisioner?: string; volumeMode?: string } = {}): Simulation {
  const sim = createCluster({ seed: 1 });
  sim.apply(aNode({ name: 'node-1', zone: 'eu-a' }));
  sim.apply(storageClass('fast', o.provisioner ?? 'ebs.csi.aws.com', o.allow ?? true));
  sim.apply(claim('data', 'fast', '10Gi', o.volumeMode));
  sim.step(10_000);
  expect(live(sim, 'data').status?.phase).toBe('Bound');
  return sim;
}

const grow = (sim: Simulation, size: string, volumeMode?: string) =>
  sim.apply(claim('data', 'fast', size, volumeMode));

describe('volume expansion (expand controller, external resizer, kubelet)', () => {
  it('a class that does not allow expansion refuses the bigger size; kubectl apply says so', () => {
    const sim = boundClaim({ allow: false });
    expect(() => grow(sim, '20Gi')).toThrow(`persistentvolumeclaims "data" is forbidden: ${DYNAMIC_ONLY}`);
    expect(live(sim, 'data').spec?.resources?.requests?.storage).toBe('10Gi');
    const r = runCommand(sim, 'kubectl apply -f -', { objects: [claim('data', 'fast', '20Gi')] });
    expect(r.ok).toBe(false);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when applying patch "STDIN": persistentvolumeclaims "data" is forbidden: ${DYNAMIC_ONLY}`,
    );
    // The authored copy is untouched: export still writes 10Gi.
    expect(
      (sim.authored().find((o) => o.metadata.name === 'data') as PVC).spec?.resources?.requests?.storage,
    ).toBe('10Gi');
  });

  it('shrinking is refused in the API server words', () => {
    const sim = boundClaim();
    expect(() => grow(sim, '5Gi')).toThrow(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
  });

  it('a filesystem volume in use: Resizing, the volume grows, FileSystemResizePending, then the kubelet grows the filesystem', () => {
    const sim = boundClaim();
    sim.apply(
      aPod({ name: 'db', spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
    );
    sim.step(sim.now + 30_000);
    expect(sim.store.get<P>('Pod', 'default', 'db')?.status?.phase).toBe('Running');
    const pvName = live(sim, 'data').spec?.volumeName ?? '';
    const t0 = sim.now;
    grow(sim, '20Gi');
    sim.step(t0);
    let c = live(sim, 'data');
    expect(conditionTypes(c)).toEqual(['Resizing']);
    expect(c.status?.allocatedResources).toEqual({ storage: '20Gi' });
    expect(c.status?.allocatedResourceStatuses).toEqual({ storage: 'ControllerResizeInProgress' });
    expect(c.status?.capacity?.['storage']).toBe('10Gi');
    expect(c.metadata.annotations?.['volume.kubernetes.io/storage-resizer']).toBe('ebs.csi.aws.com');

    sim.step(t0 + RESIZE_MS);
    c = live(sim, 'data');
    expect(volumeOf(sim, c).spec?.capacity?.['storage']).toBe('20Gi');
    expect(conditionTypes(c)).toEqual(['FileSystemResizePending']);
    expect(c.status?.conditions?.[0]?.message).toBe(
      'Waiting for user to (re-)start a pod to finish file system resize of volume on node.',
    );
    expect(c.status?.allocatedResourceStatuses).toEqual({ storage: 'NodeResizePending' });
    expect(c.status?.capacity?.['storage']).toBe('10Gi');
    expect(runCommand(sim, 'kubectl get pvc data').output.split('\n')[1]).toContain('10Gi');
    // describePersistentVolumeClaim (pkg/describe/describe.go): the claim's Conditions while it grows.
    const described = runCommand(sim, 'kubectl describe pvc data').output;
    expect(described).toContain('Capacity:      10Gi\n');
    expect(described).toContain('Used By:       db\n');
    expect(described).toContain(
      [
        'Conditions:',
        '  Type                      Status  LastProbeTime                     LastTransitionTime                Reason  Message',
        '  ----                      ------  -----------------                 ------------------                ------  -------',
        '  FileSystemResizePending   True    Mon, 01 Jan 0001 00:00:00 +0000   Wed, 01 Jan 2025 00:00:42 +0000           Waiting for user to (re-)start a pod to finish file system resize of volume on node.',
      ].join('\n'),
    );

    sim.step(t0 + RESIZE_MS + NODE_EXPAND_MS);
    c = live(sim, 'data');
    expect(c.status?.capacity?.['storage']).toBe('20Gi');
    expect(c.status?.conditions ?? []).toEqual([]);
    expect(c.status?.allocatedResourceStatuses).toBeUndefined();
    expect(c.status?.allocatedResources).toEqual({ storage: '20Gi' });
    expect(resizeEvents(sim, 'data')).toEqual([
      ['ExternalExpanding', 'volume_expand', 'waiting for an external controller to expand this PVC'],
      ['Resizing', 'external-resizer ebs.csi.aws.com', `External resizer is resizing volume ${pvName}`],
      [
        'FileSystemResizeRequired',
        'external-resizer ebs.csi.aws.com',
        'Require file system resize of volume on node',
      ],
      [
        'FileSystemResizeSuccessful',
        'kubelet',
        `MountVolume.NodeExpandVolume succeeded for volume "${pvName}" node-1`,
      ],
    ]);
    expect(events(sim, 'db').some(([r]) => r === 'FileSystemResizeSuccessful')).toBe(true);
  });

  it('with no pod using it, the filesystem resize waits for one to start', () => {
    const sim = boundClaim();
    grow(sim, '20Gi');
    sim.step(sim.now + 60_000);
    expect(conditionTypes(live(sim, 'data'))).toEqual(['FileSystemResizePending']);
    expect(live(sim, 'data').status?.capacity?.['storage']).toBe('10Gi');
    sim.apply(
      aPod({ name: 'db', spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
    );
    sim.step(sim.now + 60_000);
    expect(live(sim, 'data').status?.capacity?.['storage']).toBe('20Gi');
    expect(conditionTypes(live(sim, 'data'))).toEqual([]);
  });

  it('a block volume needs no node expansion: VolumeResizeSuccessful from the resizer', () => {
    const sim = boundClaim({ volumeMode: 'Block' });
    const t0 = sim.now;
    grow(sim, '30Gi', 'Block');
    sim.step(t0 + RESIZE_MS);
    const c = live(sim, 'data');
    expect(c.status?.capacity?.['storage']).toBe('30Gi');
    expect(conditionTypes(c)).toEqual([]);
    expect(events(sim, 'data').map(([r]) => r)).toContain('VolumeResizeSuccessful');
    expect(events(sim, 'data').find(([r]) => r === 'VolumeResizeSuccessful')?.[2]).toBe(
      'Resize volume succeeded',
    );
  });

  it('a driver without a resizer (local-path) is left waiting, as upstream', () => {
    const sim = boundClaim({ provisioner: 'rancher.io/local-path' });
    grow(sim, '20Gi');
    sim.step(sim.now + 60_000);
    const c = live(sim, 'data');
    expect(c.status?.capacity?.['storage']).toBe('10Gi');
    expect(conditionTypes(c)).toEqual([]);
    expect(resizeEvents(sim, 'data')).toEqual([
      ['ExternalExpanding', 'volume_expand', 'waiting for an external controller to expand this PVC'],
    ]);
  });
});
