import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../core/simulation';
import type {
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StorageClass,
} from '../../../api/types';
import { Snapshot } from '../../framework/nodeInfo';
import { runFilterPlugin } from '../../framework/pluginHarness';
import { newCycleState } from '../../framework/runtime';
import { volumeBinding, volumeBindingPreBind, ANN_SELECTED_NODE } from './volumeBinding';

const sc = (
  name: string,
  mode: 'Immediate' | 'WaitForFirstConsumer',
  provisioner = '',
): StorageClass & KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
  volumeBindingMode: mode,
});
const immediateSC = sc('immediate-sc', 'Immediate');
const waitSC = sc('wait-sc', 'WaitForFirstConsumer');
const waitHDDSC = sc('wait-hdd-sc', 'WaitForFirstConsumer');
const provisionSC = sc('provision-sc', 'WaitForFirstConsumer', 'csi.example.com');

function makeNode(name: string, labels: Record<string, string> = {}): Node & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  };
}
function makePod(...claims: string[]): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod-a', namespace: 'default' },
    spec: {
      containers: [],
      volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
    },
  };
}
function makePVC(
  name: string,
  cls: string,
  opts: { boundPV?: string; storage?: string; phase?: string } = {},
): PersistentVolumeClaim & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ...(opts.boundPV ? { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } : {}),
    },
    spec: {
      storageClassName: cls,
      ...(opts.boundPV ? { volumeName: opts.boundPV } : {}),
      ...(opts.storage ? { resources: { requests: { storage: opts.storage } } } : {}),
    },
    ...(opts.phase ? { status: { phase: opts.phase } } : {}),
  } as PersistentVolumeClaim & KubeObject;
}
function makePV(
  name: string,
  cls: string,
  opts: { phase?: string; capacity?: string; affinity?: Record<string, string[]> } = {},
): PersistentVolume & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      storageClassName: cls,
      ...(opts.capacity ? { capacity: { storage: opts.capacity } } : {}),
      ...(opts.affinity
        ? {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: Object.entries(opts.affinity).map(([key, values]) => ({
                      key,
                      operator: 'In',
                      values,
                    })),
                  },
                ],
              },
            },
          }
        : {}),
    },
    ...(opts.phase ? { status: { phase: opts.phase } } : {}),
  } as PersistentVolume & KubeObject;
}

function snapshot(nodes: Array<Node & KubeObject>, objects: KubeObject[]): Snapshot {
  const sim = new Simulation({ seed: 1, controllers: [] });
  for (const o of [immediateSC, waitSC, waitHDDSC, provisionSC, ...objects])
    sim.store.apply({ type: 'create', object: o });
  const s = new Snapshot(sim.store);
  for (const n of nodes) s.upsertNode(n);
  return s;
}

const ok = { code: 'Success', reasons: [] };
const bad = (...reasons: string[]) => ({ code: 'UnschedulableAndUnresolvable', reasons });
const BIND = "node(s) didn't find available persistent volumes to bind";
const NODE = 'node(s) had volume node affinity conflict';

