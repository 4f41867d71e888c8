/**
 * The latest benchmark scores of the visible runs: accuracy against chance, with "above
 * chance" marked only when the score clears what lucky guessing would give.
 */
import { memo, useId } from 'react';
import type { BenchmarkScore } from '../../worker/protocol';
import { BenchmarkItem } from './BenchmarkItem';
import { formatAccuracy, formatStep } from './format';
import type { ChanceVerdict } from './scores';
import { chanceVerdict, latestEval } from './scores';
import type { EvaluationRun } from './types';

interface BenchmarkTableProps {
  /** The visible runs. */
  runs: readonly EvaluationRun[];
  /** `evaluationSignature(runs)`: the table redraws only when it changes. */
  signature: string;
}

/** What each kind of benchmark asks, in one sentence. */
export const BENCHMARK_DESCRIPTIONS: Record<BenchmarkScore['kind'], string> = {
  'multiple-choice':
    'Given a passage of held-out text, which continuation is the real one? The model scores each candidate by its likelihood and picks the highest, the way HellaSwag is scored.',
  cloze:
    'A word is blanked out of a held-out sentence: which candidate word fills the gap? Each candidate is scored in context.',
};

const VERDICT_LABELS: Record<ChanceVerdict, string> = {
  above: 'Above chance',
  chance: 'At chance',
  below: 'Below chance',
};

/** Accuracy as a bar, with a tick where chance lies. */
function AccuracyBar({ accuracy, chance }: { accuracy: number; chance: number }) {
  const clamp = (v: number) => `${Math.min(100, Math.max(0, v * 100))}%`;
  return (
    <span className="accuracy-bar" aria-hidden="true">
      <span className="accuracy-fill" style={{ width: clamp(accuracy) }} />
      <span className="accuracy-chance" style={{ left: clamp(chance) }} />
    </span>
  );
}

/** The table of latest benchmark scores, and the items behind the latest ones. */
export const BenchmarkTable = memo(
  function BenchmarkTable({ runs }: BenchmarkTableProps) {
    const id = useId();
    const rows = runs.flatMap((run) => {
      const latest = latestEval(run.evals);
      if (latest === undefined) return [];
      return latest.benchmarks.map((score) => ({ run, step: latest.step, score }));
    });
    if (rows.length === 0) {
      return (
        <p className="placeholder">
          Benchmark scores appear at the first evaluation (a held-out text too short for items gives
          none).
        </p>
      );
    }
    const last = rows[rows.length - 1];
    const shown = last === undefined ? [] : rows.filter((row) => row.run === last.run);
    return (
      <>
        <div className="eval-table-scroll">
          <table
            className="eval-table benchmark-table"
            data-testid="benchmark-table"
            aria-describedby={`${id}-note`}
          >
            <caption className="visually-hidden">
              Latest benchmark scores of each visible run, against chance
            </caption>
            <thead>
              <tr>
                <th scope="col">Benchmark</th>
                <th scope="col">Run</th>
                <th scope="col" className="num">
                  Step
                </th>
                <th scope="col" className="num">
                  Accuracy
                </th>
                <th scope="col" className="num">
                  Chance
                </th>
                <th scope="col">Versus chance</th>
                <th scope="col" className="num">
                  Items
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ run, step, score }) => {
                const verdict = chanceVerdict(score);
                return (
                  <tr
                    key={`${run.runId}|${score.kind}|${score.name}`}
                    data-testid="benchmark-row"
                    data-run-id={run.runId}
                    data-kind={score.kind}
                    data-accuracy={score.accuracy}
                    data-chance={score.chance}
                    data-verdict={verdict}
                  >
                    <th scope="row" title={BENCHMARK_DESCRIPTIONS[score.kind]}>
                      {score.name}
                    </th>
                    <td>
                      <span className="run-chip">
                        <span
                          className="run-swatch"
                          style={{ background: run.color }}
                          aria-hidden="true"
                        />
                        {run.label}
                      </span>
                    </td>
                    <td className="num">{formatStep(step)}</td>
                    <td className="num">
                      <span className="accuracy-cell">
                        <AccuracyBar accuracy={score.accuracy} chance={score.chance} />
                        <strong>{formatAccuracy(score.accuracy)}</strong>
                      </span>
                    </td>
                    <td className="num">{formatAccuracy(score.chance)}</td>
                    <td>
                      <span className={`verdict is-${verdict}`}>
                        <span aria-hidden="true">
                          {verdict === 'above' ? '▲ ' : verdict === 'below' ? '▼ ' : '≈ '}
                        </span>
                        {VERDICT_LABELS[verdict]}
                      </span>
                    </td>
                    <td className="num">{score.items}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="eval-note" id={`${id}-note`}>
          Share of items the model answers right at its latest evaluation. Chance is what guessing
          scores; <strong>above chance</strong> means more than two standard errors of guessing
          above it, so luck is ruled out.
        </p>
        <ul className="bench-descriptions">
          {(['multiple-choice', 'cloze'] as const)
            .filter((kind) => rows.some((row) => row.score.kind === kind))
            .map((kind) => (
              <li key={kind}>
                <strong>{kind === 'cloze' ? 'Cloze' : 'Multiple choice'}:</strong>{' '}
                {BENCHMARK_DESCRIPTIONS[kind]}
              </li>
            ))}
        </ul>
        {last !== undefined ? (
          <details className="bench-details">
            <summary>
              Items of {last.run.label} at step {formatStep(last.step)}, as the model answered them
            </summary>
            <div className="bench-details-grid">
              {shown.map(({ score }) => (
                <div key={score.name}>
                  <h4 className="bench-details-title">{score.name}</h4>
                  <ul className="bench-items">
                    {score.examples.map((item, index) => (
                      <BenchmarkItem key={index} item={item} />
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </details>
        ) : null}
      </>
    );
  },
  (before, after) => before.signature === after.signature,
);
