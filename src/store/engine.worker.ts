/**
 * The simulation's Web Worker: an EngineHost and its own clock. While playing, it advances time at the
 * chosen speed in slices of at most SLICE_MS of work, posting one delta per slice (so the page's main
 * thread only applies changes and draws). Inputs arrive as messages between slices and are answered in
 * order, each after the delta that carries its effects.
 */
import type { KubeObject } from '../engine';
import { EngineHost, splitDelta, type EngineDelta, type EngineInput, type EngineResult } from './engineHost';

/** A request from the page. */
export type WorkerRequest =
  /**
   * An input; with `applyJson`, a `sync` input's objects to apply come as one JSON array (the page had
   * each object's JSON from the import: copying text is much cheaper for its main thread than cloning).
   */
  | { id: number; input: EngineInput; applyJson?: string }
  /** The page has shown the clock deltas up to `seen` (it acknowledges once per drawn frame). */
  | { seen: number };

/** What the worker posts: a delta, or the result of request `id` (after the delta with its effects). */
export type WorkerMessage =
  /** A delta; `tick` numbers the ones the worker's own clock made (the page acknowledges them). */
  { delta: EngineDelta; tick?: number } | { id: number; result: EngineResult };

/** Wall ms of simulation work per slice, at most (one instant's work may take longer: it cannot split). */
const SLICE_MS = 10;
/** Wall ms between slice starts: about one per display frame. */
const PERIOD_MS = 16;
/** Wall time one slice may catch up at most (a stalled worker does not come back to minutes of work). */
const MAX_WALL_MS = 100;
/**
 * Clock deltas the page may be behind before the clock waits for it: time then advances by the frames the
 * page shows (each by the wall time since the previous one, up to MAX_WALL_MS), as it did on the page.
 */
const MAX_AHEAD = 3;
/**
 * Objects per posted delta, at most: a big change (thousands of pods) reaches the page in pieces, each
 * deserialized in its own task (1,000 pods took about 80 ms of the page's main thread; 250 stay near 20).
 */
const CHUNK = 250;

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const host = new EngineHost(1, () => performance.now());
let timer: ReturnType<typeof setTimeout> | undefined;
let last = 0;
let ticks = 0;
let seen = 0;

function post(delta: EngineDelta, tick?: number): void {
  const pieces = splitDelta(delta, CHUNK);
  pieces.forEach((piece, i) =>
    scope.postMessage(
      tick !== undefined && i === pieces.length - 1 ? { delta: piece, tick } : { delta: piece },
    ),
  );
}

function flush(): void {
  if (host.dirty) post(host.flush());
}

function tick(): void {
  timer = undefined;
  if (!host.playing) return;
  const started = performance.now();
  if (ticks - seen >= MAX_AHEAD) {
    // The page has not drawn what was sent: wait for it (the wall time since `last` is kept, up to a cap).
    schedule(PERIOD_MS / 2);
    return;
  }
  const wall = last === 0 ? 0 : Math.min(started - last, MAX_WALL_MS);
  last = started;
  host.run(wall, SLICE_MS);
  // The clock moved even when no object changed: the page shows the time.
  post(host.flush(), ++ticks);
  schedule(Math.max(0, PERIOD_MS - (performance.now() - started)));
}

function schedule(delay: number): void {
  if (timer === undefined && host.playing) timer = setTimeout(tick, delay);
}

scope.onmessage = (e) => {
  const message = e.data;
  if ('seen' in message) {
    seen = Math.max(seen, message.seen);
    return;
  }
  const { id, applyJson } = message;
  const input: EngineInput =
    applyJson !== undefined && message.input.op === 'sync'
      ? { ...message.input, apply: JSON.parse(applyJson) as KubeObject[] }
      : message.input;
  const wasPlaying = host.playing;
  let result: EngineResult;
  try {
    // A design sync's objects are posted as soon as they are stored, then what the cluster made of them.
    result = host.handle(input, flush);
    flush();
  } catch (err) {
    // handle() catches the engine's errors; anything else still gets an answer, so no caller waits forever.
    const text = err instanceof Error ? err.message : String(err);
    result = { ok: false, output: `error: ${text}`, errors: [text] };
  }
  scope.postMessage({ id, result });
  if (host.playing && !wasPlaying) {
    last = 0;
    seen = ticks;
    schedule(0);
  }
};
