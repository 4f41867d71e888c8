/**
 * Follows one run's step and status from the worker's events (for runs another stage made,
 * such as a resumed checkpoint or a fine-tuning run, which the store may not track).
 */
import { useEffect, useState } from 'react';
import type { PlaygroundStore } from '../../app/store';
import type { RunStatus } from '../../worker/protocol';

/** The latest step and status of `runId` (nulls until the worker reports). */
export interface RunProgress {
  step: number | null;
  status: RunStatus | null;
  message: string | null;
  /** The latest validation loss (on the run's own validation data), if evaluated. */
  valLoss: number | null;
}

const NONE: RunProgress = { step: null, status: null, message: null, valLoss: null };

/** Listens to the store for `runId`'s `run-state` and `metrics` events. */
export function useRunStep(store: PlaygroundStore | null, runId: string | null): RunProgress {
  const [progress, setProgress] = useState<{ runId: string | null; value: RunProgress }>({
    runId: null,
    value: NONE,
  });
  useEffect(() => {
    if (store === null || runId === null) return;
    return store.onWorkerEvent((event) => {
      if (event.type === 'run-state' && event.runId === runId) {
        setProgress((old) => ({
          runId,
          value: {
            ...(old.runId === runId ? old.value : NONE),
            step: event.step,
            status: event.status,
            message: event.message ?? null,
          },
        }));
      } else if (event.type === 'metrics' && event.runId === runId) {
        setProgress((old) => {
          const value = old.runId === runId ? old.value : NONE;
          return {
            runId,
            value: {
              ...value,
              step: event.steps[event.steps.length - 1]?.step ?? value.step,
              valLoss: event.evals[event.evals.length - 1]?.valLoss ?? value.valLoss,
            },
          };
        });
      }
    });
  }, [store, runId]);
  return progress.runId === runId ? progress.value : NONE;
}
