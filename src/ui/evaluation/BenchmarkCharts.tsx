/**
 * The benchmark curves: one small chart per benchmark (accuracy of every visible run over
 * training, chance dashed) and one of top-1/top-5 token accuracy on held-out text, against
 * steps or tokens seen.
 *
 * The charts are mounted with the panel, before any data (mounting is the costly part of a
 * recharts chart), and redraw one after the other when an evaluation arrives.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { AccuracyPlotData, ChartLine } from './AccuracyChart';
import { AccuracyChart } from './AccuracyChart';
import { BenchmarkTooltip, TokenAccuracyTooltip } from './BenchmarkTooltip';
import type { BenchmarkChartData, BenchmarkPointDetail, TokenAccuracyDetail } from './series';
import { buildBenchmarkCharts, buildTokenAccuracyRows, tokenAccuracyKey } from './series';
import type { EvaluationRun, EvaluationXAxis } from './types';

interface BenchmarkChartsProps {
  /** The visible runs. */
  runs: readonly EvaluationRun[];
  /** `evaluationSignature(runs)`: the charts redraw only when it changes. */
  signature: string;
}

const X_AXIS_LABELS: Record<EvaluationXAxis, string> = { step: 'Steps', tokens: 'Tokens seen' };

/** The benchmarks every run is scored on, drawn (empty) before the first evaluation. */
const EXPECTED_KINDS: readonly { kind: BenchmarkChartData['kind']; name: string }[] = [
  { kind: 'multiple-choice', name: 'Multiple choice' },
  { kind: 'cloze', name: 'Cloze' },
];

/** Delay before the n-th chart redraws, so each redraws in a task of its own. */
function delayOf(index: number): number {
  return 30 + 90 * index;
}

const EMPTY_TEXT = 'The curve starts at the first evaluation.';

/** The heading of the token-accuracy chart, after the objectives on show. */
function tokenAccuracyTitle(runs: readonly EvaluationRun[]): string {
  const causal = runs.some((run) => run.objective === 'causal');
  const masked = runs.some((run) => run.objective === 'masked');
  if (causal && masked) return 'Next-token (causal) and fill-in (masked) accuracy';
  return masked ? 'Fill-in accuracy' : 'Next-token accuracy';
}

/**
 * The benchmark charts with stable keys: the first chart of each kind keeps the kind as its
 * key, so the empty chart drawn before the first evaluation is the one that fills up.
 */
function withSlots(charts: BenchmarkChartData[]): (BenchmarkChartData & { slot: string })[] {
  const slotted = charts.map((chart, index) => ({
    ...chart,
    slot: charts.findIndex((c) => c.kind === chart.kind) === index ? chart.kind : chart.key,
  }));
  for (const expected of EXPECTED_KINDS) {
    if (!slotted.some((chart) => chart.kind === expected.kind)) {
      slotted.push({ ...expected, key: expected.kind, rows: [], chances: [], slot: expected.kind });
    }
  }
  return slotted;
}

/** The x-axis switch and the charts. */
export const BenchmarkCharts = memo(
  function BenchmarkCharts({ runs }: BenchmarkChartsProps) {
    const [xAxis, setXAxis] = useState<EvaluationXAxis>('step');
    const id = useId();
    const runLines = useMemo<(ChartLine & { runId: string })[]>(
      () =>
        runs.map((run) => ({
          key: run.runId,
          runId: run.runId,
          name: run.label,
          color: run.color,
        })),
      [runs],
    );
    const charts = useMemo(
      () =>
        withSlots(buildBenchmarkCharts(runs, xAxis)).map((chart) => ({
          chart,
          data: {
            rows: chart.rows,
            lines: runLines,
            chances: chart.chances,
            xAxis,
            renderTooltip: (row) => <BenchmarkTooltip row={row} lines={runLines} />,
          } satisfies AccuracyPlotData<BenchmarkPointDetail>,
        })),
      [runs, xAxis, runLines],
    );
    const tokenData = useMemo<AccuracyPlotData<TokenAccuracyDetail>>(
      () => ({
        rows: buildTokenAccuracyRows(runs, xAxis),
        lines: runs.flatMap((run) => [
          { key: tokenAccuracyKey(run.runId, 1), name: `${run.label} top-1`, color: run.color },
          {
            key: tokenAccuracyKey(run.runId, 5),
            name: `${run.label} top-5`,
            color: run.color,
            dashed: true,
          },
        ]),
        chances: [],
        xAxis,
        renderTooltip: (row) => <TokenAccuracyTooltip row={row} runs={runLines} />,
      }),
      [runs, xAxis, runLines],
    );
    const tokenTitle = tokenAccuracyTitle(runs);
    const runsText = runs.length === 1 ? 'the run' : `${runs.length} runs`;

    return (
      <div className="bench-charts">
        <div className="bench-charts-head">
          <p className="hint">
            Hover a point (or focus a chart and use ← →) to see items the model answered there.
          </p>
          <div className="segmented" role="radiogroup" aria-label="Benchmark curves against">
            {(['step', 'tokens'] as const).map((kind) => (
              <label key={kind} className={xAxis === kind ? 'is-selected' : undefined}>
                <input
                  type="radio"
                  name={`${id}-x`}
                  checked={xAxis === kind}
                  onChange={() => setXAxis(kind)}
                />
                {X_AXIS_LABELS[kind]}
              </label>
            ))}
          </div>
        </div>
        <div className="bench-chart-grid">
          {charts.map(({ chart, data }, index) => (
            <figure key={chart.slot} className="bench-chart" data-kind={chart.kind}>
              <figcaption className="bench-chart-title">{chart.name}</figcaption>
              <AccuracyChart
                data={data}
                delayMs={delayOf(index)}
                label={`${chart.name}: accuracy of ${runsText} over training, with the chance level dashed.`}
                emptyText={EMPTY_TEXT}
                testId="benchmark-chart"
              />
            </figure>
          ))}
          <figure className="bench-chart" data-kind="token-accuracy">
            <figcaption className="bench-chart-title">
              {tokenTitle}
              <span className="bench-chart-key">
                <LineKey /> top-1 <LineKey dashed /> top-5
              </span>
            </figcaption>
            <AccuracyChart
              data={tokenData}
              delayMs={delayOf(charts.length)}
              label={`${tokenTitle} on held-out text over training: top-1 solid, top-5 dashed.`}
              emptyText={EMPTY_TEXT}
              testId="token-accuracy-chart"
            />
          </figure>
        </div>
      </div>
    );
  },
  (before, after) => before.signature === after.signature,
);

function LineKey({ dashed = false }: { dashed?: boolean }) {
  return (
    <svg width="24" height="8" aria-hidden="true">
      <line
        x1="0"
        y1="4"
        x2="24"
        y2="4"
        stroke="var(--muted)"
        strokeWidth="2.5"
        strokeDasharray={dashed ? '6 4' : undefined}
      />
    </svg>
  );
}
