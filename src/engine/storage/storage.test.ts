import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type {
  Event,
  KubeObject,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StatefulSet,
} from '../api/types';
import { aNode, aPod } from '../testing/builders';
import type { Simulation } from '../core/simulation';
import { failNode } from '../nodes/faults';

type P = Pod & KubeObject;
type PVC = PersistentVolumeClaim & KubeObject;
type PV = PersistentVolume & KubeObject;

function storageClass(
  name: string,
  mode: 'Immediate' | 'WaitForFirstConsumer',
  provisioner = 'ebs.csi.aws.com',
  extra = {},
): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    volumeBindingMode: mode,
    reclaimPolicy: 'Delete',
    ...extra,
  };
}

function claim(name: string, o: { cls?: string; size?: string; modes?: string[] } = {}): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '10Gi' } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
    },
  };
}

function volume(
  name: string,
  size: string,
  o: { cls?: string; modes?: string[]; labels?: Record<string, string> } = {},
): PV {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: size },
      accessModes: o.modes ?? ['ReadWriteOnce'],
      storageClassName: o.cls ?? '',
      persistentVolumeReclaimPolicy: 'Retain',
      csi: { driver: 'ebs.csi.aws.com', volumeHandle: name },
    },
  };
}

function podWithClaim(name: string, claimName: string, nodeName?: string): P {
  return aPod({
    name,
    ...(nodeName ? { nodeName } : {}),
    spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
  });
}

function events(sim: Simulation, reason: string): string[] {
  return sim.store
    .list<Event & KubeObject>('Event', 'default')
    .filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');
}

const pvc = (sim: Simulation, n: string) => sim.store.get<PVC>('PersistentVolumeClaim', 'default', n)!;
const pod = (sim: Simulation, n: string) => sim.store.get<P>('Pod', 'default', n)!;

describe('static binding (persistentvolume controller findBestMatchForClaim)', () => {
  const cases: Array<{ name: string; volumes: PV[]; claim: PVC; want: string | undefined }> = [
    {
      name: 'the smallest volume that is big enough wins',
      volumes: [volume('big', '100Gi'), volume('small', '5Gi'), volume('fit', '20Gi')],
      claim: claim('c', { cls: '', size: '10Gi' }),
      want: 'fit',
    },
    {
      name: 'a volume of another class is not chosen',
      volumes: [volume('gold', '20Gi', { cls: 'gold' })],
      claim: claim('c', { cls: '' }),
      want: undefined,
    },
    {
      name: 'access modes must all be offered',
      volumes: [volume('rwo', '20Gi'), volume('rwx', '50Gi', { modes: ['ReadWriteOnce', 'ReadWriteMany'] })],
      claim: claim('c', { cls: '', modes: ['ReadWriteMany'] }),
      want: 'rwx',
    },
    {
      name: 'a selector narrows the choice by the volume labels',
      volumes: [
        volume('a', '20Gi', { labels: { tier: 'a' } }),
        volume('b', '30Gi', { labels: { tier: 'b' } }),
      ],
      claim: {
        ...claim('c', { cls: '' }),
        spec: { ...claim('c', { cls: '' }).spec, selector: { matchLabels: { tier: 'b' } } },
      },
      want: 'b',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = createCluster({ seed: 1 });
      for (const v of c.volumes) sim.apply(v);
      sim.apply(c.claim);
      sim.step(1000);
      expect(pvc(sim, 'c').spec?.volumeName).toBe(c.want);
      expect(pvc(sim, 'c').status?.phase).toBe(c.want ? 'Bound' : 'Pending');
      if (c.want)
        expect(sim.store.get<PV>('PersistentVolume', undefined, c.want)?.status?.phase).toBe('Bound');
    });
});

