/**
 * The scaling-law fitter recovers known laws from noisy points (1% multiplicative noise):
 * L(C) = E + a·C^−α and L(N, D) = E + A/N^α + B/D^β, each parameter within 5%; the
 * compute-optimal model matches a numerical minimisation; the frontier drops dominated points.
 */
import { describe, expect, it } from 'vitest';
import {
  computeOptimal,
  fitChinchilla,
  fitPowerLaw,
  frontier,
  predictChinchilla,
} from '../../src/scaling/fit';
import { seededRandom } from './random';

const rng = seededRandom;

/** A normal deviate (Box–Muller). */
function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const logSpace = (min: number, max: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => min * (max / min) ** (i / (count - 1)));

const within = (value: number, truth: number, share = 0.05) =>
  expect(Math.abs(value - truth) / truth).toBeLessThan(share);

describe('fitPowerLaw', () => {
  it('recovers E, a and α within 5% from points with 1% noise', () => {
    const next = rng(7);
    const points = logSpace(1e9, 1e15, 16).map((x) => ({
      x,
      loss: (1.7 + 40 * x ** -0.15) * (1 + 0.01 * gaussian(next)),
    }));
    const fit = fitPowerLaw(points);
    expect(fit).not.toBeNull();
    within(fit?.E ?? 0, 1.7);
    within(fit?.a ?? 0, 40);
    within(fit?.alpha ?? 0, 0.15);
    expect(fit?.r2).toBeGreaterThan(0.95);
  });

  it('refuses fewer than three points', () => {
    expect(
      fitPowerLaw([
        { x: 1, loss: 2 },
        { x: 10, loss: 1.5 },
      ]),
    ).toBeNull();
  });
});

describe('fitChinchilla', () => {
  const laws = [
    { E: 1.69, A: 406.4, alpha: 0.34, B: 410.7, beta: 0.28 },
    { E: 2.0, A: 80, alpha: 0.45, B: 150, beta: 0.35 },
  ];
  for (const law of laws) {
    // 80 points, N over 5 decades and D over 7: with 30 points over narrower ranges, 1% noise
    // alone moves B or E by more than 5%.
    it(`recovers E, A, α, B, β within 5% (α = ${law.alpha}, β = ${law.beta})`, () => {
      const next = rng(11);
      const points = logSpace(1e3, 1e8, 10).flatMap((n) =>
        logSpace(1e4, 1e11, 8).map((d) => ({
          n,
          d,
          loss:
            predictChinchilla({ ...law, r2: 1, residualStd: 0, points: 0 }, n, d) *
            (1 + 0.01 * gaussian(next)),
        })),
      );
      const fit = fitChinchilla(points);
      expect(fit).not.toBeNull();
      within(fit?.E ?? 0, law.E);
      within(fit?.A ?? 0, law.A);
      within(fit?.alpha ?? 0, law.alpha);
      within(fit?.B ?? 0, law.B);
      within(fit?.beta ?? 0, law.beta);
    });
  }

  it('refuses a single model size', () => {
    const points = [1, 2, 3, 4, 5].map((k) => ({ n: 1000, d: 1000 * k, loss: 3 - 0.1 * k }));
    expect(fitChinchilla(points)).toBeNull();
  });
});

describe('computeOptimal', () => {
  it('agrees with a numerical minimisation of L(N, C / 6N)', () => {
    const fit = {
      E: 1.69,
      A: 406.4,
      alpha: 0.34,
      B: 410.7,
      beta: 0.28,
      r2: 1,
      residualStd: 0,
      points: 0,
    };
    const compute = 1e21;
    let bestN = 0;
    let bestLoss = Infinity;
    for (const n of logSpace(1e6, 1e13, 20_000)) {
      const loss = predictChinchilla(fit, n, compute / (6 * n));
      if (loss < bestLoss) [bestN, bestLoss] = [n, loss];
    }
    const optimal = computeOptimal(fit, compute);
    within(optimal.n, bestN, 0.01);
    within(optimal.loss, bestLoss, 0.001);
    expect(optimal.tokensPerParameter).toBeCloseTo(optimal.d / optimal.n, 9);
    expect(6 * optimal.n * optimal.d).toBeCloseTo(compute, -10);
  });
});

describe('frontier', () => {
  it('keeps the lowest loss at each compute and drops dominated points', () => {
    const points = [
      { compute: 1, loss: 4 },
      { compute: 2, loss: 3 },
      { compute: 3, loss: 3.5 }, // dominated: more compute, higher loss
      { compute: 4, loss: 2.5 },
    ];
    const kept = frontier(points);
    expect(kept.map((p) => p.compute)).toEqual([1, 2, 4]);
    for (let i = 1; i < kept.length; i++)
      expect(kept[i]?.loss).toBeLessThan(kept[i - 1]?.loss ?? 0);
  });
});
