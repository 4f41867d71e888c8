/**
 * "Compare with training from scratch": for each chosen amount of task data, fine-tune the
 * base and train the same architecture from scratch with the same budget; plot both, tabulate
 * the task metric, and show forgetting. Progress shows while the runs go.
 */
import { useState } from 'react';
import type { Objective } from '../../config/config';
import type { CheckpointInfo } from '../../storage/checkpoints';
import type { PlaygroundStore } from '../../app/store';
import type { ComparisonCurve, ComparisonResult } from '../../worker/protocol';
import { errorMessage } from '../../shared/errors';
import { comparisonProgress, upsertCurve } from './comparison';
import { ComparisonChart } from './ComparisonChart';
import { ForgettingTable, TaskMetricTable } from './ComparisonTables';
import type { AdaptSettings } from './settings';
import { DATA_FRACTIONS, fractionLabel, freezeFor, trainingFor } from './settings';

interface ComparisonSectionProps {
  store: PlaygroundStore | null;
  base: CheckpointInfo | null;
  taskText: string | null;
  settings: AdaptSettings;
  blockers: string[];
}

interface Comparison {
  fractions: number[];
  curves: ComparisonCurve[];
  result: ComparisonResult | null;
}

/** The comparison controls and results. */
export function ComparisonSection(props: ComparisonSectionProps) {
  const { store, base, taskText, settings, blockers } = props;
  const [chosen, setChosen] = useState<number[]>([...DATA_FRACTIONS]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (store === null || base === null || taskText === null) return;
    const fractions = [...chosen].sort((a, b) => a - b);
    const objective: Objective = base.objective === 'masked' ? 'masked' : 'causal';
    setRunning(true);
    setError(null);
    setComparison({ fractions, curves: [], result: null });
    try {
      const result = await store.checkpoints.compare(
        {
          baseId: base.id,
          taskText,
          fractions,
          training: trainingFor(settings, objective),
          freeze: freezeFor(settings),
        },
        (curve) =>
          setComparison((old) =>
            old === null ? old : { ...old, curves: upsertCurve(old.curves, curve) },
          ),
      );
      setComparison({ fractions, curves: result.curves, result });
    } catch (caught) {
      setError(`The comparison stopped: ${errorMessage(caught)}`);
    } finally {
      setRunning(false);
    }
  };

  const total = (comparison?.fractions.length ?? 0) * 2;
  const progress = comparisonProgress(comparison?.curves ?? []);
  const done = progress.finished;
  const current = progress.current;
  const reason =
    blockers[0] ?? (chosen.length === 0 ? 'Choose at least one amount of task data.' : null);

  return (
    <div
      className="adapt-block comparison"
      aria-label="Comparison with training from scratch"
      role="group"
    >
      <h3 className="adapt-heading">Does pre-training help? Compare with training from scratch</h3>
      <p className="hint">
        Same task data, same step budget, same architecture: fine-tuning starts from the base’s
        weights, scratch from random ones. Fewer task examples make the difference larger.
      </p>
      <fieldset className="adapt-fieldset" disabled={running}>
        <legend className="group-label">Amount of task data</legend>
        <div className="adapt-choices">
          {DATA_FRACTIONS.map((fraction) => (
            <label key={fraction} className="adapt-choice">
              <input
                type="checkbox"
                checked={chosen.includes(fraction)}
                onChange={(event) =>
                  setChosen((old) =>
                    event.target.checked
                      ? [...old, fraction]
                      : old.filter((value) => value !== fraction),
                  )
                }
              />
              <span>{fractionLabel(fraction)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="adapt-actions">
        <button
          type="button"
          className="button is-primary"
          disabled={store === null || running || reason !== null}
          onClick={() => void run()}
        >
          Compare with training from scratch
        </button>
        {running ? (
          <span className="adapt-progress" role="status" data-testid="comparison-progress">
            <progress max={total} value={done} aria-label="Comparison runs finished" />
            {done} of {total} runs finished
            {current === null
              ? '…'
              : ` · ${current.kind === 'finetune' ? 'fine-tuning' : 'training from scratch'} on ${fractionLabel(current.fraction)}: step ${current.step} of ${settings.stepBudget}`}
          </span>
        ) : null}
      </div>
      {reason !== null && !running ? <p className="hint">{reason}</p> : null}
      {error !== null ? (
        <p className="message is-error" role="alert">
          <span>{error}</span>
        </p>
      ) : null}
      {comparison !== null && comparison.curves.length > 0 ? (
        <>
          <ComparisonChart curves={comparison.curves} fractions={comparison.fractions} />
          <TaskMetricTable curves={comparison.curves} />
        </>
      ) : null}
      {comparison?.result ? (
        <>
          <p className="hint">
            {comparison.result.trainExamples} task examples at 100%, {comparison.result.valExamples}{' '}
            held out for the loss and the accuracy.
          </p>
          <ForgettingTable result={comparison.result} />
        </>
      ) : null}
    </div>
  );
}
