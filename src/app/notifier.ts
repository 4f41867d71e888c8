/**
 * Change notification for the store: subscribers are called at once for rare events, or at
 * most every `NOTIFY_INTERVAL_MS` for frequent ones (metrics), so React repaints a few times a
 * second however fast the worker reports.
 */

/** Minimum time between two throttled notifications (≤ 5 renders per second). */
export const NOTIFY_INTERVAL_MS = 200;

/** A set of listeners, called now or at the next throttled moment. */
export class Notifier {
  private readonly listeners = new Set<() => void>();
  private lastNotify = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Calls `listener` after changes; returns the unsubscriber. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls every listener now (and drops a pending throttled call). */
  now(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastNotify = performance.now();
    for (const listener of this.listeners) listener();
  }

  /** Calls every listener once `NOTIFY_INTERVAL_MS` has passed since the last call. */
  soon(): void {
    if (this.timer !== null) return;
    const wait = this.lastNotify + NOTIFY_INTERVAL_MS - performance.now();
    if (wait <= 0) this.now();
    else this.timer = setTimeout(() => this.now(), wait);
  }
}
