import { StepSeries } from '../../src/shared/step-series';
import { describe, expect, it } from 'vitest';
import {
  MAX_CHART_POINTS,
  MAX_VALIDATION_POINTS,
  downsample,
  linearTicks,
  logTicks,
  smoothEma,
  trainSeries,
  validationSeries,
} from '../../src/ui/charts/series';

describe('loss chart series', () => {
  it('smooths with a debiased EMA that starts at the first value', () => {
    expect(smoothEma([4, 2, 2], 0)).toEqual([4, 2, 2]);
    const smoothed = smoothEma([4, 2, 2], 0.5);
    expect(smoothed[0]).toBeCloseTo(4);
    expect(smoothed[1]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / 0.75);
    expect(smoothEma([3, NaN, 3], 0.9)).toEqual([3, NaN, 3]);
  });

  it('downsamples to at most MAX_CHART_POINTS, keeping the first and last points', () => {
    const points = Array.from({ length: 10_001 }, (_, i) => i);
    const kept = downsample(points);
    expect(kept.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(10_000);
    expect(downsample([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('plots steps or tokens on x and drops losses that are not numbers', () => {
    const steps = new StepSeries(
      [1, 2, 3].map((step) => ({
        step,
        tokensSeen: step * 512,
        loss: step === 3 ? NaN : 4 - step,
        gradNorm: 1,
        learningRate: 1e-3,
      })),
    );
    expect(trainSeries(steps, 'step', 0)).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
    ]);
    expect(trainSeries(steps, 'tokens', 0).map((p) => p.x)).toEqual([512, 1024]);
    const evals = [{ step: 50, tokensSeen: 800, valLoss: 2.5 }];
    expect(validationSeries(evals, 'tokens')).toEqual([{ x: 800, y: 2.5 }]);
  });

  it('keeps at most MAX_VALIDATION_POINTS evaluations, the first and the latest among them', () => {
    const evals = Array.from({ length: 1_000 }, (_, i) => ({
      step: 50 * i,
      tokensSeen: 38_400 * i,
      valLoss: 4 - i / 1_000,
    }));
    const points = validationSeries(evals, 'step');
    expect(points.length).toBe(MAX_VALIDATION_POINTS);
    expect(points[0]).toEqual({ x: 0, y: 4 });
    expect(points.at(-1)).toEqual({ x: 49_950, y: 4 - 999 / 1_000 });
  });

  it('puts about n round linear ticks over a range', () => {
    expect(linearTicks(0, 4, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(linearTicks(0, 188, 6)).toEqual([0, 50, 100, 150]);
    expect(linearTicks(0, 0.3, 4)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('puts log-scale ticks at 1, 2 and 5 times powers of ten', () => {
    expect(logTicks(0.3, 4.2)).toEqual([0.5, 1, 2]);
    expect(logTicks(0, 1)).toEqual([]);
  });
});
