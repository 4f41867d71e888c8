/**
 * A labelled progress bar for work done in the data worker.
 */

interface ProgressBarProps {
  /** The accessible name, e.g. "Curation progress". */
  label: string;
  /** 0…1. */
  fraction: number;
  /** What is being done, shown beside the bar. */
  stage: string;
}

/** A thin bar with the current stage as text. */
export function ProgressBar({ label, fraction, stage }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="data-progress">
      <div
        className="data-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% · ${stage}`}
      >
        <span style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <span className="data-progress-text">
        {stage} · {percent}%
      </span>
    </div>
  );
}
