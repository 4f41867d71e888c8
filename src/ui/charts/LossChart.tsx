/**
 * The loss chart: training loss (smoothed) and validation loss of every run, against steps or
 * tokens seen, with a legend that shows, hides and describes each run.
 */
import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../app/runs';
import { OBJECTIVE_SHORT_LABELS, lastEval, lastStep, runColour } from '../../app/runs';
import { overfittingMarker } from '../evaluation/overfitting';
import { formatLoss } from '../format';
import type { ChartPoint, XAxisKind } from './series';
import { linearTicks, logTicks, trainSeries, validationSeries } from './series';
import { renderCountTick, valueTick } from './ticks';

interface LossChartProps {
  /** Every run, up to date (for the legend). */
  runs: readonly RunRecord[];
  /** The same runs, possibly a render behind (for the drawing, which renders in the background). */
  plotRuns: readonly RunRecord[];
  onToggleRun: (runId: string) => void;
}

interface RunSeries {
  run: RunRecord;
  colour: string;
  train: ChartPoint[];
  val: ChartPoint[];
}

const STATUS_LABELS: Record<RunRecord['status'], string> = {
  ready: 'ready',
  training: 'training',
  paused: 'paused',
  done: 'done',
  diverged: 'diverged',
  stopped: 'ended',
};

// Constant props: recharts compares them by reference.
const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 8, right: 20, bottom: 0, left: 0 };
const VALIDATION_DOT = { r: 3, fill: 'var(--surface)', strokeWidth: 2 };

function formatLossTick(value: number): string {
  return value >= 1 ? value.toFixed(1) : value.toPrecision(2);
}

const renderYTick = valueTick(formatLossTick);

/** Rounds the end of the x range up to a whole tick, so the axis changes in steps. */
function niceEnd(max: number): number {
  const ticks = linearTicks(0, max * 1.02, 6);
  const spacing = ticks.length > 1 ? (ticks[1] ?? 1) - (ticks[0] ?? 0) : 1;
  return Math.ceil((max * 1.02) / spacing) * spacing;
}

/**
 * Series per run record, cached: the store replaces a run's record only when that run changes,
 * so runs that are not training keep handing recharts the very same arrays.
 */
const seriesCache = new WeakMap<
  RunRecord,
  { xAxis: XAxisKind; smoothing: number; train: ChartPoint[]; val: ChartPoint[] }
>();

function seriesOf(
  run: RunRecord,
  xAxis: XAxisKind,
  smoothing: number,
): { train: ChartPoint[]; val: ChartPoint[] } {
  const cached = seriesCache.get(run);
  if (cached !== undefined && cached.xAxis === xAxis && cached.smoothing === smoothing) {
    return cached;
  }
  const fresh = {
    xAxis,
    smoothing,
    train: trainSeries(run.steps, xAxis, smoothing),
    val: validationSeries(run.evals, xAxis),
  };
  seriesCache.set(run, fresh);
  return fresh;
}

function extent(series: readonly RunSeries[], pick: (p: ChartPoint) => number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const points of [s.train, s.val]) {
      for (const p of points) {
        const v = pick(p);
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return [min, max];
}

/** The chart, its options and the legend of runs. */
export const LossChart = memo(function LossChart({ runs, plotRuns, onToggleRun }: LossChartProps) {
  const [xAxis, setXAxis] = useState<XAxisKind>('step');
  const [smoothing, setSmoothing] = useState(0.6);
  const [logScale, setLogScale] = useState(false);
  const id = useId();

  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Loss
        </h2>
        <div className="chart-options">
          <div className="segmented" role="radiogroup" aria-label="X axis">
            {(['step', 'tokens'] as const).map((kind) => (
              <label key={kind} className={xAxis === kind ? 'is-selected' : undefined}>
                <input
                  type="radio"
                  name={`${id}-x`}
                  checked={xAxis === kind}
                  onChange={() => setXAxis(kind)}
                />
                {kind === 'step' ? 'Steps' : 'Tokens seen'}
              </label>
            ))}
          </div>
          <label className="inline-field slider-field">
            <span>Smoothing</span>
            <input
              type="range"
              min={0}
              max={0.99}
              step={0.01}
              value={smoothing}
              onChange={(event) => setSmoothing(Number(event.target.value))}
            />
            <output>{smoothing.toFixed(2)}</output>
          </label>
          <label className="inline-field checkbox-field">
            <input
              type="checkbox"
              checked={logScale}
              onChange={(event) => setLogScale(event.target.checked)}
            />
            <span>Log scale</span>
          </label>
        </div>
      </div>
      <div className={`chart-body${runs.length > 0 ? ' has-legend' : ''}`}>
        <LossPlot runs={plotRuns} xAxis={xAxis} smoothing={smoothing} logScale={logScale} />
        <ul className="legend" aria-label="Runs" hidden={runs.length === 0}>
          {runs.map((run) => (
            <LegendItem
              key={run.runId}
              run={run}
              smoothedLoss={lastSmoothed(run, xAxis, smoothing)}
              onToggle={onToggleRun}
            />
          ))}
          {runs.length > 0 ? (
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
          ) : null}
        </ul>
      </div>
    </section>
  );
});

function lastSmoothed(run: RunRecord, xAxis: XAxisKind, smoothing: number): number | undefined {
  const { train } = seriesOf(run, xAxis, smoothing);
  return train[train.length - 1]?.y;
}

interface LossPlotProps {
  runs: readonly RunRecord[];
  xAxis: XAxisKind;
  smoothing: number;
  logScale: boolean;
}

