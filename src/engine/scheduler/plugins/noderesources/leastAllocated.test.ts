import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../../api/types';
import { runFilterPlugin, runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { nodeResourcesFit } from './fit';
import type { ResourceSpec } from './resources';

let seq = 0;
/** st.MakePod(): each request map is one container; no containers when none is given. */
function makePod(reqs: Array<Record<string, string>> = [], nodeName?: string): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${seq++}`, namespace: 'default' },
    spec: {
      containers: reqs.map((r, i) => ({ name: `c${i}`, image: 'img', resources: { requests: r } })),
      ...(nodeName ? { nodeName } : {}),
    },
  };
}
/** st.MakeNode().Capacity(): capacity and allocatable alike. */
function makeNode(name: string, capacity: Record<string, string> = {}): Node & KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity, allocatable: capacity } };
}

const defaultResources: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
const extendedRes = 'abc.com/xyz';
const extendedResourceSet: ResourceSpec[] = [...defaultResources, { name: extendedRes, weight: 1 }];
const twoContainers = [
  { cpu: '1000', memory: '2000' },
  { cpu: '2000', memory: '3000' },
];

// Upstream: pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go,
// TestLeastAllocatedScoringStrategy (the argument-validation rows are not ported).
const cases: Array<{
  name: string;
  pod: Pod & KubeObject;
  nodes: Array<Node & KubeObject>;
  existing?: Array<Pod & KubeObject>;
  resources: ResourceSpec[];
  expected: number[];
}> = [
  {
    name: 'nothing scheduled, nothing requested',
    pod: makePod(),
    nodes: [
      makeNode('node1', { cpu: '4000', memory: '10000' }),
      makeNode('node2', { cpu: '4000', memory: '10000' }),
    ],
    resources: defaultResources,
    expected: [100, 100],
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: makePod(twoContainers),
    nodes: [
      makeNode('node1', { cpu: '4000', memory: '10000' }),
      makeNode('node2', { cpu: '6000', memory: '10000' }),
    ],
    resources: defaultResources,
    expected: [37, 50],
  },
  {
    name: 'no resources requested, pods scheduled',
    pod: makePod(),
    nodes: [
      makeNode('node1', { cpu: '4000', memory: '10000' }),
      makeNode('node2', { cpu: '4000', memory: '10000' }),
    ],
    existing: [makePod([], 'node1'), makePod([], 'node1'), makePod([], 'node2'), makePod([], 'node2')],
    resources: defaultResources,
    expected: [100, 100],
  },
  {
    name: 'no resources requested, pods scheduled with resources',
    pod: makePod(),
    nodes: [
      makeNode('node1', { cpu: '10000', memory: '20000' }),
      makeNode('node2', { cpu: '10000', memory: '20000' }),
    ],
    existing: [
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '0' }], 'node2'),
      makePod([{ cpu: '3000', memory: '5000' }], 'node2'),
    ],
    resources: defaultResources,
    expected: [70, 57],
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: makePod(twoContainers),
    nodes: [
      makeNode('node1', { cpu: '10000', memory: '20000' }),
      makeNode('node2', { cpu: '10000', memory: '20000' }),
    ],
    existing: [
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '5000' }], 'node2'),
    ],
    resources: defaultResources,
    expected: [57, 45],
  },
  {
    name: 'resources requested, pods scheduled with resources, differently sized nodes',
    pod: makePod(twoContainers),
    nodes: [
      makeNode('node1', { cpu: '10000', memory: '20000' }),
      makeNode('node2', { cpu: '10000', memory: '50000' }),
    ],
    existing: [
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '5000' }], 'node2'),
    ],
    resources: defaultResources,
    expected: [57, 60],
  },
  {
    name: 'requested resources exceed node capacity',
    pod: makePod([{ cpu: '3000', memory: '0' }]),
    nodes: [
      makeNode('node1', { cpu: '4000', memory: '10000' }),
      makeNode('node2', { cpu: '4000', memory: '10000' }),
    ],
    existing: [
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '5000' }], 'node2'),
    ],
    resources: defaultResources,
    expected: [50, 25],
  },
  {
    name: 'zero node resources, pods scheduled with resources',
    pod: makePod(),
    nodes: [makeNode('node1'), makeNode('node2')],
    existing: [
      makePod([{ cpu: '3000', memory: '0' }], 'node1'),
      makePod([{ cpu: '3000', memory: '5000' }], 'node2'),
    ],
    resources: defaultResources,
    expected: [0, 0],
  },
  {
    name: 'nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes',
    pod: makePod(twoContainers),
    nodes: [
      makeNode('node1', { cpu: '4000', memory: '10000' }),
      makeNode('node2', { cpu: '6000', memory: '10000' }),
    ],
    resources: [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ],
    expected: [41, 50],
  },
  {
    name: 'bypass extended resource if the pod does not request',
    pod: makePod(twoContainers),
    nodes: [
      makeNode('node1', { cpu: '6000', memory: '10000' }),
      makeNode('node2', { cpu: '6000', memory: '10000', [extendedRes]: '4' }),
    ],
    resources: extendedResourceSet,
    expected: [50, 50],
  },
];

describe('NodeResourcesFit LeastAllocated scoring (TestLeastAllocatedScoringStrategy)', () => {
  it.each(cases)('$name', ({ pod, nodes, existing, resources, expected }) => {
    const plugin = nodeResourcesFit({ scoringStrategy: { type: 'LeastAllocated', resources } });
    expect(runScorePlugin(plugin, pod, snapshotOf(nodes, existing)).scores).toEqual(expected);
  });
});

describe('NodeResourcesFit filter', () => {
  it('reports every insufficient resource, and UnschedulableAndUnresolvable when a request exceeds allocatable', () => {
    const node = makeNode('node1', { cpu: '2', memory: '1Gi', pods: '110' });
    const existing = [makePod([{ cpu: '1', memory: '512Mi' }], 'node1')];
    const fits = runFilterPlugin(
      nodeResourcesFit(),
      makePod([{ cpu: '1500m', memory: '600Mi' }]),
      snapshotOf([node], existing),
    );
    expect(fits.get('node1')).toEqual({
      code: 'Unschedulable',
      reasons: ['Insufficient cpu', 'Insufficient memory'],
    });
    const tooBig = runFilterPlugin(nodeResourcesFit(), makePod([{ cpu: '3' }]), snapshotOf([node], existing));
    expect(tooBig.get('node1')).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['Insufficient cpu'],
    });
  });

  it('counts pods against allocatable pods and extended resources such as nvidia.com/gpu', () => {
    const node = makeNode('node1', { cpu: '4', memory: '8Gi', pods: '1', 'nvidia.com/gpu': '1' });
    const status = runFilterPlugin(
      nodeResourcesFit(),
      makePod([{ 'nvidia.com/gpu': '1' }]),
      snapshotOf([node], [makePod([{ 'nvidia.com/gpu': '1' }], 'node1')]),
    ).get('node1');
    expect(status).toEqual({
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient nvidia.com/gpu'],
    });
  });
});
