/**
 * How the training worker's events change the store's state: pure functions from the state and
 * an event to the next state, and whether the page should repaint at once (rare events) or at
 * the throttled rate (metrics).
 */
import { assertNever } from '../shared/assertNever';
import type { WorkerEvent } from '../worker/protocol';
import type { RunDisplayStatus, RunRecord } from './runs';
import { appendEvals, newRecord } from './runs';
import type { PlaygroundState } from './state';

const LIVE_STATUSES: readonly RunDisplayStatus[] = ['ready', 'training', 'paused'];

/** `state` with `runId`'s record replaced by `change(record)`. */
export function withRun(
  state: PlaygroundState,
  runId: string,
  change: (run: RunRecord) => RunRecord,
): PlaygroundState {
  const index = state.runs.findIndex((run) => run.runId === runId);
  const run = state.runs[index];
  if (run === undefined) return state;
  const runs = state.runs.slice();
  runs[index] = change(run);
  return { ...state, runs };
}

/** `state` with the active run marked as no longer held by the worker (its points stay). */
export function withoutActiveRun(state: PlaygroundState, message: string): PlaygroundState {
  const active = state.runs.find((run) => run.runId === state.activeRunId);
  const ended =
    active !== undefined && LIVE_STATUSES.includes(active.status)
      ? withRun(state, active.runId, (run) => ({
          ...run,
          status: 'stopped',
          statusMessage: message,
        }))
      : state;
  return { ...ended, activeRunId: null, activeInputs: null };
}

/** The state after `event`, and whether to repaint at once. */
export function applyEvent(
  state: PlaygroundState,
  event: WorkerEvent,
): { state: PlaygroundState; immediate: boolean } {
  switch (event.type) {
    case 'ready':
      return {
        state: { ...state, worker: 'ready', backend: event, fatal: null, gpuLost: false },
        immediate: true,
      };
    case 'configured': {
      const { pending } = state;
      if (pending === null || pending.runId !== event.run.runId) {
        return {
          state: withRun(state, event.run.runId, (run) => ({ ...run, summary: event.run })),
          immediate: true,
        };
      }
      const record = newRecord(state.runs, pending.runId, pending.from);
      record.summary = event.run;
      const ended = withoutActiveRun(state, `Replaced by ${record.label}.`);
      return {
        state: {
          ...ended,
          runs: [...ended.runs, record],
          activeRunId: record.runId,
          activeInputs: pending.inputs,
          pending: null,
        },
        immediate: true,
      };
    }
    case 'metrics':
      // Only the model the worker holds trains; late points of a run that ended (replaced, or
      // its worker crashed and is still running) would extend a curve that has stopped.
      if (event.runId !== state.activeRunId) return { state, immediate: false };
      return {
        state: withRun(state, event.runId, (run) => {
          run.steps.append(event.steps);
          appendEvals(run.evals, event.evals);
          run.samples.push(...event.samples);
          const latest = event.steps[event.steps.length - 1]?.step ?? 0;
          return {
            ...run,
            revision: run.revision + 1,
            step: Math.max(run.step, latest),
            tokensPerSec: event.tokensPerSec,
            elapsedMs: event.elapsedMs,
            memory: event.memory,
            workers: event.workers,
          };
        }),
        immediate: false,
      };
    case 'run-state':
      return {
        state: withRun(state, event.runId, (run) => ({
          ...run,
          status: event.status,
          statusMessage: event.message ?? null,
          step: Math.max(run.step, event.step),
        })),
        immediate: true,
      };
    case 'error': {
      if (event.requestId !== undefined) return { state, immediate: false }; // its caller shows it
      if (!event.fatal)
        return { state: { ...state, error: event.message, pending: null }, immediate: true };
      const ended = withoutActiveRun(state, 'Ended when the worker stopped.');
      return {
        state: {
          ...ended,
          worker: 'crashed',
          fatal: event.message,
          gpuLost: event.gpuLost === true,
          pending: null,
        },
        immediate: true,
      };
    }
    case 'predictions':
    case 'checkpoint-saved':
    case 'autosaved':
    case 'folder-exported':
    case 'checkpoint-resumed':
    case 'finetune-ready':
    case 'comparison-progress':
    case 'comparison-result':
    case 'queue-progress':
    case 'queue-run':
    case 'queue-done':
      return { state, immediate: false }; // answered to the caller that asked
    default:
      return assertNever(event);
  }
}
