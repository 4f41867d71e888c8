/**
 * The loss chart's drawing: every visible run's training and validation loss as recharts lines,
 * with overfitting markers, on axes that change only when the data outgrow them.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../app/runs';
import { runColour } from '../../app/runs';
import { overfittingMarker } from '../evaluation/overfitting';
import type { RunSeries } from './lossSeries';
import { extent, niceEnd, seriesOf } from './lossSeries';
import type { XAxisKind } from './series';
import { MAX_VALIDATION_DOTS, linearTicks, logTicks } from './series';
import { renderCountTick, valueTick } from './ticks';

// Constant props: recharts compares them by reference.
const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 8, right: 20, bottom: 0, left: 0 };
const VALIDATION_DOT = { r: 3, fill: 'var(--surface)', strokeWidth: 2 };

function formatLossTick(value: number): string {
  return value >= 1 ? value.toFixed(1) : value.toPrecision(2);
}

const renderYTick = valueTick(formatLossTick);

interface LossPlotProps {
  runs: readonly RunRecord[];
  xAxis: XAxisKind;
  smoothing: number;
  logScale: boolean;
}

/** The recharts drawing itself: the costliest part of the page to update. */
export const LossPlot = memo(function LossPlot({
  runs,
  xAxis,
  smoothing,
  logScale,
}: LossPlotProps) {
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
            dot={s.val.length <= MAX_VALIDATION_DOTS ? VALIDATION_DOT : false}
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
