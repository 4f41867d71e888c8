/**
 * Every opened run's validation loss on one chart, against tokens seen or steps. Built from the
 * loss chart's pieces (series, ticks, axes); each run has its colour from the table, the best
 * run is drawn thicker, and the run the pointer is on in the table stands out.
 */
import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ClassRun } from '../../app/class-results';
import { niceEnd } from '../charts/lossSeries';
import type { ChartPoint, XAxisKind } from '../charts/series';
import { linearTicks, validationSeries } from '../charts/series';
import { renderCountTick, valueTick } from '../charts/ticks';
import { classColour } from './classTable';
import { XAxisChoice } from '../charts/XAxisChoice';

// Constant props: recharts compares them by reference.
const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 8, right: 24, bottom: 0, left: 0 };
/** Runs with fewer validation points than this show a dot at each. */
const DOTS_BELOW = 40;

const renderYTick = valueTick((value) => (value >= 1 ? value.toFixed(1) : value.toPrecision(2)));

interface ClassChartProps {
  runs: readonly ClassRun[];
  bestId: string | null;
  /** The run to bring forward (the table row under the pointer), if any. */
  highlightedId: string | null;
}

interface ClassSeries {
  run: ClassRun;
  colour: string;
  points: ChartPoint[];
}

/** The overlaid validation curves, with the x-axis choice. */
export const ClassChart = memo(function ClassChart({
  runs,
  bestId,
  highlightedId,
}: ClassChartProps) {
  const [xAxis, setXAxis] = useState<XAxisKind>('tokens');
  const id = useId();
  const series = useMemo<ClassSeries[]>(
    () =>
      runs.map((run) => ({
        run,
        colour: classColour(run),
        points: validationSeries(
          run.file.curve.validation.map((p) => ({
            step: p.step,
            tokensSeen: p.tokens,
            valLoss: p.valLoss,
          })),
          xAxis,
        ),
      })),
    [runs, xAxis],
  );
  const drawn = series.filter((s) => s.points.length > 0);
  // The best run last, so it is drawn on top; the highlighted one above it.
  const ordered = [...drawn].sort(
    (a, b) => rank(a.run.id, bestId, highlightedId) - rank(b.run.id, bestId, highlightedId),
  );
  let xMax = 1;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of drawn) {
    for (const p of s.points) {
      if (p.x > xMax) xMax = p.x;
      if (p.y < yMin) yMin = p.y;
      if (p.y > yMax) yMax = p.y;
    }
  }
  const xEnd = niceEnd(xMax);
  const { start: yStart, end: yEnd, ticks: yTicks } = lossRange(yMin, yMax);
  const xTicks = linearTicks(0, xEnd, 6).filter((t) => Number.isInteger(t));

  return (
    <section
      className="panel class-chart"
      aria-labelledby={`${id}-title`}
      data-testid="class-chart"
      data-runs={drawn.length}
    >
      <div className="panel-head">
        <h3 id={`${id}-title`} className="panel-title">
          Validation loss
        </h3>
        <XAxisChoice id={id} value={xAxis} onChange={setXAxis} order={['tokens', 'step']} />
      </div>
      <div
        className="chart-area class-chart-area"
        role="img"
        aria-label={
          drawn.length === 0
            ? 'No validation curves yet.'
            : `Validation loss of ${drawn.length} run${drawn.length === 1 ? '' : 's'}; the table lists their values.`
        }
      >
        <LineChart responsive style={CHART_STYLE} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--grid)" vertical={false} horizontalValues={yTicks} />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, xEnd]}
            ticks={xTicks}
            interval={0}
            allowDataOverflow
            stroke="var(--muted)"
            tick={renderCountTick}
            height={28}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[yStart, yEnd]}
            ticks={yTicks}
            interval={0}
            allowDataOverflow
            stroke="var(--muted)"
            tick={renderYTick}
            width={52}
          />
          {ordered.map((s) => {
            const isBest = s.run.id === bestId;
            const isHighlighted = s.run.id === highlightedId;
            const faded = highlightedId !== null && !isHighlighted;
            const width = isHighlighted ? 5 : isBest ? 4 : 2.5;
            return (
              <Line
                key={s.run.id}
                data={s.points}
                dataKey="y"
                name={s.run.name}
                stroke={s.colour}
                strokeWidth={width}
                strokeOpacity={faded ? 0.25 : 1}
                dot={
                  s.points.length < DOTS_BELOW
                    ? { r: width, fill: s.colour, strokeWidth: 0, fillOpacity: faded ? 0.25 : 1 }
                    : false
                }
                activeDot={false}
                isAnimationActive={false}
                type="linear"
                className="class-curve"
              />
            );
          })}
        </LineChart>
        <span className="axis-caption" aria-hidden="true">
          {xAxis === 'step' ? 'step' : 'tokens seen'}
        </span>
        {drawn.length === 0 ? (
          <p className="chart-empty">
            {runs.length === 0
              ? 'Open run files: each run’s validation loss appears here.'
              : 'These runs have no evaluation yet: there is no validation loss to draw.'}
          </p>
        ) : null}
      </div>
      <p className="hint class-chart-key">
        One line per run, in its colour in the table; the best run is thicker. The loss axis does
        not start at 0. Point at a row to bring its run forward.
      </p>
    </section>
  );
});

/** Drawing order: other runs first, then the best run, then the highlighted one. */
function rank(runId: string, bestId: string | null, highlightedId: string | null): number {
  if (runId === highlightedId) return 2;
  return runId === bestId ? 1 : 0;
}

/**
 * The y range: the class's losses differ by tenths, so the axis spans the losses drawn (a
 * little padding, ends on whole ticks) rather than starting at 0, where the curves would merge.
 */
function lossRange(min: number, max: number): { start: number; end: number; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { start: 0, end: 1, ticks: [0, 1] };
  const pad = Math.max((max - min) * 0.1, 0.05);
  const rough = linearTicks(min - pad, max + pad, 5);
  const spacing = rough.length > 1 ? (rough[1] ?? 1) - (rough[0] ?? 0) : 0.5;
  const first = Math.max(0, Math.floor((min - pad) / spacing));
  const last = Math.ceil((max + pad) / spacing);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * spacing).toPrecision(12)));
  return { start: ticks[0] ?? 0, end: ticks[ticks.length - 1] ?? 1, ticks };
}