describe('dynamic provisioning and binding modes', () => {
  it('an Immediate class provisions at once, in a zone of the nodes, with the protection finalizer', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'a1', zone: 'eu-a' }));
    sim.apply(storageClass('fast', 'Immediate'));
    sim.apply(claim('data', { cls: 'fast' }));
    sim.step(5000);
    const c = pvc(sim, 'data');
    expect(c.status?.phase).toBe('Bound');
    expect(c.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const v = sim.store.get<PV>('PersistentVolume', undefined, c.spec!.volumeName!)!;
    expect(v.metadata.name).toBe(`pvc-${c.metadata.uid}`);
    expect(v.metadata.labels?.['topology.kubernetes.io/zone']).toBe('eu-a');
    expect(events(sim, 'ProvisioningSucceeded')).toEqual([
      `Successfully provisioned volume ${v.metadata.name}`,
    ]);
  });

  it('a WaitForFirstConsumer claim waits, then is provisioned in the zone of the node its pod went to', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'b1', zone: 'eu-b', cpu: '1' }));
    sim.apply(aNode({ name: 'c1', zone: 'eu-c', cpu: '8' }));
    sim.apply(storageClass('wffc', 'WaitForFirstConsumer'));
    sim.apply(claim('data', { cls: 'wffc' }));
    sim.step(2000);
    expect(pvc(sim, 'data').status?.phase).toBe('Pending');
    expect(events(sim, 'WaitForFirstConsumer')).toEqual([
      'waiting for first consumer to be created before binding',
    ]);
    sim.apply({
      ...podWithClaim('db', 'data'),
      spec: { ...podWithClaim('db', 'data').spec!, nodeSelector: { 'topology.kubernetes.io/zone': 'eu-c' } },
    });
    // The scheduler's VolumeBinding PreBind selects the node, then holds the pod until the claim is bound.
    sim.step(3000);
    expect(pvc(sim, 'data').metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('c1');
    expect(pod(sim, 'db').spec?.nodeName).toBeUndefined();
    sim.step(5000);
    expect(pod(sim, 'db').spec?.nodeName).toBe('c1');
    expect(pod(sim, 'db').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    sim.step(20_000);
    const v = sim.store.get<PV>('PersistentVolume', undefined, pvc(sim, 'data').spec!.volumeName!)!;
    expect(v.metadata.labels?.['topology.kubernetes.io/zone']).toBe('eu-c');
    expect(pod(sim, 'db').status?.phase).toBe('Running');
    expect(events(sim, 'SuccessfulAttachVolume')).toEqual([
      `AttachVolume.Attach succeeded for volume "${v.metadata.name}"`,
    ]);
  });

  it('a claim of a class that does not exist reports it', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(claim('data', { cls: 'nope' }));
    sim.step(1000);
    expect(events(sim, 'ProvisioningFailed')).toEqual(['storageclass.storage.k8s.io "nope" not found']);
  });

  it('the default StorageClass is written into a claim that names none', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply({
      ...storageClass('std', 'Immediate'),
      metadata: { name: 'std', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    });
    sim.apply(claim('data'));
    expect(pvc(sim, 'data').spec?.storageClassName).toBe('std');
  });

  it('a deleted claim in use keeps its finalizer until the pod is gone; then its Delete volume goes too', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n' }));
    sim.apply(storageClass('fast', 'Immediate'));
    sim.apply(claim('data', { cls: 'fast' }));
    sim.apply(podWithClaim('db', 'data'));
    sim.step(20_000);
    const pvName = pvc(sim, 'data').spec!.volumeName!;
    sim.delete('PersistentVolumeClaim', 'default', 'data');
    sim.step(21_000);
    expect(pvc(sim, 'data').metadata.deletionTimestamp).toBeDefined();
    sim.delete('Pod', 'default', 'db');
    sim.step(40_000);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
    expect(sim.store.get('PersistentVolume', undefined, pvName)).toBeUndefined();
  });
});

