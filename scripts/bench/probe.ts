/**
 * What the benchmark installs in the page before the app loads (Playwright `addInitScript`):
 * it records, inside the page and without polling, what the app shows while it trains.
 *
 * - a MutationObserver on the stats panel's data attributes (which the app updates a few
 *   times a second) keeps a timestamped sample per update: step, training time, tokens/s,
 *   tfjs tensors and bytes, and the page's JS heap;
 * - a capture-phase click listener notes when Start is clicked, and the observer notes when
 *   the loss chart plots its first training point;
 * - PerformanceObservers keep the main thread's long tasks and, from the Event Timing API, the
 *   latency of each click from input to the next paint.
 *
 * `installProbe` is serialised into the page, so it must not use anything from outside its body.
 */

/** One update of the stats panel, as the page saw it. */
export interface ProbeSample {
  /** `performance.now()` of the page. */
  t: number;
  step: number;
  /** The run's training time (bursts only), from the worker. */
  elapsedMs: number;
  /** The worker's recent throughput estimate. */
  tokensPerSec: number;
  tensors: number | null;
  tfjsBytes: number | null;
  /** `performance.memory.usedJSHeapSize` of the page (null where it does not exist). */
  pageHeapBytes: number | null;
  /** Workers that shared the latest steps (data-parallel WASM), as the stats panel shows. */
  workers: number | null;
}

/** A main-thread long task. */
export interface ProbeLongTask {
  startTime: number;
  duration: number;
}

/**
 * A long animation frame (Long Animation Frames API): what ran in a frame of over 50 ms, for
 * telling which code a long task was (the long-task entry itself names none).
 */
export interface ProbeLongFrame {
  startTime: number;
  duration: number;
  /** Time from the frame's rendering start to its end (style, layout, paint), in ms. */
  renderMs: number;
  /** The frame's scripts, longest first: "invoker · function (source:char) N ms". */
  scripts: string[];
}

/** An input (pointerdown, pointerup, click) and its latency to the next paint. */
export interface ProbeInput {
  name: string;
  startTime: number;
  duration: number;
}

/** What the probe keeps, readable with `page.evaluate(() => window.benchProbe)`. */
export interface ProbeState {
  samples: ProbeSample[];
  longTasks: ProbeLongTask[];
  longFrames: ProbeLongFrame[];
  inputs: ProbeInput[];
  /** When Start was clicked (page time), or null. */
  startClickedAt: number | null;
  /** When the loss chart first plotted a training point, or null. */
  firstPlotAt: number | null;
  /** The run's tokens per step and training FLOPs per token, once the stats panel shows them. */
  tokensPerStep: number | null;
  flopsPerToken: number | null;
  /** Resolves once the stats panel shows a step ≥ `step`, or after `timeoutMs` (false). */
  reached(step: number, timeoutMs: number): Promise<boolean>;
  /** Resolves once the chart has plotted a training point, or after `timeoutMs` (false). */
  plotted(timeoutMs: number): Promise<boolean>;
}

declare global {
  interface Window {
    /** Installed by the benchmark's init script. */
    benchProbe?: ProbeState;
  }
  interface Performance {
    /** Chromium's non-standard heap figures (Window only, not in workers). */
    memory?: { usedJSHeapSize: number };
    /** Memory of the page and its workers (cross-origin isolated pages only). */
    measureUserAgentSpecificMemory?: () => Promise<UserAgentSpecificMemory>;
  }
}

/** The answer of `performance.measureUserAgentSpecificMemory()`. */
export interface UserAgentSpecificMemory {
  bytes: number;
  breakdown: { bytes: number; types: string[]; attribution: { url: string; scope: string }[] }[];
}

