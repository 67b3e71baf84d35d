/**
 * A pod's READY, STATUS and RESTARTS cells as `kubectl get pods` computes them: a port of printPod in
 * pkg/printers/internalversion/printers.go (init containers, sidecars, waiting/terminated reasons,
 * Completed-but-running, Terminating, SchedulingGated, "3 (10s ago)" restarts).
 */
import { parseTimestamp } from '../api/time';
import type { Container, ContainerStatus, KubeObject, Pod } from '../api/types';
import { humanDuration } from './duration';

/** The three computed cells of a pod's row. */
export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

/** upstream: pkg/util/node NodeUnreachablePodReason. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

interface Tally {
  restarts: number;
  lastRestartMs: number | undefined;
}

function noteRestart(t: Tally, s: ContainerStatus): void {
  t.restarts += s.restartCount ?? 0;
  const finished = s.lastState?.terminated?.finishedAt;
  if (finished) {
    const ms = parseTimestamp(finished);
    if (t.lastRestartMs === undefined || ms > t.lastRestartMs) t.lastRestartMs = ms;
  }
}

function terminatedReason(prefix: string, s: ContainerStatus): string {
  const t = s.state?.terminated;
  if (!t) return '';
  if (t.reason) return `${prefix}${t.reason}`;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/** The init-container part of printPod: returns the reason when the pod is still initializing. */
function initReason(pod: Pod, all: Tally, sidecars: Tally, ready: { n: number }): string | undefined {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i] as ContainerStatus;
    noteRestart(all, s);
    const sidecar = isRestartableInit(specs.get(s.name));
    if (sidecar) noteRestart(sidecars, s);
    const term = s.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && s.started) {
      if (s.ready) ready.n++;
      continue;
    }
    if (term) return terminatedReason('Init:', s);
    const waiting = s.state?.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${pod.spec?.initContainers?.length ?? 0}`;
  }
  return undefined;
}

function hasCondition(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** READY, STATUS and RESTARTS of one pod at simulated time `nowMs`. */
export function podCells(pod: Pod & KubeObject, nowMs: number): PodCells {
  const phase = pod.status?.phase ?? '';
  let reason: string = pod.status?.reason || phase;
  if ((pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';
  let total = pod.spec?.containers?.length ?? 0;
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInit(c)) total++;
  const ready = { n: 0 };
  const all: Tally = { restarts: 0, lastRestartMs: undefined };
  const sidecars: Tally = { restarts: 0, lastRestartMs: undefined };
  const init = initReason(pod, all, sidecars, ready);
  let tally = all;
  if (init !== undefined) reason = init;
  if (init === undefined || hasCondition(pod, 'Initialized')) {
    tally = sidecars;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i] as ContainerStatus;
      noteRestart(tally, s);
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated) reason = terminatedReason('', s);
      else if (s.ready && s.state?.running) {
        hasRunning = true;
        ready.n++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && pod.status?.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';
  const restarts =
    tally.restarts !== 0 && tally.lastRestartMs !== undefined
      ? `${tally.restarts} (${humanDuration(nowMs - tally.lastRestartMs)} ago)`
      : String(tally.restarts);
  return { ready: `${ready.n}/${total}`, status: reason, restarts };
}