/** The recharts drawing itself: the costliest part of the page to update. */
const LossPlot = memo(function LossPlot({ runs, xAxis, smoothing, logScale }: LossPlotProps) {
  // Recomputed only when a run gains points (≤ 5 times a second) or an option changes.
  const series = useMemo<RunSeries[]>(
    () =>
      runs.map((run) => ({
        run,
        colour: runColour(run),
        ...seriesOf(run, xAxis, smoothing),
      })),
    [runs, xAxis, smoothing],
  );
  // A run's lines are mounted as soon as the run exists (mounting is the costly part of a
  // recharts update), before its first points arrive.
  const visible = series.filter((s) => s.run.visible);
  const [xMin, xMax] = extent(visible, (p) => p.x);
  const [yMin, yMax] = extent(visible, (p) => p.y);
  const hasData = visible.some((s) => s.train.length + s.val.length > 0);
  // Axes change only when the data outgrow them (the x range is rounded up to a whole tick,
  // so it grows in steps), and their props are memoised by value: recharts then reuses its
  // axis and grid layout and only redraws the lines that changed.
  const xEnd = hasData ? niceEnd(Math.max(xMax, 1)) : 1;
  const xStart = hasData ? Math.min(0, xMin) : 0;
  const [yStart, yEnd] = !hasData
    ? [0, 1]
    : logScale
      ? [Math.max(yMin * 0.9, 1e-4), yMax * 1.1]
      : [0, Math.ceil(yMax * 2) / 2];
  const xScale = useMemo(
    () => ({
      domain: [xStart, xEnd] as [number, number],
      // Ticks are computed here and all shown (interval 0), so recharts need not measure labels.
      ticks: linearTicks(xStart, xEnd, 6).filter((t) => Number.isInteger(t)),
    }),
    [xStart, xEnd],
  );
  const yScale = useMemo(
    () => ({
      domain: [yStart, yEnd] as [number, number],
      ticks: logScale ? logTicks(yStart, yEnd) : linearTicks(yStart, yEnd, 5),
    }),
    [yStart, yEnd, logScale],
  );

  return (
    <div
      className="chart-area"
      data-testid="loss-chart"
      data-visible-runs={visible.length}
      data-plotted-train-points={visible.reduce((count, s) => count + s.train.length, 0)}
      role="img"
      aria-label={
        hasData
          ? `Loss curves of ${visible.length} run${visible.length === 1 ? '' : 's'}; the legend lists their latest values.`
          : 'No loss curves yet.'
      }
    >
      <LineChart responsive style={CHART_STYLE} margin={CHART_MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} horizontalValues={yScale.ticks} />
        <XAxis
          type="number"
          dataKey="x"
          domain={xScale.domain}
          ticks={xScale.ticks}
          interval={0}
          allowDataOverflow
          stroke="var(--muted)"
          tick={renderCountTick}
          height={28}
        />
        <YAxis
          type="number"
          dataKey="y"
          scale={logScale ? 'log' : 'linear'}
          domain={yScale.domain}
          ticks={yScale.ticks}
          interval={0}
          allowDataOverflow
          stroke="var(--muted)"
          tick={renderYTick}
          width={52}
        />
        {visible.flatMap((s) => [
          <Line
            key={`${s.run.runId}-train`}
            data={s.train}
            dataKey="y"
            name={`${s.run.label} train`}
            stroke={s.colour}
            strokeWidth={2.5}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
            type="linear"
          />,
          <Line
            key={`${s.run.runId}-val`}
            data={s.val}
            dataKey="y"
            name={`${s.run.label} validation`}
            stroke={s.colour}
            strokeWidth={2}
            strokeDasharray="7 5"
            dot={VALIDATION_DOT}
            activeDot={false}
            isAnimationActive={false}
            type="linear"
          />,
        ])}
        {visible.map((s) => {
          // Where validation loss started rising while training loss fell: overfitting.
          const marker = overfittingMarker(s.run.evals);
          const at = marker && s.run.evals.find((e) => e.step === marker.step);
          if (!at) return null;
          return (
            <ReferenceLine
              key={`${s.run.runId}-overfit`}
              x={xAxis === 'step' ? at.step : at.tokensSeen}
              stroke="var(--danger)"
              strokeDasharray="4 3"
              label={overfittingLabel(`${s.run.label}: overfitting from here`)}
              data-testid="overfitting-marker"
            />
          );
        })}
      </LineChart>
      <span className="axis-caption" aria-hidden="true">
        {xAxis === 'step' ? 'step' : 'tokens seen'}
      </span>
      {!hasData ? (
        <p className="chart-empty">
          {runs.length > 0
            ? 'Waiting for the first loss values…'
            : 'Press Start: the training loss appears here after the first steps.'}
        </p>
      ) : null}
    </div>
  );
});

/**
 * The overfitting marker's caption as a plain SVG text: recharts' own label measures itself in
 * the DOM on every chart update, which costs main-thread time while training.
 */
function overfittingLabel(text: string) {
  return function OverfittingLabel(props: { viewBox?: { x?: number; y?: number } }) {
    const x = props.viewBox?.x ?? 0;
    const y = props.viewBox?.y ?? 0;
    return (
      <text x={x - 6} y={y + 14} textAnchor="end" fill="var(--danger)" fontSize={12}>
        {text}
      </text>
    );
  };
}

function LegendItem(props: {
  run: RunRecord;
  smoothedLoss: number | undefined;
  onToggle: (id: string) => void;
}) {
  const { run, onToggle } = props;
  const colour = runColour(run);
  const first = run.steps[0];
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
      </span>
    </li>
  );
}
