/**
 * Turning a run's points into what the loss chart draws: smoothed, downsampled {x, y} series.
 * Plain functions with no React, so they are cheap to memoise and easy to test.
 */
import type { StepSeries } from '../../shared/step-series';
import type { EvalPoint } from '../../worker/protocol';

/** What the x axis counts. */
export type XAxisKind = 'step' | 'tokens';

/** One plotted point. */
export interface ChartPoint {
  x: number;
  y: number;
}

/** The most points drawn per series (keeps each SVG path small). */
export const MAX_CHART_POINTS = 400;

/**
 * The most points of a validation series: one evaluation every 50 steps makes 400 in 20,000
 * steps, and 200 evenly spaced already draw the curve finer than a chart's width shows it.
 */
export const MAX_VALIDATION_POINTS = 200;

/**
 * A validation series shows a dot at each evaluation up to this many points; beyond, the dots
 * overlap into a thick band (and each is an SVG element more), so the dashed line shows alone.
 */
export const MAX_VALIDATION_DOTS = 60;

/**
 * Exponential moving average with TensorBoard's debiasing (early points are not dragged
 * towards zero). `smoothing` is in [0, 1); 0 returns the values unchanged. Non-finite values
 * are skipped: they keep the running average and come out as they went in.
 */
export function smoothEma(values: readonly number[], smoothing: number): number[] {
  if (smoothing <= 0) return values.slice();
  const out: number[] = new Array<number>(values.length);
  let average = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? NaN;
    if (!Number.isFinite(value)) {
      out[i] = value;
      continue;
    }
    count += 1;
    average = average * smoothing + (1 - smoothing) * value;
    out[i] = average / (1 - smoothing ** count);
  }
  return out;
}

/**
 * Keeps at most `maxPoints` points, evenly spaced, always including the first and the last
 * (so the plotted curve ends at the latest value).
 */
export function downsample<T>(points: readonly T[], maxPoints = MAX_CHART_POINTS): T[] {
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  const out: T[] = [];
  const stride = (n - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) {
    const point = points[Math.round(i * stride)];
    if (point !== undefined) out.push(point);
  }
  return out;
}

/** The training-loss series of a run: smoothed over every step, then downsampled. */
export function trainSeries(steps: StepSeries, xAxis: XAxisKind, smoothing: number): ChartPoint[] {
  const losses = new Array<number>(steps.length);
  for (let i = 0; i < steps.length; i++) losses[i] = steps.lossAt(i);
  const smoothed = smoothEma(losses, smoothing);
  const points: ChartPoint[] = [];
  for (let i = 0; i < steps.length; i++) {
    const y = smoothed[i];
    if (y === undefined || !Number.isFinite(y)) continue;
    points.push({ x: xAxis === 'step' ? steps.stepAt(i) : steps.tokensAt(i), y });
  }
  return downsample(points);
}

/** The validation-loss series of a run (not smoothed: each point already averages batches). */
export function validationSeries(
  evals: readonly Pick<EvalPoint, 'step' | 'tokensSeen' | 'valLoss'>[],
  xAxis: XAxisKind,
): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const e of evals) {
    if (Number.isFinite(e.valLoss)) {
      points.push({ x: xAxis === 'step' ? e.step : e.tokensSeen, y: e.valLoss });
    }
  }
  return downsample(points, MAX_VALIDATION_POINTS);
}

/** Ticks for a log-scale axis over [min, max]: 1, 2 and 5 times powers of ten. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const ticks: number[] = [];
  for (
    let exponent = Math.floor(Math.log10(min));
    exponent <= Math.ceil(Math.log10(max));
    exponent++
  ) {
    for (const mantissa of [1, 2, 5]) {
      const tick = mantissa * 10 ** exponent;
      if (tick >= min && tick <= max) ticks.push(Number(tick.toPrecision(6)));
    }
  }
  return ticks;
}

/** About `count` evenly spaced round ticks (1, 2 or 5 times a power of ten apart) over [min, max]. */
export function linearTicks(min: number, max: number, count = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [min];
  const rough = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const spacing = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (
    let tick = Math.ceil(min / spacing) * spacing;
    tick <= max + spacing * 1e-9;
    tick += spacing
  ) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}
