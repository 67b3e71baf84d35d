import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine';
import { podDisplay, type PodDisplayState } from './podState';

// Cases after kubectl's printPod (kubernetes/kubernetes pkg/printers/internalversion/printers.go) and its
// TestPrintPod table: status words and restart counts as `kubectl get pods` shows them.
const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
const running = (restartCount = 0) => [
  { name: 'c', image: 'i', imageID: '', ready: true, restartCount, state: { running: {} } },
];

const cases: Array<[string, Pod, PodDisplayState, string, number]> = [
  ['A pod with no node and no status is Pending.', { spec: { containers: [] } }, 'Pending', 'Pending', 0],
  [
    'A bound pod whose phase is still Pending is ContainerCreating.',
    { spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Pending' } },
    'ContainerCreating',
    'ContainerCreating',
    0,
  ],
  [
    'A running pod without the Ready condition is running but not ready.',
    { spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Running', containerStatuses: running() } },
    'RunningNotReady',
    'Running',
    0,
  ],
  [
    'A running pod with Ready True is Ready and shows its restarts.',
    {
      spec: { containers: [], nodeName: 'n1' },
      status: { phase: 'Running', ...ready, containerStatuses: running(2) },
    },
    'Ready',
    'Running',
    2,
  ],
  [
    'A pod with a deletion timestamp is Terminating, whatever its phase.',
    {
      metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' },
      spec: { containers: [], nodeName: 'n1' },
      status: { phase: 'Running', ...ready },
    },
    'Terminating',
    'Terminating',
    0,
  ],
  [
    'A container waiting in CrashLoopBackOff makes the pod CrashLoopBackOff.',
    {
      spec: { containers: [], nodeName: 'n1' },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'c',
            image: 'i',
            imageID: '',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
    },
    'CrashLoopBackOff',
    'CrashLoopBackOff',
    3,
  ],
  [
    'A container that cannot pull its image shows the pull error.',
    {
      spec: { containers: [], nodeName: 'n1' },
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'c',
            image: 'i',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ErrImagePull' } },
          },
        ],
      },
    },
    'ImagePullBackOff',
    'ErrImagePull',
    0,
  ],
  [
    'A failed pod with reason Evicted is Evicted.',
    { spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Failed', reason: 'Evicted' } },
    'Evicted',
    'Evicted',
    0,
  ],
  [
    'A failed pod shows its reason, or Failed.',
    { spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Failed' } },
    'Failed',
    'Failed',
    0,
  ],
  [
    'A succeeded pod is Completed.',
    { spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Succeeded' } },
    'Completed',
    'Completed',
    0,
  ],
];

describe('podDisplay', () => {
  it.each(cases)('%s', (_name, pod, state, status, restarts) => {
    const d = podDisplay(pod);
    expect(d.state).toBe(state);
    expect(d.status).toBe(status);
    expect(d.restarts).toBe(restarts);
  });
});
