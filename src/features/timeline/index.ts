/**
 * The timeline: play, pause, step, speed (0.25x to 100x), the simulated clock, and a scrubber that goes
 * back to any earlier moment by deterministic replay (src/store/timeline.ts) and forward again, with
 * markers for notable moments (node failed, rollout started, pod evicted...).
 */
export { TimelineBar } from './TimelineBar';
export { formatSimTime, formatSpeed } from './formatSimTime';
