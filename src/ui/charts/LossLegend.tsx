/**
 * The loss chart's legend: one item per run (shows or hides it, and gives its latest losses)
 * and a key to the train and validation line styles.
 */
import type { RunRecord } from '../../app/runs';
import { OBJECTIVE_SHORT_LABELS, lastEval, lastStep, runColour } from '../../app/runs';
import { formatLoss } from '../format';
import { lastSmoothed } from './lossSeries';
import type { XAxisKind } from './series';

const STATUS_LABELS: Record<RunRecord['status'], string> = {
  ready: 'ready',
  training: 'training',
  paused: 'paused',
  done: 'done',
  diverged: 'diverged',
  stopped: 'ended',
};

/** The list of runs, with the line-style key under them. */
export function LossLegend(props: {
  runs: readonly RunRecord[];
  xAxis: XAxisKind;
  smoothing: number;
  onToggleRun: (runId: string) => void;
  /** Saves a run as a run file for the teacher's Class results. */
  onExportRun?: (runId: string) => void;
}) {
  const { runs, xAxis, smoothing, onToggleRun, onExportRun } = props;
  return (
    <ul className="legend" aria-label="Runs" hidden={runs.length === 0}>
      {runs.map((run) => (
        <LegendItem
          key={run.runId}
          run={run}
          smoothedLoss={lastSmoothed(run, xAxis, smoothing)}
          onToggle={onToggleRun}
          onExport={onExportRun}
        />
      ))}
      {runs.length > 0 ? <LegendKey /> : null}
    </ul>
  );
}

/** Solid line: train; dashed line: validation. */
function LegendKey() {
  return (
    <li className="legend-key" aria-hidden="true">
      <svg width="28" height="10">
        <line x1="0" y1="5" x2="28" y2="5" stroke="var(--muted)" strokeWidth="2.5" />
      </svg>
      train
      <svg width="28" height="10">
        <line
          x1="0"
          y1="5"
          x2="28"
          y2="5"
          stroke="var(--muted)"
          strokeWidth="2"
          strokeDasharray="7 5"
        />
      </svg>
      validation
    </li>
  );
}

function LegendItem(props: {
  run: RunRecord;
  smoothedLoss: number | undefined;
  onToggle: (id: string) => void;
  onExport: ((id: string) => void) | undefined;
}) {
  const { run, onToggle, onExport } = props;
  const colour = runColour(run);
  const first = run.steps.at(0);
  const latest = lastStep(run);
  const evaluation = lastEval(run);
  return (
    <li
      className={`legend-item objective-${run.objective}${run.visible ? '' : ' is-hidden'}`}
      data-testid="run-legend-item"
      data-run-id={run.runId}
      data-objective={run.objective}
      data-status={run.status}
      data-points={run.steps.length}
      data-first-loss={first?.loss ?? ''}
      data-last-loss={latest?.loss ?? ''}
      data-last-smoothed-loss={props.smoothedLoss ?? ''}
      data-last-val-loss={evaluation?.valLoss ?? ''}
      title={run.statusMessage ?? undefined}
    >
      <label className="legend-toggle">
        <input
          type="checkbox"
          checked={run.visible}
          onChange={() => onToggle(run.runId)}
          aria-label={`Show ${run.label}`}
        />
        <span className="legend-swatch" style={{ background: colour }} aria-hidden="true" />
        <span className="legend-name">
          {run.label}
          <span className={`objective-tag is-${run.objective}`}>
            {OBJECTIVE_SHORT_LABELS[run.objective]}
          </span>
        </span>
      </label>
      <span className="legend-detail">
        {run.sizeName} · {run.corpusName} · {STATUS_LABELS[run.status]}
      </span>
      <span className="legend-values">
        train {formatLoss(latest?.loss)} · val {formatLoss(evaluation?.valLoss)}
        {onExport !== undefined && run.steps.length > 0 ? (
          <button
            type="button"
            className="link-button legend-export"
            aria-label={`Export ${run.label} as a run file`}
            title="Save this run as a .json file for the teacher’s Class results"
            data-testid={`export-run-${run.runId}`}
            onClick={() => onExport(run.runId)}
          >
            Export
          </button>
        ) : null}
      </span>
    </li>
  );
}
