/**
 * How kubectl prints what the inspector and the dock show: ages (the engine's port of apimachinery's
 * duration.HumanDuration) and the rows of `kubectl get events` (pkg/printers/internalversion/printers.go
 * printEvent). Pod STATUS, READY and RESTARTS come from the engine's `podCells` (printPod).
 */
import { humanDuration, objectKey, parseTimestamp, type Event, type KubeObject } from '../../engine';

/** translateTimestampSince: the age of a timestamp at simulated time `nowMs`, `<unknown>` when unset. */
export function age(ts: string | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(nowMs - parseTimestamp(ts));
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
  /** Store key of the involved object (to select it). */
  objectKey: string;
  message: string;
  count: number;
}

/** When an Event last happened: lastTimestamp, else firstTimestamp, else eventTime (undefined: none). */
export function eventLastTimestamp(e: Event): string | undefined {
  return e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime;
}

/** printEvent: the row of an Event at simulated time `nowMs` (object as `kind/name`, kind lower-cased). */
export function eventRow(e: Event & KubeObject, nowMs: number): EventRow {
  const last = eventLastTimestamp(e);
  const inv = e.involvedObject;
  const object = inv.name ? `${(inv.kind ?? '').toLowerCase()}/${inv.name}` : (inv.kind ?? '').toLowerCase();
  return {
    key: `Event/${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
    lastSeen: age(last, nowMs),
    lastMs: last ? parseTimestamp(last) : 0,
    type: e.type ?? '',
    reason: e.reason ?? '',
    object,
    objectKey: objectKey(inv.kind ?? '', inv.namespace ?? e.metadata.namespace, inv.name ?? ''),
    message: e.message ?? '',
    count: e.count ?? 1,
  };
}
