/**
 * A value that follows another at most once every `intervalMs` (the latest value always
 * arrives, after at most `intervalMs`).
 */
import { useEffect, useRef, useState } from 'react';

/** Returns `value`, updated at most once every `intervalMs`. */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [throttled, setThrottled] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastUpdate.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastUpdate.current = performance.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return throttled;
}
