/**
 * The Class results table: one row per run, sorted by the column whose heading was clicked
 * (again: the other way round), the best run marked, and each row's set-up one click away.
 */
import type { ClassRun } from '../../app/class-results';
import { formatCount, formatDuration, formatLoss } from '../format';
import type { ClassColumn, ClassRow, ClassSort } from './classTable';
import { classColour } from './classTable';

const COLUMNS: { column: ClassColumn; label: string; numeric: boolean; title?: string }[] = [
  { column: 'name', label: 'Run', numeric: false },
  { column: 'finalValLoss', label: 'Final val loss', numeric: true },
  { column: 'bestValLoss', label: 'Best val loss', numeric: true },
  { column: 'tokensSeen', label: 'Tokens seen', numeric: true },
  {
    column: 'trainingMs',
    label: 'Training time',
    numeric: true,
    title: 'Time spent in training steps; pauses and evaluations are not counted.',
  },
  { column: 'tokensPerSec', label: 'Tokens/s', numeric: true },
  { column: 'backend', label: 'Backend', numeric: false },
];

/** Short runs (a class's are often seconds long) in tenths of a second; longer ones as m:ss. */
function trainingTime(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(ms);
}

interface ClassTableProps {
  rows: readonly ClassRow[];
  sort: ClassSort;
  bestId: string | null;
  /** The run the "Settings that differ" column compares the others with. */
  referenceId: string | null;
  onSort: (column: ClassColumn) => void;
  onOpenSetup: (run: ClassRun) => void;
  onHighlight: (runId: string | null) => void;
}

/** The sortable table of runs. */
export function ClassTable({
  rows,
  sort,
  bestId,
  referenceId,
  onSort,
  onOpenSetup,
  onHighlight,
}: ClassTableProps) {
  return (
    <div className="class-table-wrap">
      <table className="class-table" data-testid="class-table">
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, numeric, title }) => (
              <th
                key={column}
                scope="col"
                className={numeric ? 'is-numeric' : undefined}
                aria-sort={sort.column === column ? sort.direction : 'none'}
              >
                <button
                  type="button"
                  className="class-sort"
                  title={title}
                  onClick={() => onSort(column)}
                >
                  {label}
                  <span className="class-sort-mark" aria-hidden="true">
                    {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">Settings that differ</th>
          </tr>
        </thead>
        <tbody onMouseLeave={() => onHighlight(null)}>
          {rows.map((row) => (
            <Row
              key={row.run.id}
              row={row}
              isBest={row.run.id === bestId}
              isReference={row.run.id === referenceId}
              onOpenSetup={onOpenSetup}
              onHighlight={onHighlight}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row(props: {
  row: ClassRow;
  isBest: boolean;
  isReference: boolean;
  onOpenSetup: (run: ClassRun) => void;
  onHighlight: (runId: string | null) => void;
}) {
  const { row, isBest, isReference, onOpenSetup, onHighlight } = props;
  const { run } = row;
  const { file } = run;
  return (
    <tr
      className={isBest ? 'is-best' : undefined}
      data-testid="class-row"
      data-name={run.name}
      data-final-val-loss={row.finalValLoss ?? ''}
      onMouseEnter={() => onHighlight(run.id)}
      onFocus={() => onHighlight(run.id)}
    >
      <th scope="row" className="class-run-cell">
        <div className="class-run">
          <span
            className="class-swatch"
            style={{ background: classColour(run) }}
            aria-hidden="true"
          />
          <span className="class-run-text">
            <span className="class-run-name">
              {run.name}
              {isBest ? <span className="badge is-best-badge">Best</span> : null}
            </span>
            <span className="class-run-detail">
              {file.label} · {file.sizeName} · {file.corpusName}
              {file.status === 'diverged' ? ' · diverged' : ''}
            </span>
            <button
              type="button"
              className="link-button class-open"
              aria-label={`Open the set-up of ${run.name}`}
              onClick={() => onOpenSetup(run)}
            >
              Open set-up
            </button>
          </span>
        </div>
      </th>
      <td className="is-numeric class-loss">{formatLoss(row.finalValLoss ?? undefined)}</td>
      <td className="is-numeric">{formatLoss(row.bestValLoss ?? undefined)}</td>
      <td className="is-numeric">{formatCount(row.tokensSeen)}</td>
      <td className="is-numeric">{trainingTime(row.trainingMs)}</td>
      <td className="is-numeric">{formatCount(row.tokensPerSec)}</td>
      <td className="class-backend">{row.backend}</td>
      <td className="class-differences">
        {isReference ? (
          <span className="hint">the reference</span>
        ) : row.differences.length === 0 ? (
          <span className="hint">same settings</span>
        ) : (
          row.differences.join(', ')
        )}
      </td>
    </tr>
  );
}
