/**
 * "Validation done right": the latest evaluation of each visible run on the held-out split —
 * loss, perplexity, bits per character, top-1 and top-5 accuracy — with the units explained.
 */
import { memo, useId } from 'react';
import {
  ACCURACY_NAMES,
  formatAccuracy,
  formatNumber3,
  formatPerplexity,
  formatStep,
} from './format';
import { latestEval } from './scores';
import type { EvaluationRun } from './types';

interface ValidationTableProps {
  /** The visible runs. */
  runs: readonly EvaluationRun[];
  /** `evaluationSignature(runs)`: the table redraws only when it changes. */
  signature: string;
}

/** The table of latest validation numbers, one row per visible run that has been evaluated. */
export const ValidationTable = memo(
  function ValidationTable({ runs }: ValidationTableProps) {
    const id = useId();
    const rows = runs.flatMap((run) => {
      const latest = latestEval(run.evals);
      return latest === undefined ? [] : [{ run, latest }];
    });
    if (rows.length === 0) {
      return (
        <p className="placeholder">
          The first evaluation on held-out text appears as soon as a run starts training.
        </p>
      );
    }
    return (
      <div>
        <div className="eval-table-scroll">
          <table
            className="eval-table"
            data-testid="validation-table"
            aria-describedby={`${id}-note`}
          >
            <caption className="visually-hidden">
              Latest evaluation of each visible run on held-out text
            </caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col" className="num">
                  Step
                </th>
                <th scope="col" className="num">
                  Validation loss
                </th>
                <th scope="col" className="num">
                  Perplexity
                </th>
                <th scope="col" className="num">
                  Bits per character
                </th>
                <th scope="col">Accuracy measured</th>
                <th scope="col" className="num">
                  Top-1
                </th>
                <th scope="col" className="num">
                  Top-5
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ run, latest }) => (
                <tr
                  key={run.runId}
                  data-testid="validation-row"
                  data-run-id={run.runId}
                  data-val-loss={latest.valLoss}
                  data-top1={latest.valTop1}
                >
                  <th scope="row">
                    <span className="run-chip">
                      <span
                        className="run-swatch"
                        style={{ background: run.color }}
                        aria-hidden="true"
                      />
                      {run.label}
                    </span>
                  </th>
                  <td className="num">{formatStep(latest.step)}</td>
                  <td className="num">{formatNumber3(latest.valLoss)}</td>
                  <td className="num">{formatPerplexity(latest.valPerplexity)}</td>
                  <td className="num">{formatNumber3(latest.valBitsPerChar)}</td>
                  <td className="accuracy-name">{ACCURACY_NAMES[run.objective]}</td>
                  <td className="num">{formatAccuracy(latest.valTop1)}</td>
                  <td className="num">{formatAccuracy(latest.valTop5)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="eval-note" id={`${id}-note`}>
          Measured on held-out text the model never trains on (the same batches at every
          evaluation). <strong>Loss</strong>: cross-entropy in nats per token, lower is better.{' '}
          <strong>Perplexity</strong> = e<sup>loss</sup>: the model is as unsure as if picking among
          that many tokens. <strong>Bits per character</strong>: the loss in bits spread over the
          characters, comparable across tokenizers (— for masked runs, scored on masked positions
          only). <strong>Top-1 / top-5</strong>: share of positions where the right token is the
          model’s first guess / among its five first guesses.
        </p>
      </div>
    );
  },
  (before, after) => before.signature === after.signature,
);
