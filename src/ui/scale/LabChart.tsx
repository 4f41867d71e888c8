/**
 * One chart of the scaling lab: lines and points on log or linear axes. Values are plotted as
 * their log10 on a log axis (recharts' own log scale has no nice ticks), with ticks at 1, 2, 5
 * × powers of ten labelled in plain numbers. Each series is a line, its points, or both.
 */
import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { linearTicks } from '../charts/series';
import { valueTick, type TickProps } from '../charts/ticks';
import { formatAxisCount } from '../format';

/** A series of the chart. */
export interface LabSeries {
  id: string;
  name: string;
  colour: string;
  points: { x: number; y: number }[];
  /** `line`: a line; `points`: markers only; `both`. */
  draw: 'line' | 'points' | 'both';
  dashed?: boolean;
  width?: number;
  /** Marker shape for points. */
  shape?: 'circle' | 'diamond' | 'square' | 'cross';
  /** Markers drawn hollow. */
  hollow?: boolean;
}

/** A vertical marker (e.g. 20 tokens per parameter). */
export interface LabMarker {
  x: number;
  label: string;
}

interface LabChartProps {
  title: string;
  series: readonly LabSeries[];
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  markers?: readonly LabMarker[];
  /** Formats an x value for ticks and the tooltip. */
  formatX?: (value: number) => string;
  testId: string;
  empty: string;
  height?: number;
}

// Constant props: recharts compares them by reference.
const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 10, right: 20, bottom: 4, left: 4 };

/** Ticks at 1, 2, 5 × 10^k between two log10 values (fewer when the range is wide). */
function logTicks(min: number, max: number): number[] {
  const span = max - min;
  // Less than a decade (losses from 2.2 to 4): plain round values, placed on the log axis.
  if (span < 1) {
    return linearTicks(10 ** min, 10 ** max, 6)
      .filter((v) => v > 0)
      .map((v) => Math.log10(v));
  }
  const ticks: number[] = [];
  const steps = span > 4 ? [1] : span > 1.5 ? [1, 3] : [1, 2, 5];
  for (let k = Math.floor(min); k <= Math.ceil(max); k++) {
    for (const m of steps) {
      const t = k + Math.log10(m);
      if (t >= min - 1e-9 && t <= max + 1e-9) ticks.push(t);
    }
  }
  return ticks.length >= 2 ? ticks : [min, max];
}

/** The plotted range of values (log10 on a log axis), padded. */
function range(values: number[], log: boolean): { min: number; max: number; ticks: number[] } {
  const plotted = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (plotted.length === 0) return { min: 0, max: 1, ticks: [0, 1] };
  const mapped = plotted.map((v) => (log ? Math.log10(v) : v));
  let min = Math.min(...mapped);
  let max = Math.max(...mapped);
  const pad = Math.max((max - min) * 0.06, log ? 0.02 : 0.02 * Math.abs(max || 1));
  min -= pad;
  max += pad;
  if (log) return { min, max, ticks: logTicks(min, max) };
  const ticks = linearTicks(min, max, 6);
  return { min, max, ticks };
}

const plainNumber = (value: number): string =>
  value >= 1000 ? formatAxisCount(value) : +value.toPrecision(3) + '';

/** A scaling-lab chart. */
export const LabChart = memo(function LabChart({
  title,
  series,
  xLabel,
  yLabel,
  xLog,
  yLog,
  markers = [],
  formatX = plainNumber,
  testId,
  empty,
  height = 300,
}: LabChartProps) {
  const toX = (v: number) => (xLog ? Math.log10(v) : v);
  const fromX = (v: number) => (xLog ? 10 ** v : v);
  const fromY = (v: number) => (yLog ? 10 ** v : v);
  const drawn = useMemo(
    () =>
      series
        .map((s) => ({
          ...s,
          data: s.points
            .filter(
              (p) =>
                Number.isFinite(p.x) &&
                Number.isFinite(p.y) &&
                (!xLog || p.x > 0) &&
                (!yLog || p.y > 0),
            )
            .map((p) => ({ x: xLog ? Math.log10(p.x) : p.x, y: yLog ? Math.log10(p.y) : p.y })),
        }))
        .filter((s) => s.data.length > 0),
    [series, xLog, yLog],
  );
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).concat(markers.map((m) => m.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xRange = range(xs, xLog);
  const yRange = range(ys, yLog);
  const renderXTick = ({ x, y, payload }: TickProps) => (
    <text x={Number(x)} y={Number(y) + 12} textAnchor="middle" className="axis-tick">
      {formatX(fromX(Number(payload.value)))}
    </text>
  );
  const renderYTick = valueTick((v) => plainNumber(fromY(v)));
  const points = drawn.reduce((n, s) => n + s.data.length, 0);

  return (
    <section className="panel lab-chart" data-testid={testId} data-series={drawn.length}>
      <h3 className="panel-title">
        {title}
        <span className="panel-meta">y: {yLabel}</span>
      </h3>
      <div
        className="chart-area lab-chart-area"
        style={{ height }}
        role="img"
        aria-label={drawn.length === 0 ? empty : `${title}: ${points} points.`}
      >
        <ComposedChart
          responsive
          style={CHART_STYLE}
          margin={CHART_MARGIN}
          accessibilityLayer={false}
        >
          <CartesianGrid
            stroke="var(--grid)"
            horizontalValues={yRange.ticks}
            verticalValues={xRange.ticks}
          />
          <XAxis
            type="number"
            dataKey="x"
            domain={[xRange.min, xRange.max]}
            ticks={xRange.ticks}
            interval={0}
            allowDataOverflow
            stroke="var(--muted)"
            tick={renderXTick}
            height={30}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[yRange.min, yRange.max]}
            ticks={yRange.ticks}
            interval={0}
            allowDataOverflow
            stroke="var(--muted)"
            tick={renderYTick}
            width={48}
          />
          <Tooltip
            isAnimationActive={false}
            formatter={(value) => plainNumber(fromY(Number(value)))}
            labelFormatter={(label) => formatX(fromX(Number(label)))}
          />
          {markers.map((m) => (
            <ReferenceLine
              key={m.label}
              x={toX(m.x)}
              stroke="var(--muted)"
              strokeDasharray="2 4"
              label={{ value: m.label, position: 'insideTopLeft', className: 'lab-marker' }}
            />
          ))}
          {drawn.map((s) =>
            s.draw === 'points' ? (
              <Scatter
                key={s.id}
                data={s.data}
                name={s.name}
                fill={s.hollow ? 'var(--surface, #fff)' : s.colour}
                stroke={s.colour}
                strokeWidth={2}
                shape={s.shape ?? 'circle'}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.id}
                data={s.data}
                dataKey="y"
                name={s.name}
                stroke={s.colour}
                strokeWidth={s.width ?? 2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                dot={s.draw === 'both' ? { r: 3, fill: s.colour, strokeWidth: 0 } : false}
                activeDot={false}
                isAnimationActive={false}
                type="linear"
              />
            ),
          )}
        </ComposedChart>
        <span className="axis-caption" aria-hidden="true">
          {xLabel}
        </span>
        {drawn.length === 0 ? <p className="chart-empty">{empty}</p> : null}
      </div>
    </section>
  );
});

/** Plain-number formatting of a compute figure (FLOPs), e.g. "3.2e12". */
export function formatFlops(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '—';
  const exponent = Math.floor(Math.log10(value));
  const mantissa = value / 10 ** exponent;
  return `${+mantissa.toFixed(1)}e${exponent}`;
}
