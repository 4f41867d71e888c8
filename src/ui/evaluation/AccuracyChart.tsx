/**
 * One small accuracy chart: a curve per series from 0 to 100%, the chance levels as dashed
 * reference lines, and a custom hover card. Keyboard: focus the chart, then ←/→ move the hover.
 */
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { linearTicks } from '../charts/series';
import { formatAccuracy } from './format';
import type { ChartRow } from './series';
import { maxX } from './series';
import type { EvaluationXAxis } from './types';
import { useStaggeredValue } from './useStaggeredValue';
import { renderCountTick, valueTick } from '../charts/ticks';

/** A curve of the chart. */
export interface ChartLine {
  /** The key of its values in the rows. */
  key: string;
  /** Name for the hover and screen readers, e.g. "Run 2". */
  name: string;
  color: string;
  dashed?: boolean;
}

/** Everything the chart draws; a new object whenever any of it changes. */
export interface AccuracyPlotData<Detail> {
  rows: ChartRow<Detail>[];
  lines: readonly ChartLine[];
  /** Accuracy of guessing, drawn as dashed lines (none for open-vocabulary accuracy). */
  chances: readonly number[];
  xAxis: EvaluationXAxis;
  /** What the hover card shows for the row under the pointer. */
  renderTooltip: (row: ChartRow<Detail>) => ReactNode;
}

interface AccuracyChartProps<Detail> {
  data: AccuracyPlotData<Detail>;
  /** Wait this long before drawing new data (give each chart of a group its own delay). */
  delayMs: number;
  /** Describes the chart for screen readers. */
  label: string;
  /** Shown over the empty chart. */
  emptyText: string;
  testId: string;
}

// Constant props: recharts compares them by reference.
const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 12, right: 22, bottom: 0, left: 0 };
const Y_DOMAIN: [number, number] = [0, 1];
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
const DOT = { r: 3, fill: 'var(--surface)', strokeWidth: 2 };
const ACTIVE_DOT = { r: 6, strokeWidth: 2, stroke: 'var(--surface)' };
const TOOLTIP_WRAPPER = { zIndex: 30, outline: 'none' };
const TOOLTIP_ESCAPE = { x: false, y: true };
const CURSOR = { stroke: 'var(--border-strong)', strokeWidth: 1.5 };

const renderYTick = valueTick(formatAccuracy);

/** Rounds the end of the x range up to a whole tick. */
function niceEnd(max: number): number {
  const ticks = linearTicks(0, max, 5);
  const spacing = ticks.length > 1 ? (ticks[1] ?? 1) - (ticks[0] ?? 0) : 1;
  return Math.max(spacing, Math.ceil(max / spacing) * spacing);
}

/** The recharts drawing of `data`. */
function renderPlot<Detail>(data: AccuracyPlotData<Detail>, label: string): ReactNode {
  const { rows, lines, chances, renderTooltip } = data;
  const end = niceEnd(Math.max(maxX(rows), 1));
  const xTicks = linearTicks(0, end, 5).filter((t) => Number.isInteger(t));
  const rowsByX = new Map(rows.map((row) => [row.x, row]));
  const tooltip = (content: TooltipContentProps) => {
    if (!content.active || content.label === undefined) return null;
    const row = rowsByX.get(Number(content.label));
    return row === undefined ? null : <div className="eval-tooltip">{renderTooltip(row)}</div>;
  };
  return (
    <LineChart
      responsive
      style={CHART_STYLE}
      data={rows}
      margin={CHART_MARGIN}
      title={label}
      desc={label}
    >
      <CartesianGrid stroke="var(--grid)" vertical={false} horizontalValues={Y_TICKS} />
      <XAxis
        type="number"
        dataKey="x"
        domain={[0, end]}
        ticks={xTicks}
        interval={0}
        stroke="var(--muted)"
        tick={renderCountTick}
        height={26}
      />
      <YAxis
        type="number"
        domain={Y_DOMAIN}
        ticks={Y_TICKS}
        interval={0}
        stroke="var(--muted)"
        tick={renderYTick}
        width={56}
      />
      {chances.map((chance) => (
        <ReferenceLine
          key={chance}
          y={chance}
          stroke="var(--muted)"
          strokeWidth={1.5}
          strokeDasharray="6 5"
          label={{
            value: `chance ${formatAccuracy(chance)}`,
            position: 'insideBottomRight',
            className: 'chance-label',
          }}
        />
      ))}
      {lines.map((line) => (
        <Line
          key={line.key}
          dataKey={(row: ChartRow<Detail>) => row.values[line.key] ?? null}
          name={line.name}
          stroke={line.color}
          strokeWidth={2.5}
          strokeDasharray={line.dashed === true ? '7 5' : undefined}
          dot={DOT}
          activeDot={ACTIVE_DOT}
          connectNulls
          isAnimationActive={false}
          type="linear"
        />
      ))}
      <Tooltip
        content={tooltip}
        cursor={CURSOR}
        isAnimationActive={false}
        wrapperStyle={TOOLTIP_WRAPPER}
        allowEscapeViewBox={TOOLTIP_ESCAPE}
        offset={14}
      />
    </LineChart>
  );
}

/**
 * The chart. It redraws only when `data` changes (the same element is reused otherwise), and
 * then `delayMs` later, in a task of its own.
 */
export function AccuracyChart<Detail>(props: AccuracyChartProps<Detail>) {
  const { label } = props;
  const data = useStaggeredValue(props.data, props.delayMs);
  const plot = useMemo(() => renderPlot(data, label), [data, label]);
  return (
    <div className="accuracy-chart" data-testid={props.testId} data-points={data.rows.length}>
      {plot}
      <span className="axis-caption" aria-hidden="true">
        {data.xAxis === 'step' ? 'step' : 'tokens seen'}
      </span>
      {data.rows.length === 0 ? <p className="accuracy-chart-empty">{props.emptyText}</p> : null}
    </div>
  );
}
