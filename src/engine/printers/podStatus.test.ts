import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/time';
import type { ContainerStatus, KubeObject, Pod, PodStatus } from '../api/types';
import { tableRow } from './table';

const NOW = 30 * 24 * 3600 * 1000;
const ago = (ms: number): string => timestamp(NOW - ms);
const S = 1000;
const D = 24 * 3600 * S;

function pod(
  name: string,
  containers: number,
  status: PodStatus,
  extra: { init?: number; deleting?: boolean } = {},
): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.deleting ? { deletionTimestamp: ago(10 * S) } : {}) },
    spec: {
      containers: Array.from({ length: containers }, () => ({ name: '' })),
      ...(extra.init ? { initContainers: Array.from({ length: extra.init }, () => ({ name: '' })) } : {}),
    },
    status,
  };
}

const running: NonNullable<ContainerStatus['state']> = { running: {} };
const cs = (o: Partial<ContainerStatus>): ContainerStatus =>
  ({ name: '', image: '', imageID: '', ready: false, restartCount: 0, ...o }) as ContainerStatus;
const restarted = (ms: number): NonNullable<ContainerStatus['lastState']> => ({
  terminated: { exitCode: 0, finishedAt: ago(ms) },
});

// The cases of upstream's TestPrintPod (pkg/printers/internalversion/printers_test.go), same names.
const cases: Array<[string, Pod & KubeObject, string[]]> = [
  [
    'counts containers, restarts and ready containers (test1)',
    pod('test1', 2, {
      phase: 'podPhase',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
    }),
    ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'shows a waiting container reason over the pod phase (test2)',
    pod('test2', 2, {
      phase: 'podPhase',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: running }),
        cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
      ],
    }),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'lets the first container reason overwrite the rest (test3)',
    pod('test3', 2, {
      phase: 'podPhase',
      containerStatuses: [
        cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
        cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } }),
      ],
    }),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'does not count ready without running (test4)',
    pod('test4', 2, {
      phase: 'podPhase',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: running }),
        cs({ ready: true, restartCount: 3 }),
      ],
    }),
    ['test4', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'prefers the pod reason over its phase (test5)',
    pod('test5', 2, {
      reason: 'podReason',
      phase: 'podPhase',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: running }),
        cs({ ready: true, restartCount: 3 }),
      ],
    }),
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    'shows NotReady for a completed and a running container without the Ready condition (test6)',
    pod('test6', 2, {
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
        cs({ ready: true, restartCount: 3, state: running }),
      ],
    }),
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    'shows Running for a completed and a running container with the Ready condition (test6)',
    pod('test6', 2, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
        cs({ ready: true, restartCount: 3, state: running }),
      ],
    }),
    ['test6', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    'shows Init:0/1 while the init container restarts (test7)',
    pod(
      'test7',
      1,
      {
        phase: 'podPhase',
        initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: restarted(10 * S) })],
        containerStatuses: [cs({ state: { waiting: {} } })],
      },
      { init: 1 },
    ),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    'shows Init:0/2 when the first of two init containers restarts (test8)',
    pod(
      'test8',
      1,
      {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({ restartCount: 3, state: running, lastState: restarted(10 * S) }),
          cs({ state: { waiting: {} } }),
        ],
        containerStatuses: [cs({ state: { waiting: {} } })],
      },
      { init: 2 },
    ),
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'shows Init:1/2 when the first init container completed (test9)',
    pod(
      'test9',
      1,
      {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({ state: { terminated: { exitCode: 0 } } }),
          cs({ restartCount: 3, state: running, lastState: restarted(10 * S) }),
        ],
        containerStatuses: [cs({ state: { waiting: {} } })],
      },
      { init: 2 },
    ),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'adds the restarts of a completed init container (test10)',
    pod(
      'test10',
      1,
      {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: restarted(120 * S) }),
          cs({ restartCount: 3, state: running, lastState: restarted(10 * S) }),
        ],
        containerStatuses: [cs({ state: { waiting: {} } })],
      },
      { init: 2 },
    ),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    'counts only the app container restarts once initialized (test11)',
    pod(
      'test11',
      1,
      {
        phase: 'Running',
        initContainerStatuses: [
          cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: restarted(120 * S) }),
        ],
        containerStatuses: [cs({ restartCount: 4, state: running, lastState: restarted(20 * S) })],
      },
      { init: 1 },
    ),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    'prints a restart 5 days ago (test12)',
    pod('test12', 1, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: restarted(5 * D) })],
    }),
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  ],
  [
    'prints the last restart of two containers (test13)',
    pod('test13', 2, {
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, state: running }),
        cs({ ready: true, restartCount: 3, state: running, lastState: restarted(10 * D) }),
      ],
    }),
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  ],
  [
    'prints the most recent of two restarts (test14)',
    pod('test14', 2, {
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, restartCount: 6, state: running, lastState: restarted(5 * D) }),
        cs({ ready: true, restartCount: 3, state: running, lastState: restarted(20 * D) }),
      ],
    }),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    'shows SchedulingGated (test15)',
    pod('test15', 2, {
      phase: 'podPhase',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    }),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    'shows Completed for a succeeded pod (test16)',
    pod('test16', 1, {
      phase: 'Succeeded',
      containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
    }),
    ['test16', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    'shows Error for a failed pod (test17)',
    pod('test17', 1, {
      phase: 'Failed',
      containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })],
    }),
    ['test17', '0/1', 'Error', '0', '<unknown>'],
  ],
  [
    'keeps Completed for a succeeded pod being deleted (test18)',
    pod(
      'test18',
      1,
      {
        phase: 'Succeeded',
        containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
      },
      { deleting: true },
    ),
    ['test18', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    'shows Terminating for a running pod being deleted (test19)',
    pod(
      'test19',
      1,
      { phase: 'Running', containerStatuses: [cs({ ready: true, state: running })] },
      { deleting: true },
    ),
    ['test19', '1/1', 'Terminating', '0', '<unknown>'],
  ],
  [
    'shows Unknown for a pod being deleted on a lost node',
    pod('lost', 1, { phase: 'Running', reason: 'NodeLost' }, { deleting: true }),
    ['lost', '0/1', 'Unknown', '0', '<unknown>'],
  ],
  [
    'shows CrashLoopBackOff from the waiting container',
    pod('crash', 1, {
      phase: 'Running',
      containerStatuses: [
        cs({
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: restarted(30 * S),
        }),
      ],
    }),
    ['crash', '0/1', 'CrashLoopBackOff', '4 (30s ago)', '<unknown>'],
  ],
  [
    'shows Evicted from the pod reason',
    pod('evicted', 1, { phase: 'Failed', reason: 'Evicted' }),
    ['evicted', '0/1', 'Evicted', '0', '<unknown>'],
  ],
  [
    'shows ContainerCreating while the container waits for it',
    pod('creating', 1, {
      phase: 'Pending',
      containerStatuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })],
    }),
    ['creating', '0/1', 'ContainerCreating', '0', '<unknown>'],
  ],
  [
    'shows Init:ExitCode when an init container failed without a reason',
    pod(
      'initfail',
      1,
      { phase: 'Pending', initContainerStatuses: [cs({ state: { terminated: { exitCode: 2 } } })] },
      { init: 1 },
    ),
    ['initfail', '0/1', 'Init:ExitCode:2', '0', '<unknown>'],
  ],
];

describe('pod cells as printPod computes them', () => {
  it.each(cases)('%s', (_name, p, want) => {
    expect(tableRow(p, { nowMs: NOW })).toEqual(want);
  });
});
