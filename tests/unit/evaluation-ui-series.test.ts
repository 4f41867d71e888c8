import { describe, expect, it } from 'vitest';
import {
  buildBenchmarkCharts,
  buildTokenAccuracyRows,
  maxX,
  tokenAccuracyKey,
} from '../../src/ui/evaluation/series';
import { evalPoint, score } from './evaluation-ui-fixtures';

const runA = {
  runId: 'a',
  evals: [
    evalPoint(0, 3, 3, [score(0.25), score(0.2, 'cloze')]),
    evalPoint(100, 2, 2.1, [score(0.6), score(0.45, 'cloze')]),
    evalPoint(200, 1.5, 1.8, [score(0.85), score(0.7, 'cloze')]),
  ],
};
const runB = {
  runId: 'b',
  evals: [evalPoint(0, 3, 3, [score(0.3)]), evalPoint(50, 2.5, 2.6, [score(0.4)])],
};

describe('benchmark chart series', () => {
  it('makes one chart per benchmark, in order of appearance, with its chance level', () => {
    const charts = buildBenchmarkCharts([runA], 'step');
    expect(charts.map((c) => c.kind)).toEqual(['multiple-choice', 'cloze']);
    expect(charts[0]?.chances).toEqual([0.25]);
    expect(charts[0]?.rows.map((r) => [r.x, r.values.a])).toEqual([
      [0, 0.25],
      [100, 0.6],
      [200, 0.85],
    ]);
  });

  it('merges runs into rows by x, each run present only where it was evaluated', () => {
    const [multipleChoice] = buildBenchmarkCharts([runA, runB], 'step');
    expect(multipleChoice?.rows.map((r) => r.x)).toEqual([0, 50, 100, 200]);
    const at50 = multipleChoice?.rows[1];
    expect(at50?.values).toEqual({ b: 0.4 });
    expect(at50?.details.b?.step).toBe(50);
    const at0 = multipleChoice?.rows[0];
    expect(at0?.values).toEqual({ a: 0.25, b: 0.3 });
  });

  it('keeps the items and scores of each point for the hover', () => {
    const [multipleChoice] = buildBenchmarkCharts([runA], 'step');
    const detail = multipleChoice?.rows[2]?.details.a;
    expect(detail).toMatchObject({
      step: 200,
      tokensSeen: 6400,
      accuracy: 0.85,
      chance: 0.25,
      items: 20,
    });
    expect(detail?.examples).toHaveLength(1);
  });

  it('plots against tokens seen when asked', () => {
    const [multipleChoice] = buildBenchmarkCharts([runA], 'tokens');
    expect(multipleChoice?.rows.map((r) => r.x)).toEqual([0, 3200, 6400]);
    expect(maxX(multipleChoice?.rows ?? [])).toBe(6400);
  });

  it('skips non-finite accuracies and returns nothing without evaluations', () => {
    const run = {
      runId: 'n',
      evals: [evalPoint(0, 3, 3, [score(NaN)]), evalPoint(10, 3, 3, [score(0.5)])],
    };
    expect(buildBenchmarkCharts([run], 'step')[0]?.rows.map((r) => r.x)).toEqual([10]);
    expect(buildBenchmarkCharts([{ runId: 'e', evals: [] }], 'step')).toEqual([]);
    expect(maxX([])).toBe(0);
  });

  it('gives each run a top-1 and a top-5 series of held-out token accuracy', () => {
    const rows = buildTokenAccuracyRows([runA, runB], 'step');
    expect(rows.map((r) => r.x)).toEqual([0, 50, 100, 200]);
    expect(rows[0]?.values).toEqual({
      [tokenAccuracyKey('a', 1)]: 0.5,
      [tokenAccuracyKey('a', 5)]: 0.9,
      [tokenAccuracyKey('b', 1)]: 0.5,
      [tokenAccuracyKey('b', 5)]: 0.9,
    });
  });
});
