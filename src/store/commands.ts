/**
 * Commands: the only way features change state. Document commands (add, update, remove, move, load) are
 * one undo entry each; the simulation is then brought in line with the document by syncSimulation, which
 * applies only the objects whose authored copy changed (by identity) and deletes the ones that went.
 */
import { ApiError, keyOf, runCommand as engineRunCommand, type KubeObject } from '../engine';
import { documentStore, normalizeObject, withObjects, type DocumentState, type XY } from './document';
import { commit, getSimulation, publishTime, replaceSimulation } from './runtime';
import { notify, requestFit, select, sessionStore } from './session';
import { ensureDriver } from './driver';

/** The authored object last applied to the simulation, by key (identity tells what changed). */
const applied = new Map<string, KubeObject>();
/** The simulation's authored copy right after our apply, by key (a command that edits it makes a new one). */
const simAuthored = new Map<string, KubeObject>();

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
  const sim = getSimulation();
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const obj of objects) {
    const key = keyOf(obj);
    seen.add(key);
    if (applied.get(key) === obj) continue;
    applied.set(key, obj);
    try {
      sim.apply(obj);
      const copy = sim.authoredOf(key);
      if (copy) simAuthored.set(key, copy);
    } catch (e) {
      errors.push(`${obj.kind} ${obj.metadata.name}: ${describe(e)}`);
    }
  }
  for (const [key, obj] of applied) {
    if (seen.has(key)) continue;
    applied.delete(key);
    simAuthored.delete(key);
    if (!sim.store.getByKey(key)) continue;
    try {
      sim.delete(obj.kind, obj.metadata.namespace, obj.metadata.name);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) errors.push(describe(e));
    }
  }
  if (errors.length > 0) notify('error', 'The cluster refused some objects', errors);
  settle();
}

/** Rebuilds the simulation from the document: same design, the document's seed, time 0. */
export function resetSimulation(): void {
  const { objects, seed } = documentStore.getState();
  replaceSimulation(seed);
  applied.clear();
  simAuthored.clear();
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
  for (const key of drop) {
    const live = sim.store.getByKey(key);
    if (!live || authored.has(key)) continue;
    try {
      sim.deleteObject(live, {});
    } catch (e) {
      notify('error', `Could not delete ${key}`, [describe(e)]);
    }
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

/** Sets how many simulated milliseconds pass per wall-clock millisecond. */
export function setSpeed(speed: number): void {
  sessionStore.setState({ speed: Math.max(0.1, Math.min(1000, speed)) });
}

/** Advances simulated time by `ms` at once (tests, the step button) and publishes the result. */
export function stepBy(ms: number): void {
  const sim = getSimulation();
  try {
    sim.advance(ms);
  } catch (e) {
    stopOnError(e);
  }
  if (!commit()) publishTime();
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
  let result: { ok: boolean; output: string };
  try {
    result = engineRunCommand(getSimulation(), line);
  } catch (e) {
    result = { ok: false, output: `error: ${describe(e)}` };
  }
  pullAuthoredChanges();
  settle();
  return result;
}
