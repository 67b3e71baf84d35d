/**
 * Commands: the only way features change state. Document commands (add, update, remove, move, load) are
 * one undo entry each; the simulation is then brought in line with the document by syncSimulation, which
 * sends only the objects whose authored copy changed (by identity) and the ones that went.
 *
 * The simulation lives in the engine host (engineHost.ts: a Web Worker in the browser, in-process in Node
 * and tests); commands send it inputs (engineClient.ts) and its deltas come back to the runtime's mirror.
 * Every input that changes the cluster (the design applied, deletes, command lines, faults) is recorded on
 * the host's timeline (src/store/timeline.ts) at the simulated time it happened, so seekTo can rebuild any
 * earlier moment by replay. An input made at an earlier moment than the end starts a new branch: the
 * recorded future is dropped, and the design as it is now is applied first, so cluster and document agree.
 */
import {
  keyOf,
  objectKey,
  TRAFFIC_API_VERSION,
  TRAFFIC_SOURCE_KIND,
  trafficSourceName,
  type KubeObject,
  type TrafficSource,
} from '../engine';
import { documentStore, normalizeObject, withObjects, type DocumentState, type XY } from './document';
import { getSimulation } from './runtime';
import { notify, requestFit, select, sessionStore, SPEEDS } from './session';
import { ensureDriver } from './driver';
import { runEngineInWorker, send, setDeltaHooks } from './engineClient';
import type { EngineInput, EngineResult } from './engineHost';
import { changesCluster, type PodFault } from './timeline';
import { applied, markTruncated, noteEntry, resetTimelineState, timelineInPast } from './timelineState';

/** Before a new input: at an earlier moment than the end, drop the recorded future and apply the design. */
function beginInput(): void {
  if (!timelineInPast()) return;
  markTruncated();
  void send({ op: 'truncate' });
  syncSimulation(documentStore.getState().objects);
}

/**
 * Sends an input that the host records on the timeline; `then` gets its result (at once in-process), after
 * which the entry is marked with the page's bookkeeping.
 */
function record(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult> {
  beginInput();
  return send(input, (r) => {
    then?.(r);
    if (r.entry !== undefined) noteEntry(r.entry);
  });
}

/** Runs work due at the current instant (no time passes) and publishes the result. */
export function settle(): void {
  void send({ op: 'settle' });
}

/** Resolves once the engine has carried out every input sent so far and the page shows the result. */
export function engineSettled(): Promise<void> {
  return send({ op: 'settle' }).then(() => undefined);
}

/** Pauses and tells the person when the engine throws; the document is left as it is. */
export function stopOnError(message: string): void {
  sessionStore.setState({ playing: false });
  notify('error', 'The simulation stopped', [message, 'Your design is saved. Reset to start again.']);
}

/** Brings the simulation in line with the authored objects (apply changed ones, delete removed ones). */
export function syncSimulation(objects: readonly KubeObject[]): void {
  beginInput();
  const seen = new Set<string>();
  const apply: KubeObject[] = [];
  const remove: KubeObject[] = [];
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
    remove.push(obj);
  }
  if (apply.length === 0 && remove.length === 0) return;
  void record({ op: 'sync', apply, remove }, (r) => {
    if (r.errors.length > 0) notify('error', 'The cluster refused some objects', r.errors);
  });
}

/** Rebuilds the simulation from the document: same design, the document's seed, time 0. */
export function resetSimulation(): void {
  const { objects, seed } = documentStore.getState();
  resetTimelineState();
  void send({ op: 'reset', seed });
  syncSimulation(objects);
}

/**
 * Takes into the document what a command changed in the simulation's authored copies (kubectl scale,
 * set image, apply, delete...), so such changes are undoable, saved, and exported like any edit.
 */
function takeAuthoredChanges(changes: { changed: KubeObject[]; removed: string[] }): void {
  for (const a of changes.changed) applied.set(keyOf(a), a);
  for (const k of changes.removed) applied.delete(k);
  const removed = new Set(changes.removed);
  const s = documentStore.getState();
  const kept = removed.size ? s.objects.filter((o) => !removed.has(keyOf(o))) : s.objects;
  documentStore.setState({ objects: withObjects(kept, changes.changed) });
}

setDeltaHooks({
  authored: takeAuthoredChanges,
  stopped: stopOnError,
  lost: (message) => {
    notify('error', 'The simulation could not run in the background', [
      message,
      'It runs on the page instead; the canvas may be slower with big clusters.',
    ]);
    runEngineInWorker(false);
    resetSimulation();
    ensureDriver();
  },
});

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
  const store = getSimulation().store;
  const made = [...drop].filter((key) => !authored.has(key) && store.getByKey(key));
  if (made.length > 0)
    void record({ op: 'deleteLive', keys: made }, (r) => {
      for (const line of r.errors) notify('error', 'Could not delete', [line]);
    });
  if (drop.has(sessionStore.getState().selection ?? '')) select(null);
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
  // Fit once the new design has reached the canvas (the engine may answer from a worker).
  void send({ op: 'settle' }, () => requestFit());
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
  ensureDriver();
}

/** Sets how many simulated milliseconds pass per wall-clock millisecond (within the offered speeds). */
export function setSpeed(speed: number): void {
  const lo = SPEEDS[0];
  const hi = SPEEDS[SPEEDS.length - 1] as number;
  sessionStore.setState({ speed: Number.isFinite(speed) ? Math.max(lo, Math.min(hi, speed)) : 1 });
  ensureDriver();
}

