/**
 * How kubectl prints what the inspector and the dock show: ages (apimachinery's duration.HumanDuration),
 * a pod's STATUS, READY and RESTARTS columns (pkg/printers/internalversion/printers.go printPod), and the
 * rows of `kubectl get events` (printers.go printEvent). Pure functions over API objects and simulated ms.
 */
import { parseTimestamp, type ContainerStatus, type Event, type KubeObject, type Pod } from '../../engine';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration): ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.floor(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the age of a timestamp at simulated time `nowMs`, `<unknown>` when unset. */
export function age(ts: string | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(nowMs - parseTimestamp(ts));
}

/** The columns of `kubectl get pods` that describe state: READY, STATUS and RESTARTS (without AGE). */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  /** RESTARTS as kubectl prints it: `3 (10s ago)` when the last restart's time is known. */
  restartsText: string;
}

type Terminated = NonNullable<NonNullable<ContainerStatus['state']>['terminated']>;

function terminatedReason(t: Terminated): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
}

/** Latest finishedAt of the containers' last terminations, in simulated ms (-Infinity when none). */
function lastRestartMs(statuses: readonly ContainerStatus[]): number {
  let last = -Infinity;
  for (const c of statuses) {
    const at = c.lastState?.terminated?.finishedAt;
    if (at) last = Math.max(last, parseTimestamp(at));
  }
  return last;
}

/** printPod's init container loop: the Init:... reason while initializing, and its restarts. */
function initState(pod: Pod): { reason: string; restarts: number; lastMs: number } | undefined {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? 0;
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const lastMs = lastRestartMs(statuses);
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i] as ContainerStatus;
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) return { reason: `Init:${terminatedReason(t)}`, restarts, lastMs };
    const w = c.state?.waiting?.reason;
    if (w && w !== 'PodInitializing') return { reason: `Init:${w}`, restarts, lastMs };
    return { reason: `Init:${i}/${total}`, restarts, lastMs };
  }
  return undefined;
}

/**
 * printPod's READY, STATUS and RESTARTS at simulated time `nowMs` (restartable init containers, i.e.
 * sidecars, are not simulated and count as ordinary init containers).
 */
export function podSummary(pod: Pod, nowMs = 0): PodSummary {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || 'Pending';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';
  let restarts = 0;
  let lastMs = -Infinity;
  let ready = 0;
  const init = initState(pod);
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (init) ({ reason, restarts, lastMs } = init);
  if (!init || initialized) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    lastMs = lastRestartMs(statuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      const waiting = c.state?.waiting?.reason;
      if (waiting) reason = waiting;
      else if (c.state?.terminated) reason = terminatedReason(c.state.terminated);
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';
  const restartsText =
    restarts !== 0 && lastMs > -Infinity
      ? `${restarts} (${humanDuration(nowMs - lastMs)} ago)`
      : String(restarts);
  return { ready: `${ready}/${pod.spec?.containers.length ?? 0}`, status: reason, restarts, restartsText };
}

/** One row of `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export interface EventRow {
  key: string;
  lastSeen: string;
  /** Simulated ms of the last occurrence, for sorting. */
  lastMs: number;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
}

/** printEvent: the row of an Event at simulated time `nowMs` (object as `kind/name`, kind lower-cased). */
export function eventRow(e: Event & KubeObject, nowMs: number): EventRow {
  const last = e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime;
  const inv = e.involvedObject;
  const object = inv.name ? `${(inv.kind ?? '').toLowerCase()}/${inv.name}` : (inv.kind ?? '').toLowerCase();
  return {
    key: `Event/${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
    lastSeen: age(last, nowMs),
    lastMs: last ? parseTimestamp(last) : 0,
    type: e.type ?? '',
    reason: e.reason ?? '',
    object,
    message: e.message ?? '',
    count: e.count ?? 1,
  };
}
