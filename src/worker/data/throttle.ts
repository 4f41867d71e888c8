/**
 * Rate limiting for progress events: the worker may learn of progress thousands of times a
 * second, the UI needs a few updates a second.
 */

/** Milliseconds between two progress events of one request. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Returns a function that answers true at most once per `intervalMs` (the first call always
 * does), so callers post only then.
 */
export function createThrottle(
  intervalMs: number = PROGRESS_INTERVAL_MS,
  now: () => number = () => performance.now(),
): () => boolean {
  let last = -Infinity;
  return () => {
    const time = now();
    if (time - last < intervalMs) return false;
    last = time;
    return true;
  };
}
