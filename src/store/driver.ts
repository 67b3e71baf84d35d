/**
 * The engine's clock while playing. In a Web Worker the engine keeps its own time (engine.worker.ts) and
 * this module only tells it to play, pause or change speed. In-process (Node, tests, the browser's
 * fallback), each animation frame advances simulated time by speed x the wall time since the previous
 * frame (at most 100 ms of wall time per frame, so a background tab does not come back to a minute of
 * catch-up work), then commits once. Either way, after a seek back the host applies the recorded inputs
 * again as their time comes.
 */
import { engineKind, send, tickInProcess } from './engineClient';
import { sessionStore } from './session';

const MAX_FRAME_WALL_MS = 100;

/** Timings of the in-process driver's frames since the last reset (for benchmarks and the performance note). */
export const frameStats = { frames: 0, stepMs: 0, maxStepMs: 0 };

/** Zeroes frameStats. */
export function resetFrameStats(): void {
  Object.assign(frameStats, { frames: 0, stepMs: 0, maxStepMs: 0 });
}
let handle = 0;
let last = 0;

function frame(now: number): void {
  handle = 0;
  if (!sessionStore.getState().playing) return;
  const wall = last === 0 ? 0 : Math.min(now - last, MAX_FRAME_WALL_MS);
  last = now;
  const t0 = performance.now();
  if (!tickInProcess(wall)) {
    // The in-process engine is still loading: keep the loop; in a worker the engine keeps its own time.
    if (engineKind() === 'starting') handle = requestAnimationFrame(frame);
    return;
  }
  const ms = performance.now() - t0;
  frameStats.frames++;
  frameStats.stepMs += ms;
  frameStats.maxStepMs = Math.max(frameStats.maxStepMs, ms);
  handle = requestAnimationFrame(frame);
}

/**
 * Tells the engine the session's play state and speed; in-process, starts the frame loop if it is not
 * running (browser only).
 */
export function ensureDriver(): void {
  const { playing, speed } = sessionStore.getState();
  void send(playing ? { op: 'play', speed } : { op: 'pause' });
  if (!playing || handle !== 0 || typeof requestAnimationFrame === 'undefined') return;
  last = 0;
  handle = requestAnimationFrame(frame);
}

/** Stops the frame loop (tests and teardown). */
export function stopDriver(): void {
  if (handle !== 0 && typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(handle);
  handle = 0;
}
