/**
 * Simulated time in whole seconds, for ages and once-a-second figures. Unlike useSimTime it re-renders
 * only when the second changes, not on every animation frame.
 */
import { useSyncExternalStore } from 'react';
import { getSimulation, subscribeFrame } from '../../store';

const second = (): number => Math.floor(getSimulation().now / 1000);

/** The current simulated second (ms / 1000, rounded down). */
export function useSimSecond(): number {
  return useSyncExternalStore(subscribeFrame, second);
}