// Upstream pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go, TestVolumeBinding (PreFilter
// and Filter statuses; the capacity scores belong to an alpha feature and are not ported).
describe('VolumeBinding (TestVolumeBinding)', () => {
  const nodeA = makeNode('node-a');
  it.each<[string, Pod & KubeObject, Array<Node & KubeObject>, KubeObject[], unknown[]]>([
    [
      'all bound',
      makePod('pvc-a'),
      [nodeA],
      [makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a' }), makePV('pv-a', 'wait-sc', { phase: 'Available' })],
      [ok],
    ],
    [
      'all bound with local volumes',
      makePod('pvc-a', 'pvc-b'),
      [nodeA],
      [
        makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a' }),
        makePVC('pvc-b', 'wait-sc', { boundPV: 'pv-b' }),
        makePV('pv-a', 'wait-sc', { phase: 'Bound', affinity: { 'kubernetes.io/hostname': ['node-a'] } }),
        makePV('pv-b', 'wait-sc', { phase: 'Bound', affinity: { 'kubernetes.io/hostname': ['node-a'] } }),
      ],
      [ok],
    ],
    ['PVC does not exist', makePod('pvc-a'), [nodeA], [], [bad('persistentvolumeclaim "pvc-a" not found')]],
    [
      'Part of PVCs do not exist',
      makePod('pvc-a', 'pvc-b'),
      [nodeA],
      [makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a' })],
      [bad('persistentvolumeclaim "pvc-b" not found')],
    ],
    [
      'immediate claims not bound',
      makePod('pvc-a'),
      [nodeA],
      [makePVC('pvc-a', 'immediate-sc')],
      [bad('pod has unbound immediate PersistentVolumeClaims')],
    ],
    ['unbound claims no matches', makePod('pvc-a'), [nodeA], [makePVC('pvc-a', 'wait-sc')], [bad(BIND)]],
    [
      'bound and unbound unsatisfied',
      makePod('pvc-a', 'pvc-b'),
      [makeNode('node-a', { foo: 'barbar' })],
      [
        makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a' }),
        makePVC('pvc-b', 'wait-sc'),
        makePV('pv-a', 'wait-sc', { phase: 'Available', affinity: { foo: ['bar'] } }),
      ],
      [bad(NODE, BIND)],
    ],
    [
      'pv not found',
      makePod('pvc-a'),
      [nodeA],
      [makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a' })],
      [bad('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)')],
    ],
    [
      'pv not found claim lost',
      makePod('pvc-a'),
      [nodeA],
      [makePVC('pvc-a', 'wait-sc', { boundPV: 'pv-a', phase: 'Lost' })],
      [bad('persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"')],
    ],
    [
      'local volumes with close capacity are preferred',
      makePod('pvc-a'),
      [makeNode('node-a'), makeNode('node-b'), makeNode('node-c')],
      [
        makePVC('pvc-a', 'wait-sc', { storage: '50Gi' }),
        makePV('pv-a-0', 'wait-sc', {
          phase: 'Available',
          capacity: '200Gi',
          affinity: { 'kubernetes.io/hostname': ['node-a'] },
        }),
        makePV('pv-a-1', 'wait-sc', {
          phase: 'Available',
          capacity: '200Gi',
          affinity: { 'kubernetes.io/hostname': ['node-a'] },
        }),
        makePV('pv-b-0', 'wait-sc', {
          phase: 'Available',
          capacity: '100Gi',
          affinity: { 'kubernetes.io/hostname': ['node-b'] },
        }),
        makePV('pv-b-1', 'wait-sc', {
          phase: 'Available',
          capacity: '100Gi',
          affinity: { 'kubernetes.io/hostname': ['node-b'] },
        }),
      ],
      [ok, ok, bad(BIND)],
    ],
  ])('%s', (_name, pod, nodes, objects, want) => {
    const statuses = runFilterPlugin(volumeBinding(), pod, snapshot(nodes, objects));
    expect([...statuses.values()]).toEqual(want);
  });
});

describe('VolumeBinding Reserve/PreBind (AssumePodVolumes, BindPodVolumes)', () => {
  it('binds the smallest Available volume that fits on the chosen node through its claimRef', () => {
    const snap = snapshot(
      [makeNode('node-b')],
      [
        makePVC('pvc-a', 'wait-sc', { storage: '50Gi' }),
        makePV('pv-b-big', 'wait-sc', { phase: 'Available', capacity: '200Gi' }),
        makePV('pv-b-small', 'wait-sc', { phase: 'Available', capacity: '100Gi' }),
        makePV('pv-b-tiny', 'wait-sc', { phase: 'Available', capacity: '10Gi' }),
      ],
    );
    const plugin = volumeBinding();
    const state = newCycleState(makePod('pvc-a'), snap);
    plugin.preFilter?.(state);
    const node = snap.nodes[0] as (typeof snap.nodes)[number];
    expect(plugin.filter?.(state, node)).toBeUndefined();
    const { writes, pending } = volumeBindingPreBind(state, node);
    expect(writes.map((w) => [w.kind, w.metadata.name])).toEqual([['PersistentVolume', 'pv-b-small']]);
    expect(pending).toEqual({
      staticBindings: [{ pv: 'pv-b-small', pvc: 'PersistentVolumeClaim/default/pvc-a' }],
      provisions: [],
    });
    expect((writes[0] as PersistentVolume).spec?.claimRef).toMatchObject({
      namespace: 'default',
      name: 'pvc-a',
      uid: 'uid-pvc-a',
    });
  });

  it('annotates a claim to provision with the selected node, and only that node fits afterwards', () => {
    const snap = snapshot([makeNode('node-a'), makeNode('node-b')], [makePVC('pvc-a', 'provision-sc')]);
    const plugin = volumeBinding();
    const state = newCycleState(makePod('pvc-a'), snap);
    plugin.preFilter?.(state);
    const [a, b] = snap.nodes as [(typeof snap.nodes)[number], (typeof snap.nodes)[number]];
    expect(plugin.filter?.(state, a)).toBeUndefined();
    const { writes, pending } = volumeBindingPreBind(state, a);
    expect(writes[0]?.metadata.annotations?.[ANN_SELECTED_NODE]).toBe('node-a');
    expect(pending?.provisions).toEqual(['PersistentVolumeClaim/default/pvc-a']);
    const annotated = makePVC('pvc-a', 'provision-sc');
    annotated.metadata.annotations = { [ANN_SELECTED_NODE]: 'node-a' };
    const statuses = runFilterPlugin(plugin, makePod('pvc-a'), snapshot([a.node, b.node], [annotated]));
    expect([...statuses.values()]).toEqual([ok, bad(BIND)]);
  });
});

// Upstream: pkg/scheduler/framework/plugins/volumebinding/binder.go (BindPodVolumes polls checkBindings until
// every claim is fully bound, or bindTimeout: VolumeBindingArgs.bindTimeoutSeconds, 600 by default) and
// binder_test.go TestBindPodVolumes / TestCheckBindings ("provisioning failed" when selected-node changes).
describe('VolumeBinding PreBind waits for the PV controller (BindPodVolumes, checkBindings)', () => {
  async function cluster() {
    const { Scheduler } = await import('../../scheduler');
    const sim = new Simulation({ seed: 1, controllers: [new Scheduler()] });
    const r = { cpu: '4', memory: '8Gi', pods: '110' };
    const node: Node & KubeObject = { ...makeNode('node-a'), status: { capacity: r, allocatable: r } };
    for (const o of [provisionSC, node, makePVC('data', 'provision-sc'), makePod('data')])
      sim.store.apply({ type: 'create', object: o });
    return sim;
  }
  const claimOf = (sim: Simulation) =>
    sim.store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', 'default', 'data')!;
  const podOf = (sim: Simulation) => sim.store.get<Pod & KubeObject>('Pod', 'default', 'pod-a')!;
  const failures = (sim: Simulation) =>
    sim.store
      .list<KubeObject & { reason?: string; message?: string }>('Event')
      .filter((e) => e.reason === 'FailedScheduling')
      .map((e) => e.message);

  it('annotates the claim with the selected node and binds the pod only once the claim is bound', async () => {
    const sim = await cluster();
    sim.step(0);
    expect(claimOf(sim).metadata.annotations?.[ANN_SELECTED_NODE]).toBe('node-a');
    expect(podOf(sim).spec?.nodeName).toBeUndefined();
    sim.step(5000);
    expect(podOf(sim).spec?.nodeName).toBeUndefined();
    // The provisioner makes a volume and the PV controller binds the claim (spec.volumeName and the
    // bind-completed annotation); an unbound volume alone does not end the wait.
    sim.store.apply({ type: 'create', object: makePV('pvc-1', 'provision-sc', { phase: 'Bound' }) });
    sim.step(5000);
    expect(podOf(sim).spec?.nodeName).toBeUndefined();
    const pvc = claimOf(sim);
    sim.store.apply({
      type: 'update',
      object: {
        ...pvc,
        metadata: {
          ...pvc.metadata,
          annotations: { ...pvc.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes' },
        },
        spec: { ...pvc.spec, volumeName: 'pvc-1' },
      },
    });
    sim.step(5000);
    expect(podOf(sim).spec?.nodeName).toBe('node-a');
    expect(failures(sim)).toEqual([]);
  });

  it("fails the binding cycle after the bind timeout in the scheduler's words, and tries again", async () => {
    const sim = await cluster();
    sim.step(599_000);
    expect(failures(sim)).toEqual([]);
    sim.step(600_000);
    expect(podOf(sim).spec?.nodeName).toBeUndefined();
    expect(failures(sim)).toEqual([
      'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    ]);
    expect(podOf(sim).status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'SchedulerError',
    });
    // The claim keeps its selected node (API writes are not reverted): the next attempt waits again there.
    expect(claimOf(sim).metadata.annotations?.[ANN_SELECTED_NODE]).toBe('node-a');
  });

  it('fails with "provisioning failed" when the provisioner takes the selected node back', async () => {
    const sim = await cluster();
    sim.step(0);
    const pvc = claimOf(sim);
    const { [ANN_SELECTED_NODE]: _gone, ...rest } = pvc.metadata.annotations ?? {};
    sim.store.apply({ type: 'update', object: { ...pvc, metadata: { ...pvc.metadata, annotations: rest } } });
    sim.step(0);
    expect(failures(sim)).toEqual([
      'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data"',
    ]);
  });

  it('honours VolumeBindingArgs bindTimeoutSeconds from a KubeSchedulerConfiguration', async () => {
    const { Scheduler } = await import('../../scheduler');
    const sched = new Scheduler({
      configuration: {
        apiVersion: 'kubescheduler.config.k8s.io/v1',
        kind: 'KubeSchedulerConfiguration',
        metadata: { name: 'config' },
        profiles: [{ pluginConfig: [{ name: 'VolumeBinding', args: { bindTimeoutSeconds: 30 } }] }],
      } as unknown as KubeObject,
    });
    const sim = new Simulation({ seed: 1, controllers: [sched] });
    const r = { cpu: '4', memory: '8Gi', pods: '110' };
    const node: Node & KubeObject = { ...makeNode('node-a'), status: { capacity: r, allocatable: r } };
    for (const o of [provisionSC, node, makePVC('data', 'provision-sc'), makePod('data')])
      sim.store.apply({ type: 'create', object: o });
    sim.step(30_000);
    expect(failures(sim)).toHaveLength(1);
  });
});
