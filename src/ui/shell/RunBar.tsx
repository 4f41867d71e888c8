/**
 * The run bar, on every step: the active run's state, step, latest train and validation loss,
 * tokens/s, and Start/Pause — so a teacher can curate or evaluate while a run goes on.
 */
import type { RunRecord } from '../../app/runs';
import { lastEval, lastStep } from '../../app/runs';
import type { PlaygroundState } from '../../app/state';
import { formatCount, formatLoss } from '../format';

interface RunBarProps {
  state: PlaygroundState;
  run: RunRecord | undefined;
  /** Whether Start can build or continue a run now. */
  canStart: boolean;
  /** "tokenizer changed: Start builds a new run", or null. */
  stale: string | null;
  onStart: () => void;
  onPause: () => void;
  onOpenTrain: () => void;
  /** On the Train step its own controls start and pause: the bar shows figures only. */
  showActions: boolean;
}

function stateLabel(state: PlaygroundState, run: RunRecord | undefined): string {
  if (state.worker === 'crashed') return 'Worker stopped';
  if (state.worker === 'starting') return 'Starting';
  if (state.pending !== null) return 'Building';
  if (run === undefined) return 'No run';
  switch (run.status) {
    case 'ready':
      return 'Ready';
    case 'training':
      return 'Training';
    case 'paused':
      return 'Paused';
    case 'done':
      return 'Done';
    case 'diverged':
      return 'Diverged';
    case 'stopped':
      return 'Ended';
  }
}

/** "Autosaved at step 120", or why the last autosave failed (the run trains on). */
function AutosaveStatus({ state, run }: { state: PlaygroundState; run: RunRecord | undefined }) {
  const { last, error } = state.autosave;
  if (error !== null) {
    return (
      <p className="run-bar-autosave is-error" role="alert" data-testid="autosave-status">
        {error}
      </p>
    );
  }
  if (last === null || run === undefined || last.runId !== run.runId) return null;
  return (
    <p className="run-bar-autosave" data-testid="autosave-status" data-step={last.step}>
      Autosaved at step {last.step.toLocaleString('en')}
    </p>
  );
}

/** The compact bar under the header. */
export function RunBar({
  state,
  run,
  canStart,
  stale,
  onStart,
  onPause,
  onOpenTrain,
  showActions,
}: RunBarProps) {
  const training = run?.status === 'training';
  const step = run === undefined ? undefined : lastStep(run);
  const evaluation = run === undefined ? undefined : lastEval(run);
  const status = state.pending !== null ? 'configuring' : (run?.status ?? 'none');
  return (
    <section className="run-bar" aria-label="Run" data-testid="run-bar" data-status={status}>
      <button type="button" className="run-bar-name link-button" onClick={onOpenTrain}>
        <span className={`dot status-${status}`} aria-hidden="true" />
        <span data-testid="run-bar-state">{stateLabel(state, run)}</span>
        {run !== undefined ? <span className="run-bar-label">{run.label}</span> : null}
      </button>
      <dl className="run-bar-figures">
        <div>
          <dt>Step</dt>
          <dd data-testid="run-bar-step">
            {(run?.step ?? 0).toLocaleString('en')}
            {run !== undefined ? ` / ${run.config.training.maxIters.toLocaleString('en')}` : ''}
          </dd>
        </div>
        <div>
          <dt>Train loss</dt>
          <dd>{formatLoss(step?.loss)}</dd>
        </div>
        <div>
          <dt>Val loss</dt>
          <dd>{formatLoss(evaluation?.valLoss)}</dd>
        </div>
        <div>
          <dt>Tokens/s</dt>
          <dd>
            {run === undefined || run.tokensPerSec <= 0
              ? '—'
              : formatCount(Math.round(run.tokensPerSec))}
          </dd>
        </div>
      </dl>
      <AutosaveStatus state={state} run={run} />
      {stale !== null && run !== undefined ? (
        <p className="run-bar-stale" data-testid="run-bar-stale">
          {stale}
        </p>
      ) : null}
      <div className="run-bar-actions">
        {!showActions ? null : training ? (
          <button type="button" className="button" onClick={onPause}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="button is-primary"
            onClick={onStart}
            disabled={!canStart}
          >
            {run?.status === 'paused' && stale === null ? 'Resume' : 'Start'}
          </button>
        )}
      </div>
    </section>
  );
}
