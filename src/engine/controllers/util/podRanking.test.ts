import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../api/types';
import { timestamp } from '../../api/time';
import { compareForDeletion, rankForDeletion } from './podRanking';

type P = Pod & KubeObject;

function pod(
  name: string,
  o: {
    node?: string;
    phase?: string;
    ready?: boolean;
    readySince?: number;
    restarts?: number;
    created?: number;
    cost?: string;
  } = {},
): P {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ...(o.created !== undefined ? { creationTimestamp: timestamp(o.created) } : {}),
      ...(o.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Pending',
      ...(o.ready !== undefined
        ? {
            conditions: [
              {
                type: 'Ready',
                status: o.ready ? 'True' : 'False',
                ...(o.readySince !== undefined ? { lastTransitionTime: timestamp(o.readySince) } : {}),
              },
            ],
          }
        : {}),
      ...(o.restarts !== undefined
        ? {
            containerStatuses: [
              { name: 'c', image: 'c', imageID: '', ready: !!o.ready, restartCount: o.restarts },
            ],
          }
        : {}),
    },
  };
}

// The order of kubernetes/kubernetes pkg/controller/controller_utils_test.go TestSortingActivePods: the
// pods listed first are deleted first (rules of ActivePods.Less, one case per rule).
const PAIRS: Array<[string, P, P]> = [
  ['an unassigned pod goes before an assigned one', pod('a'), pod('b', { node: 'n' })],
  [
    'a Pending pod goes before an Unknown one',
    pod('a', { node: 'n', phase: 'Pending' }),
    pod('b', { node: 'n', phase: 'Unknown' }),
  ],
  [
    'an Unknown pod goes before a Running one',
    pod('a', { node: 'n', phase: 'Unknown' }),
    pod('b', { node: 'n', phase: 'Running' }),
  ],
  [
    'a pod that is not ready goes before a ready one',
    pod('a', { node: 'n', phase: 'Running', ready: false }),
    pod('b', { node: 'n', phase: 'Running', ready: true }),
  ],
  [
    'a lower deletion cost goes before a higher one',
    pod('a', { node: 'n', phase: 'Running', ready: true, cost: '-5' }),
    pod('b', { node: 'n', phase: 'Running', ready: true }),
  ],
  [
    'a pod ready for less time goes before one ready longer',
    pod('a', { node: 'n', phase: 'Running', ready: true, readySince: 20_000 }),
    pod('b', { node: 'n', phase: 'Running', ready: true, readySince: 10_000 }),
  ],
  [
    'a pod with more restarts goes before one with fewer',
    pod('a', { node: 'n', phase: 'Running', ready: true, readySince: 10_000, restarts: 3 }),
    pod('b', { node: 'n', phase: 'Running', ready: true, readySince: 10_000, restarts: 1 }),
  ],
  [
    'a newer pod goes before an older one',
    pod('a', { node: 'n', phase: 'Running', ready: true, readySince: 10_000, created: 9000 }),
    pod('b', { node: 'n', phase: 'Running', ready: true, readySince: 10_000, created: 1000 }),
  ],
];

describe('compareForDeletion (controller_utils ActivePodsWithRanks.Less)', () => {
  it.each(PAIRS)('%s', (_name, first, second) => {
    expect(compareForDeletion(first, second)).toBeLessThan(0);
    expect(compareForDeletion(second, first)).toBeGreaterThan(0);
  });

  it('a pod on a node with more pods of the set goes before one alone on its node', () => {
    const ready = { phase: 'Running', ready: true, readySince: 1000 };
    const pods = [
      pod('alone', { node: 'n1', ...ready }),
      pod('crowded-1', { node: 'n2', ...ready }),
      pod('crowded-2', { node: 'n2', ...ready }),
    ];
    expect(
      rankForDeletion(pods)
        .map((p) => p.metadata.name)
        .at(-1),
    ).toBe('alone');
  });
});
