/**
 * The page's side of the timeline. The recording and its replay live with the simulation in the engine
 * host (engineHost.ts, over src/store/timeline.ts); the page keeps what the deltas say of it (the end,
 * whether the position is in the past, the markers) and the bookkeeping the commands keep beside it: which
 * authored object was last applied to the simulation (`applied`, by identity), with a copy per recorded
 * entry, so that a replay restores it and the document keeps syncing by identity; and the moments the
 * simulation was rebuilt (a seek back replays from a fresh simulation, a reset starts one at 0), so that
 * what the page kept of the past (the charts' samples) can be cut back to what the replay has.
 */
import type { KubeObject } from '../engine';
import type { TimelineInfo } from './engineHost';
import { getSimulation, type SimulationView } from './runtime';
import type { TimelineMarker } from './timeline';

/** The authored object last applied to the simulation, by key (identity tells what changed). */
export const applied = new Map<string, KubeObject>();
/** `applied` as it was after each recorded entry, by entry index. */
const notes: Array<Map<string, KubeObject> | undefined> = [];
let end = 0;
let inPast = false;
let markers: TimelineMarker[] = [];
let seenView: SimulationView | undefined;
/** The simulated ms each rebuilt simulation started at, oldest first. */
const rewinds: number[] = [];

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

/**
 * Takes the timeline's state from a delta, after the mirror took the delta (runtime.applyDelta): a new
 * simulation there (a replay or a reset) is noted as a rewind to its clock.
 */
export function applyTimelineInfo(info: TimelineInfo): void {
  end = info.end;
  inPast = info.inPast;
  if (info.markers) markers = info.markers;
  const view = getSimulation();
  if (view !== seenView) {
    seenView = view;
    rewinds.push(view.now);
  }
}

/** How many times the simulation was rebuilt so far (a seek back, a reset, the first start). */
export function rewindCount(): number {
  return rewinds.length;
}

/**
 * The earliest simulated ms the simulation went back to in the rewinds after the first `seen` ones, or
 * undefined when there were none: what was kept of times after it belongs to a run that was replaced.
 */
export function rewoundTo(seen: number): number | undefined {
  let earliest: number | undefined;
  for (let i = Math.max(0, seen); i < rewinds.length; i++)
    earliest = Math.min(earliest ?? Infinity, rewinds[i] as number);
  return earliest;
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
