/**
 * Keeps a prediction fresh: asks again when the request changes (debounced), when the user
 * asks, and while training — on a metrics event, if none is in flight and the last was sent
 * at least `LIVE_INTERVAL_MS` ago, or `LIVE_COST_FACTOR` times as long as the last one took.
 * One request is in flight at a time; a request made while one is in flight is sent when it
 * returns.
 */
import { useEffect, useState } from 'react';
import type { Prediction } from '../../app/store';
import type { PlaygroundStore } from '../../app/store';
import type { PredictRequest } from '../../worker/protocol';
import { errorMessage } from '../../shared/errors';

/** Minimum time between two predictions made while training. */
export const LIVE_INTERVAL_MS = 500;

/**
 * While training, a prediction waits at least this many times as long as the last one took.
 * The worker runs predictions between training bursts: on a slow backend (CPU, WebGL, WebGPU
 * on SwiftShader) a prediction with its sampled continuation took about twice a burst, so
 * back-to-back predictions left training a third of the worker's time; this keeps them to
 * about a fifth.
 */
export const LIVE_COST_FACTOR = 4;

/** Wait after the last keystroke before predicting for a changed prompt. */
export const DEBOUNCE_MS = 300;

/** The latest answer or failure. */
export interface PredictionOutcome {
  prediction: Prediction | null;
  error: string | null;
  /** The request the outcome answers, as JSON (to tell a stale answer from a fresh one). */
  requestKey: string | null;
}

class PredictionScheduler {
  private request: PredictRequest | null = null;
  private runId: string | null = null;
  private inFlight = false;
  private queued = false;
  private lastSent = -Infinity;
  /** How long the last answer took to arrive. */
  private lastDuration = 0;

  constructor(
    private readonly store: PlaygroundStore,
    private readonly report: (outcome: PredictionOutcome) => void,
  ) {}

  /** Sets what to ask and of which run (null: nothing to ask). */
  target(request: PredictRequest | null, runId: string | null): void {
    this.request = request;
    this.runId = runId;
  }

  /** True if a metrics event of `runId` should trigger a prediction now. */
  wantsLiveUpdate(runId: string): boolean {
    return (
      runId === this.runId &&
      !this.inFlight &&
      performance.now() - this.lastSent >=
        Math.max(LIVE_INTERVAL_MS, LIVE_COST_FACTOR * this.lastDuration)
    );
  }

  /** Sends the current request, or queues it behind the one in flight. */
  requestNow(): void {
    const { request, runId } = this;
    if (request === null || runId === null) return;
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    this.inFlight = true;
    this.lastSent = performance.now();
    const requestKey = JSON.stringify(request);
    this.store.predict(request).then(
      (prediction) => this.finish({ prediction, error: null, requestKey }, runId),
      (error: unknown) =>
        this.finish(
          {
            prediction: null,
            error: errorMessage(error),
            requestKey,
          },
          runId,
        ),
    );
  }

  private finish(outcome: PredictionOutcome, runId: string): void {
    this.inFlight = false;
    this.lastDuration = performance.now() - this.lastSent;
    if (runId === this.runId) this.report(outcome);
    if (this.queued) {
      this.queued = false;
      this.requestNow();
    }
  }
}

/**
 * Predicts with `request` for the run `runId` (the model the worker holds) and keeps the
 * answer fresh. Returns the latest outcome and a function to ask again now.
 */
export function usePredictionLoop(
  store: PlaygroundStore,
  runId: string | null,
  request: PredictRequest | null,
): { outcome: PredictionOutcome; refresh: () => void } {
  const [outcome, setOutcome] = useState<PredictionOutcome>({
    prediction: null,
    error: null,
    requestKey: null,
  });
  const [scheduler] = useState(() => new PredictionScheduler(store, setOutcome));
  const requestKey = request === null ? null : JSON.stringify(request);

  useEffect(() => {
    scheduler.target(request, runId);
  }, [scheduler, request, runId]);

  // Ask again (debounced) when the request or the run changes.
  useEffect(() => {
    if (requestKey === null || runId === null) return;
    const timer = setTimeout(() => scheduler.requestNow(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [scheduler, requestKey, runId]);

  // While training: refresh on metrics, at most every LIVE_INTERVAL_MS.
  useEffect(
    () =>
      store.onWorkerEvent((event) => {
        if (event.type === 'metrics' && scheduler.wantsLiveUpdate(event.runId)) {
          scheduler.requestNow();
        }
      }),
    [store, scheduler],
  );

  return { outcome, refresh: () => scheduler.requestNow() };
}
