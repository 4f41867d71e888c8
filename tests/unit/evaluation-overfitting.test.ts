import { describe, expect, it } from 'vitest';
import type { LossPair } from '../../src/data/overfitting';
import { detectOverfitting } from '../../src/data/overfitting';

const history = (train: number[], val: number[]): LossPair[] =>
  train.map((trainLoss, i) => ({ step: (i + 1) * 100, trainLoss, valLoss: val[i] ?? NaN }));

describe('overfitting detection', () => {
  it('stays quiet while both losses fall', () => {
    const report = detectOverfitting(
      history([3, 2.5, 2.1, 1.9, 1.8, 1.7], [3, 2.6, 2.3, 2.1, 2, 1.95]),
    );
    expect(report.overfitting).toBe(false);
    expect(report.startStep).toBeNull();
  });

  it('flags validation rising while training falls, from the best validation step', () => {
    const report = detectOverfitting(
      history([3, 2.5, 2.0, 1.6, 1.3, 1.0, 0.8], [3, 2.6, 2.3, 2.25, 2.3, 2.4, 2.5]),
    );
    expect(report.overfitting).toBe(true);
    expect(report.startStep).toBe(400);
    expect(report.valChange).toBeGreaterThan(0.02);
    expect(report.trainChange).toBeLessThan(0);
  });

  it('does not call a diverging run (both rising) overfitting', () => {
    const report = detectOverfitting(
      history([2, 1.8, 2, 2.4, 3, 4], [2.1, 1.9, 2.1, 2.5, 3.1, 4.2]),
    );
    expect(report.overfitting).toBe(false);
  });

  it('ignores noise below the tolerance, short histories and non-finite points', () => {
    const flat = history([2, 1.9, 1.8, 1.7, 1.6], [2, 1.99, 2.0, 2.005, 2.01]);
    expect(detectOverfitting(flat).overfitting).toBe(false);
    expect(detectOverfitting(history([2, 1], [2, 3])).overfitting).toBe(false);
    expect(detectOverfitting([]).overfitting).toBe(false);
    const withNaN = history([3, 2.5, 2.0, 1.6, 1.3, 1.0], [3, 2.6, 2.3, NaN, 2.5, 2.7]);
    expect(detectOverfitting(withNaN).overfitting).toBe(true);
  });
});
