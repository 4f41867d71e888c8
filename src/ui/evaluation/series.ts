/**
 * Turning runs' evaluations into what the accuracy charts draw: one row per x value, holding
 * each run's value there, plus what the hover shows (the benchmark's items at that point).
 * Plain functions with no React, so they are cheap to memoise and easy to test.
 */
import type { BenchmarkItemView, EvalPoint } from '../../worker/protocol';
import { benchmarkKey } from './scores';
import type { EvaluationXAxis } from './types';

/** The runs' data the charts need. */
export interface SeriesRun {
  runId: string;
  evals: readonly EvalPoint[];
}

/** One run's benchmark score at one evaluation, with what the hover shows. */
export interface BenchmarkPointDetail {
  step: number;
  tokensSeen: number;
  accuracy: number;
  chance: number;
  items: number;
  examples: readonly BenchmarkItemView[];
}

/** One x value of a chart: the value of each series there (absent where it has no point). */
export interface ChartRow<Detail = unknown> {
  x: number;
  /** Series key → y value. */
  values: Record<string, number>;
  /** Series key → what the hover shows. */
  details: Record<string, Detail>;
}

/** One benchmark's curves for every run. */
export interface BenchmarkChartData {
  key: string;
  kind: 'multiple-choice' | 'cloze';
  name: string;
  /** Rows in x order; series keys are run ids. */
  rows: ChartRow<BenchmarkPointDetail>[];
  /** The distinct chance levels of the runs' latest points (usually one). */
  chances: number[];
}

function xOf(point: { step: number; tokensSeen: number }, xAxis: EvaluationXAxis): number {
  return xAxis === 'step' ? point.step : point.tokensSeen;
}

/** Collects values into rows by x, in x order. */
class RowBuilder<Detail> {
  private readonly rows = new Map<number, ChartRow<Detail>>();

  add(x: number, series: string, value: number, detail: Detail): void {
    if (!Number.isFinite(x) || !Number.isFinite(value)) return;
    let row = this.rows.get(x);
    if (row === undefined) {
      row = { x, values: {}, details: {} };
      this.rows.set(x, row);
    }
    row.values[series] = value;
    row.details[series] = detail;
  }

  build(): ChartRow<Detail>[] {
    return [...this.rows.values()].sort((a, b) => a.x - b.x);
  }
}

/**
 * One chart per benchmark (in the order they first appear), each with a curve per run of its
 * accuracy against steps or tokens seen.
 */
export function buildBenchmarkCharts(
  runs: readonly SeriesRun[],
  xAxis: EvaluationXAxis,
): BenchmarkChartData[] {
  const charts = new Map<
    string,
    {
      kind: BenchmarkChartData['kind'];
      name: string;
      rows: RowBuilder<BenchmarkPointDetail>;
      chances: Set<number>;
    }
  >();
  for (const run of runs) {
    const latestChance = new Map<string, number>();
    for (const evaluation of run.evals) {
      for (const score of evaluation.benchmarks) {
        const key = benchmarkKey(score);
        let chart = charts.get(key);
        if (chart === undefined) {
          chart = {
            kind: score.kind,
            name: score.name,
            rows: new RowBuilder(),
            chances: new Set(),
          };
          charts.set(key, chart);
        }
        chart.rows.add(xOf(evaluation, xAxis), run.runId, score.accuracy, {
          step: evaluation.step,
          tokensSeen: evaluation.tokensSeen,
          accuracy: score.accuracy,
          chance: score.chance,
          items: score.items,
          examples: score.examples,
        });
        latestChance.set(key, score.chance);
      }
    }
    for (const [key, chance] of latestChance) {
      // Rounded, so float noise in the mean of 1/candidates does not draw two lines.
      charts.get(key)?.chances.add(Math.round(chance * 1e6) / 1e6);
    }
  }
  return [...charts].map(([key, chart]) => ({
    key,
    kind: chart.kind,
    name: chart.name,
    rows: chart.rows.build(),
    chances: [...chart.chances].sort((a, b) => a - b),
  }));
}

/** One run's top-1 and top-5 accuracy on held-out text at one evaluation. */
export interface TokenAccuracyDetail {
  step: number;
  tokensSeen: number;
  top1: number;
  top5: number;
}

/** The series key of a run's top-1 or top-5 curve. */
export function tokenAccuracyKey(runId: string, top: 1 | 5): string {
  return `${runId}:top${top}`;
}

/** Rows of every run's top-1 and top-5 held-out token accuracy (keys from `tokenAccuracyKey`). */
export function buildTokenAccuracyRows(
  runs: readonly SeriesRun[],
  xAxis: EvaluationXAxis,
): ChartRow<TokenAccuracyDetail>[] {
  const rows = new RowBuilder<TokenAccuracyDetail>();
  for (const run of runs) {
    for (const e of run.evals) {
      const detail = { step: e.step, tokensSeen: e.tokensSeen, top1: e.valTop1, top5: e.valTop5 };
      rows.add(xOf(e, xAxis), tokenAccuracyKey(run.runId, 1), e.valTop1, detail);
      rows.add(xOf(e, xAxis), tokenAccuracyKey(run.runId, 5), e.valTop5, detail);
    }
  }
  return rows.build();
}

/** The largest x of any row (0 when there are none). */
export function maxX(rows: readonly ChartRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.x), 0);
}
