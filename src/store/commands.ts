/**
 * Commands: the only way features change state. Document commands (add, update, remove, move, load) are
 * one undo entry each; the simulation is then brought in line with the document by syncSimulation, which
 * applies only the objects whose authored copy changed (by identity) and deletes the ones that went.
 *
 * Every input to the simulation (the design applied, deletes, command lines, faults) is recorded on the
 * timeline (src/store/timeline.ts) at the simulated time it happened, so seekTo can rebuild any earlier
 * moment by replay. An input made at an earlier moment than the end starts a new branch: the recorded
 * future is dropped, and the design as it is now is applied first, so the cluster and the document agree.
 */
import { keyOf, type KubeObject } from '../engine';
import { documentStore, normalizeObject, withObjects, type DocumentState, type XY } from './document';
import { commit, getSimulation, publishTime } from './runtime';
import { notify, requestFit, select, sessionStore, SPEEDS } from './session';
import { ensureDriver } from './driver';
import { applyInput, changesCluster, type InputResult, type PodFault, type TimelineInput } from './timeline';
import {
  advanceTo,
  applied,
  noteEntry,
  resetTimeline,
  seekTime,
  simAuthored,
  timeline,
} from './timelineState';

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Before a new input: at an earlier moment than the end, drop the recorded future and apply the design. */
function beginInput(): void {
  if (!timeline.inPast) return;
  timeline.truncate();
  syncSimulation(documentStore.getState().objects);
}

/**
 * Records an input on the timeline and applies it at the current instant; `after` runs before the entry
 * is noted (what the input changed in the document joins it there).
 */
function record(input: TimelineInput, after?: (result: InputResult) => void): InputResult {
  beginInput();
  const { entry, result } = timeline.input(input);
  after?.(result);
  noteEntry(entry);
  return result;
}

/** Runs work due at the current instant (no time passes) and publishes the result. */
export function settle(): void {
  const sim = getSimulation();
  try {
    sim.step(sim.now);
  } catch (e) {
    stopOnError(e);
  }
  commit();
}

/** Pauses and tells the person when the engine throws; the document is left as it is. */
export function stopOnError(e: unknown): void {
  sessionStore.setState({ playing: false });
  notify('error', 'The simulation stopped', [describe(e), 'Your design is saved. Reset to start again.']);
}

/** Brings the simulation in line with the authored objects (apply changed ones, delete removed ones). */
export function syncSimulation(objects: readonly KubeObject[]): void {
  beginInput();
  const seen = new Set<string>();
  const apply: KubeObject[] = [];
  const remove: Array<{ kind: string; namespace?: string; name: string }> = [];
  for (const obj of objects) {
    const key = keyOf(obj);
    seen.add(key);
    if (applied.get(key) === obj) continue;
    applied.set(key, obj);
    apply.push(obj);
  }
  for (const [key, obj] of applied) {
    if (seen.has(key)) continue;
    applied.delete(key);
    simAuthored.delete(key);
    const { kind, metadata } = obj;
    remove.push({
      kind,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      name: metadata.name,
    });
  }
  if (apply.length > 0 || remove.length > 0) {
    const { errors } = record({ type: 'sync', apply, remove }, () => {
      const sim = getSimulation();
      for (const obj of apply) {
        const key = keyOf(obj);
        const copy = sim.authoredOf(key);
        if (copy) simAuthored.set(key, copy);
      }
    });
    if (errors.length > 0) notify('error', 'The cluster refused some objects', errors);
  }
  settle();
}

/** Rebuilds the simulation from the document: same design, the document's seed, time 0. */
export function resetSimulation(): void {
  const { objects, seed } = documentStore.getState();
  resetTimeline(seed);
  syncSimulation(objects);
  commit(true);
}

let following = false;

