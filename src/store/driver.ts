/**
 * The engine driver on the main thread: while playing, each animation frame advances simulated time by
 * speed x the wall time since the previous frame (at most 100 ms of wall time per frame, so a background
 * tab does not come back to a minute of catch-up work), then commits once. After a seek back, the
 * recorded inputs are applied again as their time comes (src/store/timelineState.ts).
 */
import { commit, getSimulation, publishTime } from './runtime';
import { notify, sessionStore } from './session';
import { advanceTo } from './timelineState';

const MAX_FRAME_WALL_MS = 100;

/** Timings of the driver's frames since the last reset (for benchmarks and the performance note). */
export const frameStats = { frames: 0, stepMs: 0, maxStepMs: 0, commitMs: 0, maxCommitMs: 0 };

/** Zeroes frameStats. */
export function resetFrameStats(): void {
  Object.assign(frameStats, { frames: 0, stepMs: 0, maxStepMs: 0, commitMs: 0, maxCommitMs: 0 });
}
let handle = 0;
let last = 0;

function frame(now: number): void {
  handle = 0;
  const { playing, speed } = sessionStore.getState();
  if (!playing) return;
  const wall = last === 0 ? 0 : Math.min(now - last, MAX_FRAME_WALL_MS);
  last = now;
  const sim = getSimulation();
  const t0 = performance.now();
  try {
    advanceTo(sim.now + wall * speed);
  } catch (e) {
    sessionStore.setState({ playing: false });
    notify('error', 'The simulation stopped', [
      e instanceof Error ? e.message : String(e),
      'Your design is saved. Reset to start again.',
    ]);
  }
  const t1 = performance.now();
  if (!commit()) publishTime();
  const t2 = performance.now();
  frameStats.frames++;
  frameStats.stepMs += t1 - t0;
  frameStats.maxStepMs = Math.max(frameStats.maxStepMs, t1 - t0);
  frameStats.commitMs += t2 - t1;
  frameStats.maxCommitMs = Math.max(frameStats.maxCommitMs, t2 - t1);
  handle = requestAnimationFrame(frame);
}

/** Starts the frame loop if the session is playing and the loop is not running (browser only). */
export function ensureDriver(): void {
  if (handle !== 0 || typeof requestAnimationFrame === 'undefined') return;
  if (!sessionStore.getState().playing) return;
  last = 0;
  handle = requestAnimationFrame(frame);
}

/** Stops the frame loop (tests and teardown). */
export function stopDriver(): void {
  if (handle !== 0 && typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(handle);
  handle = 0;
}
