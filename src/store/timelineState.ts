/**
 * The app's timeline (src/store/timeline.ts) over the live simulation, and the bookkeeping the commands
 * keep beside it: which authored object was last applied to the simulation (`applied`, by identity) and
 * the simulation's authored copies (`simAuthored`). Each recorded input carries a copy of `applied` as it
 * was after the input, so a replay restores it and the document keeps syncing by identity.
 */
import { keyOf, type KubeObject } from '../engine';
import { getSimulation, replaceSimulation } from './runtime';
import { Timeline, timelineMarkers, type TimelineEntry, type TimelineMarker } from './timeline';

/** The authored object last applied to the simulation, by key (identity tells what changed). */
export const applied = new Map<string, KubeObject>();
/** The simulation's authored copy right after our apply, by key (a command that edits it makes a new one). */
export const simAuthored = new Map<string, KubeObject>();

/** The recording of every input and its replay; its simulation is the runtime's live one. */
export const timeline = new Timeline(replaceSimulation, getSimulation().seed, getSimulation());

/** Restores `applied` as it was after a replayed input. */
function restore(entry: TimelineEntry): void {
  if (!(entry.note instanceof Map)) return;
  applied.clear();
  for (const [k, v] of entry.note as Map<string, KubeObject>) applied.set(k, v);
}

/** Makes `simAuthored` the simulation's authored copies (after a replay made new ones). */
function rebuildAuthored(): void {
  simAuthored.clear();
  for (const a of timeline.sim.authored()) simAuthored.set(keyOf(a), a);
}

/** Marks a new input's entry with the bookkeeping after it (call once the input has fully taken effect). */
export function noteEntry(entry: TimelineEntry): void {
  entry.note = new Map(applied);
}

/** Advances simulated time to `ms`, applying the recorded inputs due on the way. Throws engine errors. */
export function advanceTo(ms: number): void {
  let replayed = false;
  timeline.advance(ms, (entry) => {
    replayed = true;
    restore(entry);
  });
  if (replayed) rebuildAuthored();
}

/** Goes to simulated time `ms` (0..end), replaying from the start when it lies before now. */
export function seekTime(ms: number): void {
  if (ms < timeline.sim.now) applied.clear();
  timeline.seek(ms, restore);
  rebuildAuthored();
}

/** Forgets the recording and starts a fresh simulation with `seed`. */
export function resetTimeline(seed: number): void {
  applied.clear();
  simAuthored.clear();
  timeline.reset(seed);
}

let markersVersion = -1;
let markers: TimelineMarker[] = [];

/** The markers of the recording (the same array while the recording is unchanged). */
export function getMarkers(): TimelineMarker[] {
  if (markersVersion !== timeline.version) {
    markersVersion = timeline.version;
    markers = timelineMarkers(timeline.inputs, timeline.events);
  }
  return markers;
}

/** The furthest simulated time reached on this branch. */
export function getTimelineEnd(): number {
  return timeline.end;
}
