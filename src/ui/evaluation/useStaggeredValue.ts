/**
 * Hands a new value on after a delay, in a task of its own. Parts of a panel given different
 * delays redraw one per task instead of all in one long task (recharts takes tens of
 * milliseconds per chart, and the page must not freeze while a model trains). Values arriving
 * while one is pending are taken together when the delay ends, so a fast stream of values is
 * throttled to one redraw per delay rather than starved.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** `value`, as it was `delayMs` ago at most (the first value is returned at once). */
export function useStaggeredValue<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    latest.current = value;
    if (Object.is(shown, value) || timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      // flushSync: render and commit now, in this timer's task, even if other parts' timers
      // fire right after (React would otherwise batch them into one long render).
      flushSync(() => setShown(() => latest.current));
    }, delayMs);
  }, [value, shown, delayMs]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
  return shown;
}
