/**
 * Start, Pause / Resume, Step and Reset, with the run's status and any non-fatal error next
 * to them.
 */
import type { RunRecord } from '../../app/runs';
import type { PlaygroundState } from '../../app/store';

interface RunControlsProps {
  state: PlaygroundState;
  activeRun: RunRecord | undefined;
  /** Reasons the current settings cannot be trained (empty: fine). */
  blockers: readonly string[];
  /** True if Start would continue the model the worker holds (same settings). */
  sameSettings: boolean;
  /** What changed upstream since the run was built ("tokenizer changed: …"), or null. */
  stale: string | null;
  onStart: () => void;
  onPause: () => void;
  onResume: () => void;
  onStep: () => void;
  onReset: () => void;
  onDismiss: () => void;
}

function statusText(state: PlaygroundState, run: RunRecord | undefined): string {
  if (state.worker === 'crashed') return 'The worker stopped.';
  if (state.worker === 'starting') return 'Starting the backend…';
  if (state.pending !== null) return 'Building the model…';
  if (run === undefined) return 'No model yet: press Start to build one and train it.';
  switch (run.status) {
    case 'ready':
      return `${run.label} is ready: press Start to train it.`;
    case 'training':
      return `Training ${run.label}…`;
    case 'paused':
      return `${run.label} is paused.`;
    case 'done':
      return `${run.label} finished its ${run.config.training.maxIters.toLocaleString('en')} steps.`;
    case 'diverged':
      return `${run.label} diverged.`;
    case 'stopped':
      return `${run.label} ended.`;
  }
}

/** The run buttons and status line. */
export function RunControls(props: RunControlsProps) {
  const { state, activeRun, blockers, sameSettings } = props;
  const idle = state.worker === 'ready' && state.pending === null;
  const status = activeRun?.status;
  const training = status === 'training';
  const paused = status === 'paused';
  const startEnabled = idle && blockers.length === 0 && !(sameSettings && (training || paused));
  const stepEnabled = idle && blockers.length === 0 && !training;
  const newRun =
    activeRun === undefined || !sameSettings || status === 'done' || status === 'diverged';
  return (
    <div className="run-controls" data-testid="run-controls">
      <div className="button-row" role="group" aria-label="Run controls">
        <button
          type="button"
          className="button is-primary"
          onClick={props.onStart}
          disabled={!startEnabled}
          aria-describedby="start-hint"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 2.5v11l9-5.5z" />
          </svg>
          Start
        </button>
        <button
          type="button"
          className="button"
          onClick={paused ? props.onResume : props.onPause}
          disabled={!(idle && (training || paused))}
        >
          {paused ? (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 2.5v11l9-5.5z" />
            </svg>
          ) : (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" />
            </svg>
          )}
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button" onClick={props.onStep} disabled={!stepEnabled}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3 2.5v11l7-5.5zM11 2.5h2.5v11H11z" />
          </svg>
          Step
        </button>
        <button
          type="button"
          className="button"
          onClick={props.onReset}
          disabled={!(idle && activeRun !== undefined)}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 3a5 5 0 1 1-4.6 3H1.8A6.5 6.5 0 1 0 8 1.5V0L4.5 2.5 8 5z" />
          </svg>
          Reset
        </button>
      </div>
      <div className="run-status">
        <p
          className={`status-line status-${state.pending !== null ? 'pending' : (status ?? 'none')}`}
          role="status"
          aria-live="polite"
          data-testid="run-status"
          data-status={state.pending !== null ? 'configuring' : (status ?? 'none')}
        >
          <span className="dot" aria-hidden="true" />
          {statusText(state, activeRun)}
          {activeRun?.statusMessage ? (
            <span className="status-message"> {activeRun.statusMessage}</span>
          ) : null}
        </p>
        {props.stale !== null && activeRun !== undefined ? (
          <p className="stale-notice" role="status" data-testid="stale-notice">
            {props.stale}
          </p>
        ) : null}
        <p className="hint" id="start-hint">
          {blockers.length > 0
            ? 'Fix the problems marked in red to start.'
            : newRun && state.runs.length > 0
              ? 'Start builds a new run with these settings; earlier curves stay on the chart.'
              : sameSettings && status === 'ready'
                ? 'Start trains this model.'
                : null}
        </p>
      </div>
      {blockers.length > 0 ? (
        <ul className="blockers" aria-label="Why Start is disabled">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      ) : null}
      {state.error !== null || state.notice !== null ? (
        <div
          className={`message ${state.error !== null ? 'is-error' : 'is-info'}`}
          role={state.error !== null ? 'alert' : 'status'}
          data-testid="run-message"
        >
          <span>{state.error ?? state.notice}</span>
          <button type="button" className="link-button" onClick={props.onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
