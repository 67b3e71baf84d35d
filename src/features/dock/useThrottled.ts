/**
 * A value that follows its input at most once per `ms` of wall time, with a trailing update so the last
 * input always arrives. For lists that change on every frame at high speed (the cluster's Events).
 */
import { useEffect, useRef, useState } from 'react';

const wallClock = (): number => performance.now();

export function useThrottled<T>(value: T, ms: number, clock: () => number = wallClock): T {
  const [shown, setShown] = useState(value);
  const last = useRef(-Infinity);
  useEffect(() => {
    const wait = last.current + ms - clock();
    const apply = () => {
      last.current = clock();
      setShown(() => value);
    };
    if (wait <= 0) {
      apply();
      return undefined;
    }
    const t = setTimeout(apply, wait);
    return () => clearTimeout(t);
  }, [value, ms, clock]);
  return shown;
}