/**
 * Advances simulated time by `ms` at once (tests, the step button) and publishes the result; recorded
 * inputs due on the way (after a seek back) are applied at their times. In-process it has taken effect
 * when this returns.
 */
export function stepBy(ms: number): void {
  void send({ op: 'advance', ms });
}

/** Advances simulated time to `ms` (never backwards); resolves once the page shows it. */
export function stepTo(ms: number): Promise<EngineResult> {
  return send({ op: 'advanceTo', ms });
}

/** How far the step button moves simulated time. */
export const STEP_MS = 1000;

/** The step button: pauses and advances simulated time by one second. */
export function stepForward(ms = STEP_MS): void {
  pause();
  stepBy(ms);
}

/** Pauses and goes back by one step (a replay). */
export function stepBack(ms = STEP_MS): void {
  seekTo(Math.max(0, getSimulation().now - ms));
}

/**
 * Goes to simulated time `ms` (clamped to 0..end of the recording) and pauses: back by a deterministic
 * replay from time 0 with the document's seed and the recorded inputs, forward by playing the recording on.
 * The document is left as it is; the recorded inputs bring the cluster back to it as time plays on.
 */
export function seekTo(ms: number): void {
  pause();
  void send({ op: 'seek', ms });
}

/** Fails a node (its machine goes off), as an input on the timeline. */
export function failNodeAction(name: string): void {
  void record({ op: 'failNode', name }, (r) => {
    if (r.errors.length > 0) notify('error', `Could not fail node ${name}`, r.errors);
  });
}

/** Recovers a failed node, as an input on the timeline. */
export function recoverNodeAction(name: string): void {
  void record({ op: 'recoverNode', name }, (r) => {
    if (r.errors.length > 0) notify('error', `Could not recover node ${name}`, r.errors);
  });
}

/** Breaks one pod's application (probe or crash), as an input on the timeline. */
export function breakPodAction(namespace: string, name: string, mode: PodFault): void {
  void record({ op: 'breakPod', namespace, name, mode }, (r) => {
    if (r.errors.length > 0) notify('error', `Could not break pod ${name}`, r.errors);
  });
}

/** What traffic can be sent to from outside: an Ingress or a Service (see src/engine/network/traffic). */
export interface TrafficTargetRef {
  kind: 'Ingress' | 'Service';
  namespace: string;
  name: string;
}

/** The most requests per second the canvas offers to send (the engine models any rate in aggregate). */
export const MAX_TRAFFIC_RPS = 100_000;

/** The key of the TrafficSource that sends traffic to a target (named as the engine's setTraffic names it). */
export function trafficSourceKey(target: TrafficTargetRef): string {
  return objectKey(TRAFFIC_SOURCE_KIND, target.namespace, trafficSourceName(target));
}

/**
 * Sends `rps` requests per second from external clients to a Service or an Ingress; 0 stops them. The
 * TrafficSource (`kubecanvas.dev/v1alpha1`, the same object `kubecanvas traffic service/NAME --rps N`
 * makes) is part of the design: one undo entry, saved, in the project file (not in the kubectl export),
 * and applied to the cluster as a recorded input on the timeline. Returns an error message, or null.
 */
export function sendTraffic(target: TrafficTargetRef, rps: number): string | null {
  if (!Number.isFinite(rps) || rps < 0 || rps > MAX_TRAFFIC_RPS)
    return `Requests per second must be a number from 0 to ${MAX_TRAFFIC_RPS.toLocaleString('en')}.`;
  const key = trafficSourceKey(target);
  const existing = documentStore.getState().objects.find((o) => keyOf(o) === key) as
    TrafficSource | undefined;
  if (rps === 0) {
    if (existing || getSimulation().store.getByKey(key)) removeObjects([key]);
    return null;
  }
  if (existing?.spec.rps === rps) return null;
  const source: TrafficSource = existing
    ? { ...existing, spec: { ...existing.spec, rps } }
    : {
        apiVersion: TRAFFIC_API_VERSION,
        kind: TRAFFIC_SOURCE_KIND,
        metadata: { name: trafficSourceName(target), namespace: target.namespace },
        spec: { target: { kind: target.kind, name: target.name, namespace: target.namespace }, rps },
      };
  addObject(source);
  return null;
}

/** Undoes one break of a pod (healPod: back to what it was made with), as an input on the timeline. */
export function healPodAction(namespace: string, name: string, mode: PodFault): void {
  void record({ op: 'healPod', namespace, name, mode }, (r) => {
    if (r.errors.length > 0) notify('error', `Could not heal pod ${name}`, r.errors);
  });
}

/** A command line's result, in kubectl's words; `pending` when it waits for the cluster (rollout status). */
export interface CommandOutcome {
  ok: boolean;
  output: string;
  pending?: boolean;
  /** With `pending`: how long kubectl waits for something to appear (simulated ms); `output` if it does not. */
  waitMs?: number;
}

/**
 * Runs a kubectl or kubecanvas command line against the simulation (src/engine/commands) and resolves
 * with its text output, or the error in kubectl's words. What it changes in authored objects joins the
 * document. In-process the command has taken effect when this returns.
 */
export function runCommand(line: string): Promise<CommandOutcome> {
  // Reading changes nothing: it runs now, unrecorded (a rewound timeline stays as it is).
  const sent = changesCluster(line) ? record({ op: 'command', line }) : send({ op: 'read', line });
  return sent.then(({ ok, output, pending, waitMs }) =>
    pending ? { ok, output, pending, ...(waitMs !== undefined ? { waitMs } : {}) } : { ok, output },
  );
}
