/**
 * The warning shown while a run overfits: since when, what it means, what to do.
 */
import { memo } from 'react';
import { formatNumber3 } from './format';
import { overfittingMessage, overfittingReport } from './overfitting';
import type { EvaluationRun } from './types';

interface OverfittingCalloutProps {
  /** The visible runs; a callout is shown for each one that overfits. */
  runs: readonly EvaluationRun[];
  /** `evaluationSignature(runs)`: the callouts are re-judged only when it changes. */
  signature: string;
}

/** One callout per overfitting run (nothing when none is). */
export const OverfittingCallout = memo(
  function OverfittingCallout({ runs }: OverfittingCalloutProps) {
    const overfitting = runs.flatMap((run) => {
      const report = overfittingReport(run.evals);
      return report.overfitting && report.startStep !== null
        ? [{ run, report, startStep: report.startStep }]
        : [];
    });
    return (
      <div role="status" className="overfitting-callouts">
        {overfitting.map(({ run, report, startStep }) => (
          <div
            key={run.runId}
            className="overfitting-callout"
            data-testid="overfitting-callout"
            data-run-id={run.runId}
            data-start-step={startStep}
          >
            <svg className="overfitting-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M12 3 2 21h20L12 3Z" />
              <path d="M12 10v5M12 18v.01" className="overfitting-icon-mark" />
            </svg>
            <div>
              <p className="overfitting-title">
                <span className="run-swatch" style={{ background: run.color }} aria-hidden="true" />
                {run.label} is overfitting
              </p>
              <p>{overfittingMessage(startStep)}</p>
              <p className="hint">
                Over the last evaluations, validation loss {report.valChange >= 0 ? '+' : ''}
                {formatNumber3(report.valChange)} nats, training loss{' '}
                {report.trainChange >= 0 ? '+' : ''}
                {formatNumber3(report.trainChange)} nats.
              </p>
            </div>
          </div>
        ))}
      </div>
    );
  },
  (before, after) => before.signature === after.signature,
);
