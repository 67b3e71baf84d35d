import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSimulation, runCommand, settle, stepBy } from '../../store';
import { throttledSecond } from './useSimSecond';

let n = 0;
/** Advances simulated time with a change in it, so the store commits a frame. */
function advance(ms: number): void {
  void stepBy(ms);
  void runCommand(`kubectl annotate namespace default tick=${++n} --overwrite`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the throttled simulated second', () => {
  it('tells its listener when the second changes, at most once per interval, and catches up afterwards', () => {
    vi.useFakeTimers();
    let wall = 0;
    const start = Math.floor(getSimulation().now / 1000);
    const clock = throttledSecond(250, () => wall);
    const listener = vi.fn();
    const stop = clock.subscribe(listener);

    advance(1000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.get()).toBe(start + 1);

    wall = 100;
    advance(1000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.get()).toBe(start + 1);

    wall = 250;
    vi.advanceTimersByTime(150);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(clock.get()).toBe(start + 2);

    advance(200);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
  });

  it('ticks while simulated time passes and nothing in the cluster changes (ages must not freeze)', () => {
    vi.useFakeTimers();
    let wall = 0;
    settle();
    const start = Math.floor(getSimulation().now / 1000);
    const clock = throttledSecond(250, () => wall);
    const listener = vi.fn();
    const stop = clock.subscribe(listener);
    // A settled cluster with nothing due: stepping commits no change, only the time signal goes out.
    stepBy(3000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.get()).toBe(Math.floor(getSimulation().now / 1000));
    expect(clock.get()).toBeGreaterThanOrEqual(start + 3);
    wall = 1000;
    stepBy(2000);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
  });
});
