import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSimulation, stepBy } from '../../store';
import { throttledSecond } from './useSimSecond';

let n = 0;
/** Advances simulated time with a change in it, so the store commits a frame. */
function advance(ms: number): void {
  getSimulation().apply({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tick', namespace: 'default' },
    data: { n: String(++n) },
  });
  stepBy(ms);
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
});
