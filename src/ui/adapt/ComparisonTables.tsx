/**
 * The comparison's numbers: final task validation loss and task accuracy per amount of task
 * data (fine-tuned against scratch), and forgetting (base-corpus loss before and after).
 */
import type { ComparisonCurve, ComparisonResult } from '../../worker/protocol';
import { formatLoss, formatPercent } from '../format';
import { forgettingRows, summarise } from './comparison';
import { fractionLabel } from './settings';

function accuracy(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : formatPercent(value);
}

/** The task metric table (rows fill in as curves finish). */
export function TaskMetricTable({ curves }: { curves: readonly ComparisonCurve[] }) {
  const summaries = summarise(curves);
  if (summaries.length === 0) return null;
  return (
    <table className="adapt-table" aria-label="Task results" data-testid="comparison-table">
      <thead>
        <tr>
          <th scope="col">Task data</th>
          <th scope="col">Fine-tuned: val loss</th>
          <th scope="col">From scratch: val loss</th>
          <th scope="col">Fine-tuned: top-1 accuracy</th>
          <th scope="col">From scratch: top-1 accuracy</th>
        </tr>
      </thead>
      <tbody>
        {summaries.map((s) => (
          <tr
            key={s.fraction}
            data-fraction={s.fraction}
            data-finetune-loss={s.finetune?.loss ?? ''}
            data-scratch-loss={s.scratch?.loss ?? ''}
          >
            <th scope="row">{fractionLabel(s.fraction)}</th>
            <td className="is-finetune">{formatLoss(s.finetune?.loss ?? undefined)}</td>
            <td>{formatLoss(s.scratch?.loss ?? undefined)}</td>
            <td className="is-finetune">{accuracy(s.finetune?.accuracy)}</td>
            <td>{accuracy(s.scratch?.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Base-corpus validation loss before and after fine-tuning, per amount of task data. */
export function ForgettingTable({ result }: { result: ComparisonResult }) {
  const rows = forgettingRows(result);
  if (rows.length === 0) return null;
  return (
    <div className="forgetting">
      <h3 className="subhead">Forgetting</h3>
      <p className="hint">
        Loss on the base model’s own corpus before and after fine-tuning: a rise means fine-tuning
        overwrote some of what pre-training taught.
      </p>
      <table className="adapt-table" aria-label="Forgetting" data-testid="forgetting-table">
        <thead>
          <tr>
            <th scope="col">Task data</th>
            <th scope="col">Base corpus loss before</th>
            <th scope="col">After fine-tuning</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.fraction}>
              <th scope="row">{fractionLabel(row.fraction)}</th>
              <td>{formatLoss(row.before)}</td>
              <td>{formatLoss(row.after)}</td>
              <td className={row.change > 0 ? 'is-worse' : 'is-better'}>
                {row.change >= 0 ? '+' : ''}
                {formatLoss(row.change)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