/** Makes the simulation follow every document change (undo and redo included). Idempotent. */
export function followDocument(): void {
  if (following) return;
  following = true;
  documentStore.subscribe((state, prev) => {
    if (state.seed !== prev.seed) resetSimulation();
    else if (state.objects !== prev.objects) syncSimulation(state.objects);
  });
}

/** Adds objects (replacing any with the same key), optionally placed on the canvas. One undo entry. */
export function addObjects(objects: readonly KubeObject[], positions: Record<string, XY> = {}): void {
  const s = documentStore.getState();
  documentStore.setState({
    objects: withObjects(s.objects, objects),
    positions: Object.keys(positions).length ? { ...s.positions, ...positions } : s.positions,
  });
}

/** Adds one object (a new one, or a replacement of the one with its key). One undo entry. */
export function addObject(obj: KubeObject, position?: XY): void {
  addObjects([obj], position ? { [keyOf(normalizeObject(obj))]: position } : {});
}

/** Changes one authored object; `edit` gets a copy and returns the new object. One undo entry. */
export function updateObject(key: string, edit: (authored: KubeObject) => KubeObject): void {
  const s = documentStore.getState();
  const i = s.objects.findIndex((o) => keyOf(o) === key);
  const current = s.objects[i];
  if (!current) return;
  const next = normalizeObject(edit(structuredClone(current)));
  const objects = [...s.objects];
  objects[i] = next;
  documentStore.setState({ objects });
}

/**
 * Removes objects by key. Authored objects leave the document (one undo entry); objects the cluster made
 * (a ReplicaSet's pod) are deleted in the simulation, as `kubectl delete` would (not undoable).
 */
export function removeObjects(keys: readonly string[]): void {
  const drop = new Set(keys);
  const s = documentStore.getState();
  const objects = s.objects.filter((o) => !drop.has(keyOf(o)));
  const authored = new Set(s.objects.map(keyOf).filter((k) => drop.has(k)));
  if (objects.length !== s.objects.length) {
    const positions = { ...s.positions };
    for (const k of drop) delete positions[k];
    documentStore.setState({ objects, positions });
  }
  const sim = getSimulation();
  const made = [...drop].filter((key) => !authored.has(key) && sim.store.getByKey(key));
  if (made.length > 0) {
    const { errors } = record({ type: 'delete', keys: made });
    for (const line of errors) notify('error', 'Could not delete', [line]);
  }
  if (drop.has(sessionStore.getState().selection ?? '')) select(null);
  settle();
}

/** Removes one object (see removeObjects). */
export function removeObject(key: string): void {
  removeObjects([key]);
}

/** Moves objects on the canvas (the end of a drag). One undo entry. */
export function moveObjects(positions: Record<string, XY>): void {
  const s = documentStore.getState();
  documentStore.setState({ positions: { ...s.positions, ...positions } });
}

/** Replaces the whole design (import of a project, a template, a deck scene) and restarts at time 0. */
export function loadDesign(
  objects: readonly KubeObject[],
  options: { seed?: number; positions?: Record<string, XY> } = {},
): void {
  const s = documentStore.getState();
  const next: DocumentState = {
    objects: withObjects([], objects),
    positions: options.positions ?? {},
    seed: options.seed ?? s.seed,
  };
  select(null);
  documentStore.setState(next);
  if (next.seed === s.seed) resetSimulation();
  requestFit();
}

/** Undoes the last document change. */
export function undo(): void {
  documentStore.temporal.getState().undo();
}

/** Redoes the last undone document change. */
export function redo(): void {
  documentStore.temporal.getState().redo();
}

/** Starts simulated time. */
export function play(): void {
  sessionStore.setState({ playing: true });
  ensureDriver();
}

/** Stops simulated time (commands still take effect at the current instant). */
export function pause(): void {
  sessionStore.setState({ playing: false });
}

/** Sets how many simulated milliseconds pass per wall-clock millisecond (within the offered speeds). */
export function setSpeed(speed: number): void {
  const lo = SPEEDS[0];
  const hi = SPEEDS[SPEEDS.length - 1] as number;
  sessionStore.setState({ speed: Number.isFinite(speed) ? Math.max(lo, Math.min(hi, speed)) : 1 });
}

