import { describe, expect, it } from 'vitest';
import { timestamp, type ContainerStatus, type Event, type KubeObject, type Pod } from '../../engine';
import { eventRow, humanDuration, podSummary } from './kubectlFormat';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration, as apimachinery duration.HumanDuration', () => {
  // Upstream: staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go TestHumanDuration and
  // TestHumanDurationBoundaries.
  it.each([
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * D, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * 365 * D - 1, '729d'],
    [2 * 365 * D, '2y'],
    [2 * 365 * D + 23 * H, '2y'],
    [2 * 365 * D + D, '2y1d'],
    [8 * 365 * D - 1, '7y364d'],
    [8 * 365 * D, '8y'],
    [9 * 365 * D, '9y'],
  ])('a duration of %i ms prints as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

const running = { running: {} };
const now = 30 * D;
const ago = (ms: number) => ({ terminated: { exitCode: 1, finishedAt: timestamp(now - ms) } });

function pod(containers: number, status: NonNullable<Pod['status']>, extra: Partial<Pod> = {}): Pod {
  return {
    metadata: { name: 'p' },
    spec: { containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}` })) },
    status,
    ...extra,
  };
}

function cs(s: Partial<ContainerStatus>): ContainerStatus {
  return { name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, ...s };
}

describe('podSummary, as printPod writes READY, STATUS and RESTARTS', () => {
  // Upstream: pkg/printers/internalversion/printers_test.go TestPrintPod (cases test1 to test17).
  it.each<[string, Pod, [string, string, string]]>([
    [
      'Counts restarts of all containers and ready running containers (test1)',
      pod(2, {
        phase: 'podPhase',
        containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
      }),
      ['1/2', 'podPhase', '6'],
    ],
    [
      'A container waiting reason overwrites the pod phase (test2)',
      pod(2, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: running }),
          cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
        ],
      }),
      ['1/2', 'ContainerWaitingReason', '6'],
    ],
    [
      'The first container overwrites the rest (test3)',
      pod(2, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
          cs({
            restartCount: 3,
            state: { terminated: { reason: 'ContainerTerminatedReason', exitCode: 0 } },
          }),
        ],
      }),
      ['0/2', 'ContainerWaitingReason', '6'],
    ],
    [
      'Ready is not enough for reporting running (test4)',
      pod(2, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: running }),
          cs({ ready: true, restartCount: 3 }),
        ],
      }),
      ['1/2', 'podPhase', '6'],
    ],
    [
      'The pod reason overwrites the phase (test5)',
      pod(2, {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: running }),
          cs({ ready: true, restartCount: 3 }),
        ],
      }),
      ['1/2', 'podReason', '6'],
    ],
    [
      'A completed and a running container without the Ready condition are NotReady (test6)',
      pod(2, {
        phase: 'Running',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
          cs({ ready: true, restartCount: 3, state: running }),
        ],
      }),
      ['1/2', 'NotReady', '6'],
    ],
    [
      'An init container restarting shows Init:0/1 and its restarts with their age (test7)',
      pod(
        1,
        {
          phase: 'podPhase',
          initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: ago(10 * S) })],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
        { spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] } },
      ),
      ['0/1', 'Init:0/1', '3 (10s ago)'],
    ],
    [
      'A container that restarted five days ago (test12)',
      pod(1, {
        phase: 'Running',
        containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: ago(5 * D) })],
      }),
      ['1/1', 'Running', '3 (5d ago)'],
    ],
    [
      'A scheduling-gated pod (test15)',
      pod(2, {
        phase: 'podPhase',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      ['0/2', 'SchedulingGated', '0'],
    ],
    [
      'A failed pod shows its container terminated reason (test17)',
      pod(1, {
        phase: 'Failed',
        containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })],
      }),
      ['0/1', 'Error', '0'],
    ],
    [
      'A deleted running pod is Terminating (test19)',
      pod(
        1,
        { phase: 'Running', containerStatuses: [cs({ ready: true, state: running })] },
        { metadata: { name: 'p', deletionTimestamp: timestamp(0) } },
      ),
      ['1/1', 'Terminating', '0'],
    ],
    [
      'A container in CrashLoopBackOff shows it',
      pod(1, {
        phase: 'Running',
        containerStatuses: [
          cs({ restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: ago(20 * S) }),
        ],
      }),
      ['0/1', 'CrashLoopBackOff', '4 (20s ago)'],
    ],
  ])('%s', (_name, p, [ready, status, restarts]) => {
    const s = podSummary(p, now);
    expect([s.ready, s.status, s.restartsText]).toEqual([ready, status, restarts]);
  });
});

describe('eventRow, as kubectl get events prints it', () => {
  it('prints LAST SEEN as an age, the object as kind/name lower-cased, and keeps the message', () => {
    const e: Event & KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-1.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient cpu.',
      firstTimestamp: timestamp(0),
      lastTimestamp: timestamp(5 * S),
      count: 2,
    };
    expect(eventRow(e, 95 * S)).toEqual({
      key: 'Event/default/web-1.1',
      lastSeen: '90s',
      lastMs: 5 * S,
      type: 'Warning',
      reason: 'FailedScheduling',
      object: 'pod/web-1',
      message: '0/3 nodes are available: 3 Insufficient cpu.',
      count: 2,
    });
  });
});
