/**
 * Simulated time in whole seconds, for ages and once-a-second figures. It follows the clock (the store's
 * time signal, sent on every played frame even when no object changed, so ages keep ticking while a
 * cluster sits still), but unlike useSimTime it re-renders only when the second changes, and at most
 * every `minWallMs` of wall time (at 100x a simulated second passes every 10 ms: a table of events need
 * not follow that fast). A trailing update brings the last second in after a pause.
 */
import { useState, useSyncExternalStore } from 'react';
import { getSimulation, subscribeTime } from '../../store';

const second = (): number => Math.floor(getSimulation().now / 1000);

/** A throttled view of the simulated second, one per component (each keeps its own last value). */
export function throttledSecond(minWallMs: number, clock: () => number = () => performance.now()) {
  let value = second();
  let lastWall = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  return {
    get: (): number => value,
    subscribe(listener: () => void): () => void {
      const update = (): void => {
        const s = second();
        if (s === value) return;
        const wait = lastWall + minWallMs - clock();
        if (wait > 0) {
          trailing ??= setTimeout(() => {
            trailing = undefined;
            update();
          }, wait);
          return;
        }
        value = s;
        lastWall = clock();
        listener();
      };
      const stop = subscribeTime(update);
      return () => {
        stop();
        clearTimeout(trailing);
        trailing = undefined;
      };
    },
  };
}

/** The current simulated second (ms / 1000, rounded down), updated at most every `minWallMs`. */
export function useSimSecond(minWallMs = 250): number {
  const [clock] = useState(() => throttledSecond(minWallMs));
  return useSyncExternalStore(clock.subscribe, clock.get);
}
