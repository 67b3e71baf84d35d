/**
 * The page's side of the timeline. The recording and its replay live with the simulation in the engine
 * host (engineHost.ts, over src/store/timeline.ts); the page keeps what the deltas say of it (the end,
 * whether the position is in the past, the markers) and the bookkeeping the commands keep beside it: which
 * authored object was last applied to the simulation (`applied`, by identity), with a copy per recorded
 * entry, so that a replay restores it and the document keeps syncing by identity.
 */
import type { KubeObject } from '../engine';
import type { TimelineInfo } from './engineHost';
import type { TimelineMarker } from './timeline';

/** The authored object last applied to the simulation, by key (identity tells what changed). */
export const applied = new Map<string, KubeObject>();
/** `applied` as it was after each recorded entry, by entry index. */
const notes: Array<Map<string, KubeObject> | undefined> = [];
let end = 0;
let inPast = false;
let markers: TimelineMarker[] = [];

/** Marks recorded entry `index` with the bookkeeping after it (entries after it are gone: a new branch). */
export function noteEntry(index: number): void {
  notes.length = index;
  notes[index] = new Map(applied);
}

/** Restores `applied` as it was after entry `index` (-1: before the first), after a replay. */
export function restoreApplied(index: number): void {
  applied.clear();
  for (const [k, v] of notes[index] ?? []) applied.set(k, v);
}

/** Forgets the bookkeeping (reset, a new design). */
export function resetTimelineState(): void {
  applied.clear();
  notes.length = 0;
}

/** Takes the timeline's state from a delta. */
export function applyTimelineInfo(info: TimelineInfo): void {
  end = info.end;
  inPast = info.inPast;
  if (info.markers) markers = info.markers;
}

/** The markers of the recording (the same array while the recording is unchanged). */
export function getMarkers(): TimelineMarker[] {
  return markers;
}

/** The furthest simulated time reached on this branch. */
export function getTimelineEnd(): number {
  return end;
}

/** Whether the current position is before the end (an input made now starts a new branch). */
export function timelineInPast(): boolean {
  return inPast;
}

/** Notes that the recorded future was dropped (the page sent a truncate). */
export function markTruncated(): void {
  inPast = false;
}