describe('attach and mount (story 8)', () => {
  it('a ReadWriteOnce block volume attaches to one node: a second pod elsewhere gets a Multi-Attach error', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n1' }));
    sim.apply(aNode({ name: 'n2' }));
    sim.apply(storageClass('fast', 'Immediate'));
    sim.apply(claim('data', { cls: 'fast' }));
    sim.apply(podWithClaim('a', 'data', 'n1'));
    sim.step(20_000);
    sim.apply(podWithClaim('b', 'data', 'n2'));
    sim.step(40_000);
    expect(pod(sim, 'a').status?.phase).toBe('Running');
    expect(pod(sim, 'b').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(events(sim, 'FailedAttachVolume')[0]).toMatch(
      /^Multi-Attach error for volume "pvc-.*" Volume is already exclusively attached to one node and can't be attached to another$/,
    );
    sim.step(200_000);
    expect(events(sim, 'FailedMount')[0]).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition',
    );
    sim.delete('Pod', 'default', 'a');
    sim.step(230_000);
    expect(pod(sim, 'b').status?.phase).toBe('Running');
  });

  it('an NFS volume is mounted by replicas on every node', () => {
    const sim = createCluster({ seed: 1 });
    for (const n of ['n1', 'n2', 'n3']) sim.apply(aNode({ name: n }));
    const nfs = { volumes: [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/share' } }] };
    for (const n of ['n1', 'n2', 'n3']) sim.apply(aPod({ name: `web-${n}`, nodeName: n, spec: nfs }));
    sim.step(10_000);
    for (const n of ['n1', 'n2', 'n3']) expect(pod(sim, `web-${n}`).status?.phase).toBe('Running');
    expect(sim.store.count('VolumeAttachment')).toBe(0);
  });

  it('a ReadWriteMany NFS claim is shared by pods on several nodes', () => {
    const sim = createCluster({ seed: 1 });
    for (const n of ['n1', 'n2']) sim.apply(aNode({ name: n }));
    sim.apply(storageClass('files', 'Immediate', 'nfs.csi.k8s.io'));
    sim.apply(claim('shared', { cls: 'files', modes: ['ReadWriteMany'] }));
    sim.apply(podWithClaim('a', 'shared', 'n1'));
    sim.apply(podWithClaim('b', 'shared', 'n2'));
    sim.step(20_000);
    expect(pod(sim, 'a').status?.phase).toBe('Running');
    expect(pod(sim, 'b').status?.phase).toBe('Running');
  });
});

describe('story 15: a StatefulSet pod and its volume', () => {
  function db(): StatefulSet & KubeObject {
    const labels = { app: 'db' };
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'zonal',
              resources: { requests: { storage: '10Gi' } },
            },
          },
        ],
      },
    };
  }

  it('db-0, db-1, db-2 start in order with their own claims; db-1 comes back on its volume in its zone after its node dies', () => {
    const sim = createCluster({ seed: 3, debug: true });
    for (const [n, z] of [
      ['a1', 'zone-a'],
      ['a2', 'zone-a'],
      ['b1', 'zone-b'],
      ['c1', 'zone-c'],
    ] as const)
      sim.apply(aNode({ name: n, zone: z }));
    sim.apply(storageClass('zonal', 'WaitForFirstConsumer'));
    sim.apply(db());
    sim.step(120_000);
    const pods = ['db-0', 'db-1', 'db-2'].map((n) => pod(sim, n));
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    expect(pods.map((p) => Date.parse(p.status!.startTime!))).toEqual(
      [...pods.map((p) => Date.parse(p.status!.startTime!))].sort(),
    );
    expect(['data-db-0', 'data-db-1', 'data-db-2'].map((n) => pvc(sim, n).status?.phase)).toEqual([
      'Bound',
      'Bound',
      'Bound',
    ]);
    const node = pod(sim, 'db-1').spec!.nodeName!;
    const volumeName = pvc(sim, 'data-db-1').spec!.volumeName!;
    const zone = sim.store.get<PV>('PersistentVolume', undefined, volumeName)!.metadata.labels![
      'topology.kubernetes.io/zone'
    ];
    failNode(sim, node);
    sim.step(500_000);
    expect(pod(sim, 'db-1').metadata.deletionTimestamp).toBeDefined();
    // Non-graceful node shutdown: the operator marks the dead node out of service.
    const dead = sim.store.get('Node', undefined, node)!;
    const taints = [
      ...((dead.spec as { taints?: unknown[] }).taints ?? []),
      { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' },
    ];
    sim.store.apply({ type: 'update', object: { ...dead, spec: { ...(dead.spec as object), taints } } });
    sim.step(600_000);
    const back = pod(sim, 'db-1');
    expect(back.metadata.deletionTimestamp).toBeUndefined();
    expect(back.spec?.nodeName).not.toBe(node);
    expect(pvc(sim, 'data-db-1').spec?.volumeName).toBe(volumeName);
    const newNode = sim.store.get('Node', undefined, back.spec!.nodeName!)!;
    expect(newNode.metadata.labels?.['topology.kubernetes.io/zone']).toBe(zone);
    expect(back.status?.phase).toBe('Running');
  });
});

describe('generic ephemeral volumes (ephemeral volume controller)', () => {
  it('a pod gets its own claim <pod>-<volume>, owned by it, provisioned, and gone with the pod', () => {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'n', zone: 'z' }));
    sim.apply(storageClass('wffc', 'WaitForFirstConsumer'));
    const template = {
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'wffc',
        resources: { requests: { storage: '1Gi' } },
      },
    };
    sim.apply(
      aPod({
        name: 'scratch',
        spec: { volumes: [{ name: 'tmp', ephemeral: { volumeClaimTemplate: template } }] },
      }),
    );
    sim.step(20_000);
    const c = pvc(sim, 'scratch-tmp');
    expect(c.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Pod', name: 'scratch', controller: true });
    expect(c.status?.phase).toBe('Bound');
    expect(pod(sim, 'scratch').status?.phase).toBe('Running');
    sim.delete('Pod', 'default', 'scratch');
    sim.step(40_000);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'scratch-tmp')).toBeUndefined();
  });
});
