/**
 * The state a pod is drawn in, from its status alone, following kubectl's STATUS column
 * (kubernetes/kubernetes pkg/printers/internalversion/printers.go, printPod): a deletion timestamp wins
 * (Terminating), then a pod-level reason (Evicted), then a waiting container's reason (CrashLoopBackOff,
 * ErrImagePull...), then the phase; a running pod is split by its Ready condition.
 */
import type { Pod } from '../../engine';

/** How a pod is drawn (each state has one colour). */
export type PodDisplayState =
  | 'Pending'
  | 'ContainerCreating'
  | 'RunningNotReady'
  | 'Ready'
  | 'Terminating'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'Completed'
  | 'Failed'
  | 'Evicted';

/** What the canvas shows for a pod: its state, kubectl's status word, and its restart count. */
export interface PodDisplay {
  state: PodDisplayState;
  /** The word kubectl get pods prints in STATUS. */
  status: string;
  restarts: number;
  ready: boolean;
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

function waitingReason(pod: Pod): string | undefined {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of all) {
    const r = c.state?.waiting?.reason;
    if (r && r !== 'ContainerCreating' && r !== 'PodInitializing') return r;
  }
  return undefined;
}

function restartsOf(pod: Pod): number {
  let n = 0;
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount ?? 0;
  return n;
}

/** True when the pod's Ready condition is True. */
export function podReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The display state of a pod (see the file comment for the order of the rules). */
export function podDisplay(pod: Pod): PodDisplay {
  const restarts = restartsOf(pod);
  const ready = podReady(pod);
  const at = (state: PodDisplayState, status: string = state): PodDisplay => ({
    state,
    status,
    restarts,
    ready,
  });
  if (pod.metadata?.deletionTimestamp) return at('Terminating');
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Failed')
    return pod.status?.reason === 'Evicted' ? at('Evicted') : at('Failed', pod.status?.reason ?? 'Failed');
  if (phase === 'Succeeded') return at('Completed');
  const waiting = waitingReason(pod);
  if (waiting === 'CrashLoopBackOff') return at('CrashLoopBackOff');
  if (waiting && IMAGE_PULL.has(waiting)) return at('ImagePullBackOff', waiting);
  if (!pod.spec?.nodeName) return at('Pending');
  if (phase === 'Pending') return at('ContainerCreating');
  if (phase === 'Running') return ready ? at('Ready', 'Running') : at('RunningNotReady', 'Running');
  return at('Pending', phase);
}
