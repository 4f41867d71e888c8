/**
 * The comparison's validation curves on the task data: one colour per amount of task data,
 * fine-tuned solid, from scratch dashed.
 */
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComparisonCurve } from '../../worker/protocol';
import { formatLoss } from '../format';
import { comparisonRows, curveKey, fractionColour } from './comparison';
import { fractionLabel } from './settings';

interface ComparisonChartProps {
  curves: readonly ComparisonCurve[];
  /** Every fraction being compared (fixes the colours while curves arrive). */
  fractions: readonly number[];
}

const CHART_STYLE = { width: '100%', height: '100%' };
const CHART_MARGIN = { top: 8, right: 24, bottom: 4, left: 4 };
const TICK = { fontSize: 13 };
const X_LABEL = { value: 'step', position: 'insideBottomRight', offset: -2, fontSize: 13 } as const;
const formatTooltipValue = (value: unknown) => formatLoss(Number(value));
const formatTooltipLabel = (step: unknown) => `step ${String(step)}`;
const formatYTick = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
// From 0 to the next whole loss, so the ticks are round numbers.
const Y_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.max(1, Math.ceil(max))];

function curveName(curve: ComparisonCurve): string {
  const kind = curve.kind === 'finetune' ? 'Fine-tuned' : 'From scratch';
  return `${kind}, ${fractionLabel(curve.fraction)} of task data`;
}

/** A short line sample in the curve's colour and dash, for the legend. */
function Swatch({ colour, dashed }: { colour: string; dashed: boolean }) {
  return (
    <svg width="36" height="10" aria-hidden="true" className="comparison-swatch">
      <line
        x1="0"
        y1="5"
        x2="36"
        y2="5"
        stroke={colour}
        strokeWidth={dashed ? 2.5 : 3}
        strokeDasharray={dashed ? '7 5' : undefined}
      />
    </svg>
  );
}

/** Line chart of task validation loss against step for every finished curve. */
export function ComparisonChart({ curves, fractions }: ComparisonChartProps) {
  const rows = useMemo(() => comparisonRows(curves), [curves]);
  const styled = curves.map((curve) => ({
    curve,
    colour: fractionColour(Math.max(0, fractions.indexOf(curve.fraction))),
  }));
  return (
    <div className="comparison-chart" data-testid="comparison-chart" data-curves={curves.length}>
      <div
        className="comparison-plot"
        role="img"
        aria-label="Validation loss on the task data against training step: fine-tuned (solid) and from scratch (dashed), per amount of task data"
      >
        <LineChart data={rows} style={CHART_STYLE} margin={CHART_MARGIN} responsive>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="step" type="number" domain={[0, 'dataMax']} tick={TICK} label={X_LABEL} />
          <YAxis tick={TICK} width={48} domain={Y_DOMAIN} tickFormatter={formatYTick} />
          <Tooltip formatter={formatTooltipValue} labelFormatter={formatTooltipLabel} />
          {styled.map(({ curve, colour }) => (
            <Line
              key={curveKey(curve)}
              dataKey={curveKey(curve)}
              name={curveName(curve)}
              stroke={colour}
              strokeWidth={curve.kind === 'finetune' ? 3 : 2.5}
              strokeDasharray={curve.kind === 'finetune' ? undefined : '7 5'}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </div>
      <ul className="comparison-legend" aria-label="Curves">
        {styled.map(({ curve, colour }) => (
          <li key={curveKey(curve)} data-kind={curve.kind} data-fraction={curve.fraction}>
            <Swatch colour={colour} dashed={curve.kind === 'scratch'} />
            {curveName(curve)}
          </li>
        ))}
      </ul>
    </div>
  );
}
