/**
 * The lab's queue in progress: the run being trained, a progress bar over the whole queue's
 * arithmetic, the measured rate and the time left, with Pause/Resume and Cancel.
 */
import type { ScalingState } from '../../app/scaling-lab';
import { formatDuration, formatExact } from '../format';

interface QueueBarProps {
  state: ScalingState;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

const JOB_NAMES = { sweep: 'Sweep', check: 'Check run', mixture: 'Mixture' } as const;

/** Progress of the running queue (nothing when idle). */
export function QueueBar({ state, onPause, onResume, onCancel }: QueueBarProps) {
  const { status, progress, job } = state;
  if (status === 'idle' || job === null) return null;
  const paused = status === 'paused';
  return (
    <div className="lab-queue" data-testid="scale-progress" data-status={status}>
      <div className="lab-queue-line">
        <strong>{JOB_NAMES[job]}</strong>
        {status === 'preparing' || progress === null ? (
          <span>Preparing the data…</span>
        ) : (
          <span data-testid="scale-progress-run">
            run {progress.index + 1} of {progress.total}: {progress.label} · step {progress.step}/
            {progress.steps}
            {progress.tokensPerSec > 0 ? ` · ${formatExact(progress.tokensPerSec)} tokens/s` : ''}
            {progress.etaMs === null ? '' : ` · about ${formatDuration(progress.etaMs)} left`}
            {paused ? ' · paused' : ''}
          </span>
        )}
      </div>
      <progress
        className="lab-progress"
        max={1}
        value={progress?.fraction ?? 0}
        aria-label={`${JOB_NAMES[job]} progress`}
      />
      <div className="lab-queue-actions">
        {paused ? (
          <button type="button" className="button" onClick={onResume} data-testid="scale-resume">
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={onPause}
            disabled={status !== 'running'}
            data-testid="scale-pause"
          >
            Pause
          </button>
        )}
        <button type="button" className="button" onClick={onCancel} data-testid="scale-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