/**
 * Advances simulated time by `ms` at once (tests, the deck's scenes) and publishes the result; recorded
 * inputs due on the way (after a seek back) are applied at their times.
 */
export function stepBy(ms: number): void {
  try {
    advanceTo(getSimulation().now + ms);
  } catch (e) {
    stopOnError(e);
  }
  if (!commit()) publishTime();
}

/** The step button: pauses and advances simulated time by one second. */
export function stepForward(ms = STEP_MS): void {
  pause();
  stepBy(ms);
}

/** Pauses and goes back by one step (a replay). */
export function stepBack(ms = STEP_MS): void {
  seekTo(Math.max(0, getSimulation().now - ms));
}

/** How far the step button moves simulated time. */
export const STEP_MS = 1000;

/**
 * Goes to simulated time `ms` (clamped to 0..end of the recording) and pauses: back by a deterministic
 * replay from time 0 with the document's seed and the recorded inputs, forward by playing the recording on.
 * The document is left as it is; the recorded inputs bring the cluster back to it as time plays on.
 */
export function seekTo(ms: number): void {
  pause();
  try {
    seekTime(ms);
  } catch (e) {
    stopOnError(e);
  }
  commit(true);
}

/** Fails a node (its machine goes off), as an input on the timeline. */
export function failNodeAction(name: string): void {
  const { errors } = record({ type: 'failNode', name });
  if (errors.length > 0) notify('error', `Could not fail node ${name}`, errors);
  settle();
}

/** Recovers a failed node, as an input on the timeline. */
export function recoverNodeAction(name: string): void {
  const { errors } = record({ type: 'recoverNode', name });
  if (errors.length > 0) notify('error', `Could not recover node ${name}`, errors);
  settle();
}

/** Breaks one pod's application (probe or crash), as an input on the timeline. */
export function breakPodAction(namespace: string, name: string, mode: PodFault): void {
  const { errors } = record({ type: 'breakPod', namespace, name, mode });
  if (errors.length > 0) notify('error', `Could not break pod ${name}`, errors);
  settle();
}

/**
 * Takes into the document what a command changed in the simulation's authored copies (kubectl scale,
 * set image, apply, delete...), so such changes are undoable, saved, and exported like any edit.
 */
export function pullAuthoredChanges(): void {
  const sim = getSimulation();
  const changed: KubeObject[] = [];
  const present = new Set<string>();
  for (const a of sim.authored()) {
    const key = keyOf(a);
    present.add(key);
    if (simAuthored.get(key) === a) continue;
    changed.push(a);
    applied.set(key, a);
    simAuthored.set(key, a);
  }
  const removed = new Set([...applied.keys()].filter((k) => !present.has(k)));
  for (const k of removed) {
    applied.delete(k);
    simAuthored.delete(k);
  }
  if (changed.length === 0 && removed.size === 0) return;
  const s = documentStore.getState();
  const kept = removed.size ? s.objects.filter((o) => !removed.has(keyOf(o))) : s.objects;
  documentStore.setState({ objects: withObjects(kept, changed) });
}

/**
 * Runs a kubectl or kubecanvas command line against the simulation (src/engine/commands) and returns its
 * text output, or the error in kubectl's words. What it changes in authored objects joins the document.
 */
export function runCommand(line: string): { ok: boolean; output: string } {
  if (!changesCluster(line)) {
    // Reading changes nothing: run it here and now, unrecorded (a rewound timeline stays as it is).
    const { output } = applyInput(getSimulation(), { type: 'command', line });
    return output ?? { ok: false, output: 'error: the command did not run' };
  }
  const { output } = record({ type: 'command', line }, pullAuthoredChanges);
  settle();
  return output ?? { ok: false, output: 'error: the command did not run' };
}
