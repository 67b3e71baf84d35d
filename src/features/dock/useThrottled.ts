/**
 * A value that follows its input at most once per `ms` of wall time, with a trailing update so the last
 * input always arrives. For lists that change on every frame at high speed (the cluster's Events).
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(-Infinity);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const apply = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    if (wait <= 0) {
      apply();
      return undefined;
    }
    const t = setTimeout(apply, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}