/** Installs the probe; runs in the page before any of the app's scripts. */
export function installProbe(): void {
  const waiters: { ready: () => boolean; resolve: (ok: boolean) => void }[] = [];
  const numberOrNull = (element: Element, name: string): number | null => {
    const value = element.getAttribute(name);
    return value === null || value === '' ? null : Number(value);
  };
  const state: ProbeState = {
    samples: [],
    longTasks: [],
    longFrames: [],
    inputs: [],
    startClickedAt: null,
    firstPlotAt: null,
    tokensPerStep: null,
    flopsPerToken: null,
    reached: (step, timeoutMs) =>
      waitUntil(() => (state.samples[state.samples.length - 1]?.step ?? 0) >= step, timeoutMs),
    plotted: (timeoutMs) => waitUntil(() => state.firstPlotAt !== null, timeoutMs),
  };
  function waitUntil(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { ready, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        resolve(ready());
      }, timeoutMs);
    });
  }
  function wake(): void {
    for (const waiter of waiters.slice()) {
      if (waiter.ready()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(true);
      }
    }
  }
  function record(now: number): void {
    const stats = document.querySelector('[data-testid="stats-panel"]');
    if (stats !== null && state.startClickedAt !== null) {
      state.tokensPerStep = numberOrNull(stats, 'data-tokens-per-step') ?? state.tokensPerStep;
      state.flopsPerToken = numberOrNull(stats, 'data-flops-per-token') ?? state.flopsPerToken;
      const step = numberOrNull(stats, 'data-step') ?? 0;
      const elapsedMs = numberOrNull(stats, 'data-elapsed-ms') ?? 0;
      const last = state.samples[state.samples.length - 1];
      if (step > 0 && (last === undefined || last.step !== step || last.elapsedMs !== elapsedMs)) {
        state.samples.push({
          t: now,
          step,
          elapsedMs,
          tokensPerSec: numberOrNull(stats, 'data-tokens-per-sec') ?? 0,
          tensors: numberOrNull(stats, 'data-tensors'),
          tfjsBytes: numberOrNull(stats, 'data-tfjs-bytes'),
          pageHeapBytes: performance.memory?.usedJSHeapSize ?? null,
          workers: numberOrNull(stats, 'data-workers'),
        });
      }
    }
    if (state.firstPlotAt === null && state.startClickedAt !== null) {
      const chart = document.querySelector('[data-testid="loss-chart"]');
      if (chart !== null && (numberOrNull(chart, 'data-plotted-train-points') ?? 0) > 0) {
        state.firstPlotAt = now;
      }
    }
    wake();
  }
  window.benchProbe = state;
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (state.startClickedAt === null && button?.textContent?.trim() === 'Start') {
        state.startClickedAt = performance.now();
      }
    },
    true,
  );
  new MutationObserver(() => record(performance.now())).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-step', 'data-elapsed-ms', 'data-tensors', 'data-plotted-train-points'],
  });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the count stays 0 and the report says so.
  }
  interface FrameScript {
    invoker: string;
    sourceFunctionName: string;
    sourceURL: string;
    sourceCharPosition: number;
    duration: number;
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration <= 50) continue;
        const frame = entry as PerformanceEntry & { renderStart: number; scripts: FrameScript[] };
        const end = frame.startTime + frame.duration;
        state.longFrames.push({
          startTime: frame.startTime,
          duration: frame.duration,
          renderMs: frame.renderStart > 0 ? end - frame.renderStart : 0,
          scripts: [...frame.scripts]
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3)
            .map(
              (script) =>
                `${script.invoker} · ${script.sourceFunctionName || '(anonymous)'} (${script.sourceURL.split('/').pop() ?? ''}:${script.sourceCharPosition}) ${Math.round(script.duration)} ms`,
            ),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API: long tasks are counted without naming their code.
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (['pointerdown', 'pointerup', 'click'].includes(entry.name)) {
          state.inputs.push({
            name: entry.name,
            startTime: entry.startTime,
            duration: entry.duration,
          });
        }
      }
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    // No Event Timing in this browser: the latency figure is null with a note.
  }
}
