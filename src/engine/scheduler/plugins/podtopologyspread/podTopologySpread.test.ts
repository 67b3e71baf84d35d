import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod, TopologySpreadConstraint } from '../../../api/types';
import { runFilterPlugin, runScorePlugin, snapshotOf } from '../../framework/pluginHarness';
import { podTopologySpread } from './podTopologySpread';

function node(name: string, labels: Record<string, string>): Node & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  };
}
let seq = 0;
function pod(
  labels: Record<string, string>,
  nodeName?: string,
  constraints: TopologySpreadConstraint[] = [],
  nodeSelector?: Record<string, string>,
): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${seq++}`, namespace: 'default', labels },
    spec: {
      containers: [],
      topologySpreadConstraints: constraints,
      ...(nodeName ? { nodeName } : {}),
      ...(nodeSelector ? { nodeSelector } : {}),
    },
  };
}
function spread(
  key: string,
  maxSkew: number,
  when: 'DoNotSchedule' | 'ScheduleAnyway',
  minDomains?: number,
): TopologySpreadConstraint {
  return {
    maxSkew,
    topologyKey: key,
    whenUnsatisfiable: when,
    labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] },
    ...(minDomains ? { minDomains } : {}),
  };
}
function spreadByLabel(
  key: string,
  maxSkew: number,
  when: 'DoNotSchedule' | 'ScheduleAnyway',
): TopologySpreadConstraint {
  return { maxSkew, topologyKey: key, whenUnsatisfiable: when, labelSelector: { matchLabels: { foo: '' } } };
}
/** Existing pods with label foo on node-a..node-d, by count. */
function existing(counts: number[]): Array<Pod & KubeObject> {
  return counts.flatMap((n, i) =>
    Array.from({ length: n }, () => pod({ foo: '' }, `node-${'abcd'[i] as string}`)),
  );
}
const zoned = [
  node('node-a', { zone: 'zone1' }),
  node('node-b', { zone: 'zone1' }),
  node('node-x', { zone: 'zone2' }),
  node('node-y', { zone: 'zone2' }),
];
const fourNodes = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => node(n, { zone: 'zone1' }));

// Upstream: pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestSingleConstraint
// ("pods spread across nodes as 2/1/0/3, maxSkew is 1/2") and the minDomains rows.
describe('PodTopologySpread filter (TestSingleConstraint)', () => {
  const table: Array<[string, TopologySpreadConstraint, string[]]> = [
    [
      'pods spread across nodes as 2/1/0/3, only node-c fits with maxSkew 1',
      spread('kubernetes.io/hostname', 1, 'DoNotSchedule'),
      ['node-c'],
    ],
    [
      'pods spread across nodes as 2/1/0/3, node-b and node-c fit with maxSkew 2',
      spread('kubernetes.io/hostname', 2, 'DoNotSchedule'),
      ['node-b', 'node-c'],
    ],
    [
      'the same with a one-label selector (indexed counting)',
      spreadByLabel('kubernetes.io/hostname', 1, 'DoNotSchedule'),
      ['node-c'],
    ],
    [
      'minDomains 5 with 4 domains makes the global minimum 0',
      spread('kubernetes.io/hostname', 2, 'DoNotSchedule', 5),
      ['node-b', 'node-c'],
    ],
  ];
  it.each(table)('%s', (_name, c, fits) => {
    const statuses = runFilterPlugin(
      podTopologySpread(),
      pod({ foo: '' }, undefined, [c]),
      snapshotOf(fourNodes, existing([2, 1, 0, 3])),
    );
    expect([...statuses].filter(([, s]) => s.code === 'Success').map(([n]) => n)).toEqual(fits);
    expect(statuses.get('node-a')).toEqual({
      code: 'Unschedulable',
      reasons: ["node(s) didn't match pod topology spread constraints"],
    });
  });

  it('rejects a node without the topology key as unresolvable', () => {
    const statuses = runFilterPlugin(
      podTopologySpread(),
      pod({ foo: '' }, undefined, [spread('zone', 1, 'DoNotSchedule')]),
      snapshotOf([...zoned, node('node-z', {})]),
    );
    expect(statuses.get('node-z')).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
    });
  });

  it('counts only nodes matching the pod node selector (nodeAffinityPolicy Honor), indexed or not', () => {
    const nodes = [
      node('node-a', { zone: 'zone1', pool: 'x' }),
      node('node-b', { zone: 'zone2', pool: 'x' }),
      node('node-c', { zone: 'zone3', pool: 'y' }),
    ];
    const pods = [pod({ foo: '' }, 'node-a')];
    const incoming = pod({ foo: '' }, undefined, [spreadByLabel('zone', 1, 'DoNotSchedule')], { pool: 'x' });
    const statuses = runFilterPlugin(podTopologySpread(), incoming, snapshotOf(nodes, pods));
    expect(statuses.get('node-a')?.code).toBe('Unschedulable');
    expect(statuses.get('node-b')?.code).toBe('Success');
  });
});

// Upstream: pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go, TestPodTopologySpreadScore
// (the maxSkew=3 row: pods 4/3/2/1 give 44, 66, 77, 100). The maxSkew=1 row is our own, computed by hand
// from the same rule: round(n·ln 6) = 7, 5, 4, 2, then ⌊100·(max+min−s)/max⌋.
describe('PodTopologySpread score (TestPodTopologySpreadScore)', () => {
  it.each([
    ['one constraint on node, all 4 nodes are candidates, maxSkew=3', 3, [44, 66, 77, 100]],
    ['one constraint on node, all 4 nodes are candidates, maxSkew=1 (hand-computed)', 1, [28, 57, 71, 100]],
  ] as const)('%s', (_name, maxSkew, want) => {
    const incoming = pod({ foo: '' }, undefined, [
      spread('kubernetes.io/hostname', maxSkew, 'ScheduleAnyway'),
    ]);
    const { scores } = runScorePlugin(
      podTopologySpread(),
      incoming,
      snapshotOf(fourNodes, existing([4, 3, 2, 1])),
    );
    expect(scores).toEqual([...want]);
  });

  it('gives the same zone scores through the label index and through a scan', () => {
    const pods = [pod({ foo: '' }, 'node-a'), pod({ foo: '' }, 'node-a'), pod({ foo: '' }, 'node-x')];
    const indexed = runScorePlugin(
      podTopologySpread(),
      pod({ foo: '' }, undefined, [spreadByLabel('zone', 1, 'ScheduleAnyway')]),
      snapshotOf(zoned, pods),
    );
    const scanned = runScorePlugin(
      podTopologySpread(),
      pod({ foo: '' }, undefined, [spread('zone', 1, 'ScheduleAnyway')]),
      snapshotOf(zoned, pods),
    );
    expect(indexed.scores).toEqual(scanned.scores);
    expect(indexed.scores[0]).toBeLessThan(indexed.scores[2] as number);
  });

  it('skips a pod without constraints and without a default selector', () => {
    expect(runScorePlugin(podTopologySpread(), pod({ foo: '' }), snapshotOf(zoned)).skipped).toBe(true);
  });
});
