/**
 * The scaling lab's chart series, from a sweep report: each run's curve against compute with
 * its final point, the compute-efficient frontier, the L(C) fit, the check run's prediction
 * (with its spread) beside its measurement, loss against N at each D and against D at each N
 * (with the Chinchilla fit's curves), and the mixture's two losses against the share of A.
 */
import type { ChinchillaFit } from '../../scaling/fit';
import { predictChinchilla, predictPower } from '../../scaling/fit';
import { shortCount } from '../../scaling/plan';
import type { ReportRun, SweepReport } from '../../scaling/report';
import { computeFrontier, fittedRuns } from '../../scaling/report';
import type { LabSeries } from './LabChart';

/** Colours of the runs, by size (smallest first). */
const PALETTE = [
  '#6b7280',
  '#0f766e',
  '#2453d6',
  '#7c3aed',
  '#c2410c',
  '#be123c',
  '#15803d',
  '#a16207',
];

/** The fits' colour, and the check run's. */
export const FIT_COLOUR = '#d97706';
export const CHECK_COLOUR = '#111827';

/** The colour of a run of width `width` among `widths`. */
export function widthColour(width: number, widths: readonly number[]): string {
  const index = [...widths].sort((a, b) => a - b).indexOf(width);
  return PALETTE[index % PALETTE.length] ?? '#6b7280';
}

/** Log-spaced values from `min` to `max`. */
function logSpace(min: number, max: number, count: number): number[] {
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: count }, (_, i) => 10 ** (a + ((b - a) * i) / (count - 1)));
}

function widthsOf(runs: readonly ReportRun[]): number[] {
  return [...new Set(runs.map((r) => r.width))].sort((a, b) => a - b);
}

/** Loss against compute: curves, final points, frontier, fit, check. */
export function computeSeries(report: SweepReport): LabSeries[] {
  const runs = fittedRuns(report.runs);
  const widths = widthsOf(runs);
  const series: LabSeries[] = runs.map((run) => ({
    id: run.id,
    name: run.label,
    colour: widthColour(run.width, widths),
    points: run.points.filter((p) => p.tokens > 0).map((p) => ({ x: p.compute, y: p.valLoss })),
    draw: 'line',
    width: 1.5,
  }));
  series.push({
    id: 'final',
    name: 'final point of a run',
    colour: '#374151',
    points: runs.map((r) => ({ x: r.compute, y: r.valLoss })),
    draw: 'points',
  });
  const frontier = computeFrontier(report.runs);
  if (frontier.length > 1) {
    series.push({
      id: 'frontier',
      name: 'compute-efficient frontier',
      colour: '#111827',
      points: frontier.map((p) => ({ x: p.compute, y: p.loss })),
      draw: 'line',
      dashed: true,
      width: 2,
    });
  }
  const check = report.runs.find((r) => r.kind === 'check');
  const computes = [...runs.map((r) => r.compute), ...(check ? [check.compute] : [])];
  if (report.fit && computes.length > 0) {
    const fit = report.fit;
    const low = Math.min(
      ...runs.flatMap((r) => r.points.filter((p) => p.tokens > 0).map((p) => p.compute)),
    );
    const high = Math.max(...computes) * 1.5;
    series.push({
      id: 'fit',
      name: 'fit L(C)',
      colour: FIT_COLOUR,
      points: logSpace(low, high, 40).map((c) => ({ x: c, y: predictPower(fit, c) })),
      draw: 'line',
      width: 3,
    });
  }
  if (check?.predicted) {
    const { loss, low, high } = check.predicted;
    series.push(
      {
        id: 'predicted-spread',
        name: 'predicted range (±2σ)',
        colour: FIT_COLOUR,
        points: [
          { x: check.compute, y: low },
          { x: check.compute, y: high },
        ],
        draw: 'line',
        width: 3,
      },
      {
        id: 'predicted',
        name: 'predicted',
        colour: FIT_COLOUR,
        points: [{ x: check.compute, y: loss }],
        draw: 'points',
        shape: 'diamond',
        hollow: true,
      },
    );
    if (Number.isFinite(check.valLoss)) {
      series.push({
        id: 'measured',
        name: 'measured',
        colour: CHECK_COLOUR,
        points: [{ x: check.compute, y: check.valLoss }],
        draw: 'points',
        shape: 'square',
      });
    }
  }
  return series;
}

/** Loss against N at each token budget D (with the Chinchilla fit's curve for each). */
export function paramsSeries(report: SweepReport): LabSeries[] {
  const runs = fittedRuns(report.runs);
  const budgets = [...new Set(runs.map((r) => r.tokens))].sort((a, b) => a - b);
  return budgets.flatMap((d, i) => {
    const at = runs.filter((r) => r.tokens === d).sort((a, b) => a.params - b.params);
    const colour = PALETTE[(i + 2) % PALETTE.length] ?? '#2453d6';
    const measured: LabSeries = {
      id: `d-${d}`,
      name: `D = ${shortCount(d)} tokens`,
      colour,
      points: at.map((r) => ({ x: r.params, y: r.valLoss })),
      draw: 'both',
    };
    return [measured, ...fitCurve(report.chinchilla, at, colour, (n) => [n, d], 'params')];
  });
}

/** Loss against D at each model size N. */
export function tokensSeries(report: SweepReport): LabSeries[] {
  const runs = fittedRuns(report.runs);
  const widths = widthsOf(runs);
  return widths.flatMap((w) => {
    const at = runs.filter((r) => r.width === w).sort((a, b) => a.tokens - b.tokens);
    const n = at[0]?.params ?? 0;
    const colour = widthColour(w, widths);
    const measured: LabSeries = {
      id: `n-${w}`,
      name: `N = ${shortCount(n)} (${w} wide)`,
      colour,
      points: at.map((r) => ({ x: r.tokens, y: r.valLoss })),
      draw: 'both',
    };
    return [measured, ...fitCurve(report.chinchilla, at, colour, (d) => [n, d], 'tokens')];
  });
}

/** The Chinchilla fit along one axis, over the measured range, dashed. */
function fitCurve(
  fit: ChinchillaFit | null,
  at: readonly ReportRun[],
  colour: string,
  nd: (value: number) => [number, number],
  axis: 'params' | 'tokens',
): LabSeries[] {
  if (fit === null || at.length < 2) return [];
  const values = at.map((r) => r[axis]);
  return [
    {
      id: `fit-${axis}-${at[0]?.id ?? ''}`,
      name: 'Chinchilla fit',
      colour,
      points: logSpace(Math.min(...values), Math.max(...values), 20).map((v) => {
        const [n, d] = nd(v);
        return { x: v, y: predictChinchilla(fit, n, d) };
      }),
      draw: 'line',
      dashed: true,
      width: 1.5,
    },
  ];
}

/** The mixture's losses on A and on B against the share of A (in %). */
export function mixtureSeries(report: SweepReport): LabSeries[] {
  const mixture = report.mixture;
  if (mixture === null) return [];
  return [
    {
      id: 'loss-a',
      name: `validation loss on ${mixture.a}`,
      colour: '#2453d6',
      points: mixture.points.map((p) => ({ x: 100 * p.share, y: p.lossA })),
      draw: 'both',
      width: 3,
    },
    {
      id: 'loss-b',
      name: `validation loss on ${mixture.b}`,
      colour: '#c2410c',
      points: mixture.points.map((p) => ({ x: 100 * p.share, y: p.lossB })),
      draw: 'both',
      width: 3,
      dashed: true,
    },
  ];
}
