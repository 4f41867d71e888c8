/**
 * Shown when the worker crashed or lost its GPU: says so and offers a restart that keeps the
 * curves already plotted.
 */

interface FatalBannerProps {
  message: string;
  onRestart: () => void;
  /** The step of the last autosave of this page's run (null: none), and continuing from it. */
  autosaveStep: number | null;
  onContinue: () => void;
  /** The GPU was lost: the restart uses WASM. */
  gpuLost: boolean;
}

/** The fatal-error banner. */
export function FatalBanner({
  message,
  onRestart,
  autosaveStep,
  onContinue,
  gpuLost,
}: FatalBannerProps) {
  return (
    <div className="fatal-banner" role="alert" data-testid="fatal-error">
      <svg viewBox="0 0 20 20" aria-hidden="true" className="fatal-icon">
        <path d="M10 1.5 19 18H1zM9 7v5h2V7zm0 6.5V15h2v-1.5z" />
      </svg>
      <div className="fatal-text">
        <strong>Training stopped.</strong> {message} Curves already plotted are kept.
      </div>
      {autosaveStep !== null ? (
        <button type="button" className="button is-primary" onClick={onContinue}>
          Restart from the autosave at step {autosaveStep.toLocaleString('en')}
          {gpuLost ? ' on WASM' : ''}
        </button>
      ) : null}
      <button
        type="button"
        className={`button${autosaveStep === null ? ' is-primary' : ''}`}
        onClick={onRestart}
      >
        Restart worker
      </button>
    </div>
  );
}
