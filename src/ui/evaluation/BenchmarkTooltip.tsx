/**
 * The hover cards of the accuracy charts: where the pointer is (step, tokens seen), each run's
 * score there and, for benchmarks, a few of the items with the model's answer and the right one.
 */
import { formatAxisCount } from '../format';
import { BenchmarkItem } from './BenchmarkItem';
import { formatAccuracy, formatStep } from './format';
import type { ChartLine } from './AccuracyChart';
import type { BenchmarkPointDetail, ChartRow, TokenAccuracyDetail } from './series';
import { tokenAccuracyKey } from './series';

/** Runs whose items the card shows (the others get their score only). */
const RUNS_WITH_ITEMS = 2;

function Where({ step, tokensSeen }: { step: number; tokensSeen: number }) {
  return (
    <p className="eval-tooltip-where">
      Step {formatStep(step)} · {formatAxisCount(tokensSeen)} tokens seen
    </p>
  );
}

function RunName({ line }: { line: ChartLine }) {
  return (
    <span className="run-chip">
      <span className="run-swatch" style={{ background: line.color }} aria-hidden="true" />
      {line.name}
    </span>
  );
}

/** A benchmark's hover card: each run's accuracy against chance, and a few items. */
export function BenchmarkTooltip({
  row,
  lines,
}: {
  row: ChartRow<BenchmarkPointDetail>;
  lines: readonly ChartLine[];
}) {
  const present = lines.filter((line) => row.details[line.key] !== undefined);
  const first = present[0] === undefined ? undefined : row.details[present[0].key];
  if (first === undefined) return null;
  const itemsEach = present.length > 1 ? 2 : 3;
  return (
    <div className="bench-tooltip" data-testid="benchmark-tooltip">
      <Where step={first.step} tokensSeen={first.tokensSeen} />
      {present.map((line, index) => {
        const detail = row.details[line.key];
        if (detail === undefined) return null;
        return (
          <section key={line.key} className="bench-tooltip-run">
            <p className="bench-tooltip-score">
              <RunName line={line} /> <strong>{formatAccuracy(detail.accuracy)}</strong>
              <span className="muted">
                {' '}
                of {detail.items} items · chance {formatAccuracy(detail.chance)}
              </span>
            </p>
            {index < RUNS_WITH_ITEMS && detail.examples.length > 0 ? (
              <ul className="bench-items is-compact">
                {detail.examples.slice(0, itemsEach).map((item, i) => (
                  <BenchmarkItem key={i} item={item} />
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** The token-accuracy hover card: each run's top-1 and top-5 there. */
export function TokenAccuracyTooltip({
  row,
  runs,
}: {
  row: ChartRow<TokenAccuracyDetail>;
  /** One line per run (its top-1 key is `tokenAccuracyKey(runId, 1)`), named after the run. */
  runs: readonly (ChartLine & { runId: string })[];
}) {
  const present = runs.flatMap((run) => {
    const detail = row.details[tokenAccuracyKey(run.runId, 1)];
    return detail === undefined ? [] : [{ run, detail }];
  });
  const first = present[0];
  if (first === undefined) return null;
  return (
    <div className="bench-tooltip">
      <Where step={first.detail.step} tokensSeen={first.detail.tokensSeen} />
      {present.map(({ run, detail }) => (
        <p key={run.runId} className="bench-tooltip-score">
          <RunName line={run} /> top-1 <strong>{formatAccuracy(detail.top1)}</strong> · top-5{' '}
          <strong>{formatAccuracy(detail.top5)}</strong>
        </p>
      ))}
    </div>
  );
}
