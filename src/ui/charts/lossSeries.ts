/**
 * The loss chart's series per run, cached per run record, and the ranges and counts drawn from
 * them. Plain functions with no React.
 */
import type { RunRecord } from '../../app/runs';
import type { ChartPoint, XAxisKind } from './series';
import { linearTicks, trainSeries, validationSeries } from './series';

/** One run's plotted series and colour. */
export interface RunSeries {
  run: RunRecord;
  colour: string;
  train: ChartPoint[];
  val: ChartPoint[];
}

/**
 * Series per run record, cached: the store replaces a run's record only when that run changes,
 * so runs that are not training keep handing recharts the very same arrays.
 */
const seriesCache = new WeakMap<
  RunRecord,
  { xAxis: XAxisKind; smoothing: number; train: ChartPoint[]; val: ChartPoint[] }
>();

export function seriesOf(
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

/** The last point of a run's smoothed training loss. */
export function lastSmoothed(
  run: RunRecord,
  xAxis: XAxisKind,
  smoothing: number,
): number | undefined {
  const { train } = seriesOf(run, xAxis, smoothing);
  return train[train.length - 1]?.y;
}

/** How many runs are drawn, and how many training points they draw in all. */
export function plottedCounts(
  runs: readonly RunRecord[],
  xAxis: XAxisKind,
  smoothing: number,
): { visibleRuns: number; trainPoints: number } {
  let visibleRuns = 0;
  let trainPoints = 0;
  for (const run of runs) {
    if (!run.visible) continue;
    visibleRuns += 1;
    trainPoints += seriesOf(run, xAxis, smoothing).train.length;
  }
  return { visibleRuns, trainPoints };
}

export function extent(
  series: readonly RunSeries[],
  pick: (p: ChartPoint) => number,
): [number, number] {
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

/** Rounds the end of the x range up to a whole tick, so the axis changes in steps. */
export function niceEnd(max: number): number {
  const ticks = linearTicks(0, max * 1.02, 6);
  const spacing = ticks.length > 1 ? (ticks[1] ?? 1) - (ticks[0] ?? 0) : 1;
  return Math.ceil((max * 1.02) / spacing) * spacing;
}
