import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../lib';
import { keyOf } from '../../../api/meta';
import type { Affinity, KubeObject, Node, Pod, TopologySpreadConstraint } from '../../../api/types';
import { snapshotOf } from '../../framework/pluginHarness';
import { schedulePod } from '../../framework/cycle';
import { defaultProfile } from '../../profile';
import { selectVictimsOnNode } from './defaultPreemption';

const LOW = 0;
const MID = 100;
const HIGH = 1000;

function node(name: string, zone?: string): Node & KubeObject {
  const r = { cpu: '4', memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(zone ? { zone } : {}) } },
    status: { capacity: r, allocatable: r },
  };
}

function pod(
  name: string,
  priority: number,
  opts: {
    node?: string;
    labels?: Record<string, string>;
    affinity?: Affinity;
    spread?: TopologySpreadConstraint[];
    cpu?: string;
  } = {},
): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, labels: opts.labels ?? {} },
    spec: {
      priority,
      containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: opts.cpu ?? '100m' } } }],
      ...(opts.node ? { nodeName: opts.node } : {}),
      ...(opts.affinity ? { affinity: opts.affinity } : {}),
      ...(opts.spread ? { topologySpreadConstraints: opts.spread } : {}),
    },
  };
}

const fooExists = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const spread = (key: string): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey: key,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: fooExists,
});

/** Victim names per node, or the reason when the node gives no candidate. */
function victims(
  nodes: Array<Node & KubeObject>,
  existing: Array<Pod & KubeObject>,
  incoming: Pod & KubeObject,
) {
  const snapshot = snapshotOf(nodes, existing);
  const profile = defaultProfile();
  const result = schedulePod(profile, snapshot, incoming, new Prng(1), { exhaustive: true });
  const out: Record<string, string[] | string> = {};
  for (const n of snapshot.nodes) {
    const c = selectVictimsOnNode(profile, result, n);
    out[n.name] = 'victims' in c ? c.victims.map((v) => v.pod.metadata.name) : c.reasons.join(', ');
  }
  return out;
}

// Upstream pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go, TestDryRunPreemption:
// the cases whose victims depend on PreFilterExtensions (AddPod/RemovePod) updating the PreFilter state.
describe('preemption what-if updates PreFilter state (TestDryRunPreemption)', () => {
  it('preempts only the pod with anti-affinity (pod with anti-affinity is preempted)', () => {
    const anti: Affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: fooExists, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    };
    const out = victims(
      [node('node1'), node('node2')],
      [
        pod('p1.1', LOW, { node: 'node1', labels: { foo: '' }, affinity: anti }),
        pod('p1.2', MID, { node: 'node1' }),
        pod('p1.3', HIGH, { node: 'node1' }),
        pod('p2', HIGH, { node: 'node2' }),
      ],
      pod('p', HIGH, { labels: { foo: '' } }),
    );
    expect(out.node1).toEqual(['p1.1']);
    expect(out.node2).toBe('No preemption victims found for incoming pod');
  });

  it('resolves a topology spread failure with one victim per node (preemption to resolve pod topology spread filter failure)', () => {
    const out = victims(
      [node('node-a', 'zone1'), node('node-b', 'zone1'), node('node-x', 'zone2')],
      [
        pod('pod-a1', MID, { node: 'node-a', labels: { foo: '' } }),
        pod('pod-a2', LOW, { node: 'node-a', labels: { foo: '' } }),
        pod('pod-b1', LOW, { node: 'node-b', labels: { foo: '' } }),
        pod('pod-x1', HIGH, { node: 'node-x', labels: { foo: '' } }),
        pod('pod-x2', HIGH, { node: 'node-x', labels: { foo: '' } }),
      ],
      pod('p', HIGH, { labels: { foo: '' }, spread: [spread('zone'), spread('kubernetes.io/hostname')] }),
    );
    expect(out['node-a']).toEqual(['pod-a2']);
    expect(out['node-b']).toEqual(['pod-b1']);
    expect(out['node-x']).toBe('No preemption victims found for incoming pod');
  });
});

// Upstream pkg/scheduler/framework/runtime/framework.go RunFilterPluginsWithNominatedPods and addGENominatedPods:
// pods nominated to a node count there for pods of lower or equal priority only.
describe('nominated pods (addGENominatedPods)', () => {
  const big = '3';
  const nominated = {
    ...pod('waiting', MID, { cpu: big }),
    status: { nominatedNodeName: 'node1' },
  } as Pod & KubeObject;
  it.each([
    ['a pod of lower priority does not fit beside it', LOW, 'node2'],
    ['a pod of equal priority does not fit beside it', MID, 'node2'],
    ['a pod of higher priority ignores it', HIGH, 'node1'],
  ])('%s', (_name, priority, expected) => {
    const snapshot = snapshotOf(
      [node('node1'), node('node2')],
      [pod('filler', LOW, { node: 'node2', cpu: '1' })],
    );
    snapshot.upsertPod(nominated);
    const r = schedulePod(defaultProfile(), snapshot, pod('new', priority, { cpu: big }), new Prng(1));
    expect(r.selected?.name).toBe(expected);
  });

  it('no longer counts a nominated pod once it is bound or deleted', () => {
    const snapshot = snapshotOf([node('node1')]);
    snapshot.upsertPod(nominated);
    expect(schedulePod(defaultProfile(), snapshot, pod('new', LOW, { cpu: big }), new Prng(1)).selected).toBe(
      undefined,
    );
    snapshot.removePod(keyOf(nominated));
    expect(snapshot.nominatedCount).toBe(0);
  });
});
