/**
 * Step 7 of the pipeline, evaluation: what the model can do, beyond its loss. The latest
 * validation numbers of each visible run, benchmark scores against chance and their curves over
 * training, the current run's checkpoint samples with what they copied from the training data,
 * a box to check any text for memorisation, and a warning when a run overfits.
 *
 * Metrics arrive several times a second but evaluations only a few times a minute: each part
 * redraws only when its runs' evaluation (or sample) counts change, and then in a task of its
 * own, one part after the other, so an evaluation never freezes the page while it trains.
 */
import './evaluation.css';
import { memo } from 'react';
import type { PlaygroundStore } from '../../app/store';
import { BenchmarkCharts } from './BenchmarkCharts';
import { BenchmarkTable } from './BenchmarkTable';
import { CheckpointSamples } from './CheckpointSamples';
import { MemorisationCheck } from './MemorisationCheck';
import { OverfittingCallout } from './OverfittingCallout';
import { evaluationSignature, samplesSignature } from './signature';
import type { EvaluationRun } from './types';
import { useStaggeredValue } from './useStaggeredValue';
import { ValidationTable } from './ValidationTable';
import { StepNumber } from '../shell/StepNumber';

export type { EvaluationRun } from './types';

/** What the panel shows and whom it asks. */
export interface EvaluationPanelProps {
  /** Every run, oldest first; tables and charts show the visible ones. */
  runs: readonly EvaluationRun[];
  /** The worker's store, for memorisation checks (null: checks are disabled). */
  store: PlaygroundStore | null;
  /** The run whose model the worker holds: its samples are shown and checks use its data. */
  currentRunId: string | null;
}

/** The evaluation panel, in `<section aria-label="Evaluation">`. */
export const EvaluationPanel = memo(function EvaluationPanel({
  runs,
  store,
  currentRunId,
}: EvaluationPanelProps) {
  const visible = runs.filter((run) => run.visible);
  const signature = evaluationSignature(visible);
  const current = runs.find((run) => run.runId === currentRunId);
  // Without a held model, show the latest run's samples (they stay meaningful).
  const sampled = current ?? runs[runs.length - 1];
  const evaluated = visible.some((run) => run.evals.length > 0);
  // Each part redraws when its (delayed) signature changes, with the runs as they are then.
  const tablesSignature = useStaggeredValue(signature, 0);
  const benchmarksSignature = useStaggeredValue(signature, 50);
  const chartsSignature = useStaggeredValue(signature, 100);
  const samplesShown = useStaggeredValue(samplesSignature(sampled), 450);

  return (
    <section className="panel evaluation-panel" aria-label="Evaluation">
      <div className="panel-head">
        <h2 className="panel-title">
          <StepNumber step="evaluate" />
          Evaluation
        </h2>
        <span className="panel-meta">
          {evaluated
            ? 'Scored on held-out text the model never trained on.'
            : 'Appears once a run is evaluated (at step 0, then every “Evaluate every” steps).'}
        </span>
      </div>

      <OverfittingCallout runs={visible} signature={tablesSignature} />

      <div className="eval-part">
        <h3 className="eval-heading">Validation</h3>
        <ValidationTable runs={visible} signature={tablesSignature} />
      </div>

      <div className="eval-part">
        <h3 className="eval-heading">Benchmarks</h3>
        <BenchmarkTable runs={visible} signature={benchmarksSignature} />
        <BenchmarkCharts runs={visible} signature={chartsSignature} />
      </div>

      <div className="eval-part">
        <h3 className="eval-heading">Samples and memorisation</h3>
        <div className="eval-samples-layout">
          <div className="eval-samples-column">
            <CheckpointSamples run={sampled} signature={samplesShown} />
          </div>
          <MemorisationCheck
            store={store}
            currentRunId={current?.runId ?? null}
            currentRunLabel={current?.label ?? ''}
          />
        </div>
      </div>
    </section>
  );
});
