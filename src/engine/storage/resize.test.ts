import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Event, KubeObject, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types';
import { aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { runCommand } from '../commands';
import { NODE_EXPAND_MS, RESIZE_MS } from './resize';

type PVC = PersistentVolumeClaim & KubeObject;
type PV = PersistentVolume & KubeObject;
type P = Pod & KubeObject;

const DYNAMIC_ONLY =
  'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

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

  it('shrinking is refused in the API server words; kubectl apply prints it as CheckErr does an Invalid status', () => {
    const sim = boundClaim();
    expect(() => grow(sim, '5Gi')).toThrow(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    // staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr: `The %s %q is invalid: ` and the cause.
    const r = runCommand(sim, 'kubectl apply -f -', { objects: [claim('data', 'fast', '5Gi')] });
    expect(r.ok).toBe(false);
    expect(r.output).toBe(
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    // With another object's error beside it, each is printed as an aggregate's errors are.
    const two = runCommand(sim, 'kubectl apply -f -', {
      objects: [
        claim('data', 'fast', '5Gi'),
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 's' },
          spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] },
        } as KubeObject,
      ],
    });
    expect(two.output.split('\n')[1]).toMatch(
      /^Error from server \(Invalid\): error when creating "STDIN": Service "s" is invalid/,
    );
    expect(two.output).toMatch(
      /^Error from server \(Invalid\): error when applying patch "STDIN": PersistentVolumeClaim "data" is invalid/,
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
