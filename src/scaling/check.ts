/**
 * Predict, then check: a bigger compute budget than the sweep's, the better of the largest swept
 * size and the next one up by the Chinchilla fit, and the loss the fit predicts for that exact N
 * and D, with a ±2σ spread from the fit's residuals. The run is then trained like the others.
 */
import { predictChinchilla, predictionSpread, predictPower } from './fit';
import type { PlannedRun } from './plan';
import { nonEmbeddingParameters, planRun, shapeForWidth, SWEEP_WIDTHS } from './plan';
import type { Prediction, SweepReport } from './report';
import { fittedRuns } from './report';

/** The check run and what the fit said of it beforehand. */
export interface CheckPlan {
  run: PlannedRun;
  predicted: Prediction;
  /** The budget asked for (C). */
  compute: number;
  /** Which fit made the prediction, in words. */
  basis: string;
}

/**
 * The widths a check run may use: the largest swept and the next one up. Smaller models would
 * need many more tokens for the same compute (a fit with a poor E can ask for a 100 M-token run
 * of the smallest model); these keep the check within a few times the largest run's time.
 */
function checkWidths(swept: readonly number[]): number[] {
  const largest = Math.max(...swept);
  const above = SWEEP_WIDTHS.find((w) => w > largest);
  return above === undefined ? [largest] : [largest, above];
}

/** Plans the check run at `multiple` × the largest compute swept; null without a fit. */
export function planCheck(report: SweepReport, multiple: number): CheckPlan | null {
  const runs = fittedRuns(report.runs);
  if (runs.length === 0 || !(multiple > 0)) return null;
  const compute = multiple * Math.max(...runs.map((r) => r.compute));
  const { spec, vocabSize } = report;
  const widths = checkWidths(runs.map((r) => r.width));
  const paramsOf = (w: number) =>
    nonEmbeddingParameters({ ...shapeForWidth(w, spec.blockSize), vocabSize });
  const plan = (
    width: number,
    basis: string,
    predict: (run: PlannedRun) => number,
    residualStd: number,
  ): CheckPlan => {
    const params = paramsOf(width);
    const run = planRun(spec, vocabSize, width, compute / (6 * params));
    const checked: PlannedRun = { ...run, id: `check-${run.id}`, label: `Check · ${run.label}` };
    const loss = predict(checked);
    return {
      run: checked,
      compute,
      basis,
      predicted: { loss, ...predictionSpread(loss, residualStd) },
    };
  };
  const { chinchilla, fit } = report;
  if (chinchilla) {
    // Of the two sizes, the one the fit expects to do better with this compute.
    const lossAt = (w: number) =>
      predictChinchilla(chinchilla, paramsOf(w), compute / (6 * paramsOf(w)));
    const width = widths.reduce((best, w) => (lossAt(w) < lossAt(best) ? w : best));
    return plan(
      width,
      'L(N, D), the Chinchilla fit',
      (r) => predictChinchilla(chinchilla, r.params, r.tokens),
      chinchilla.residualStd,
    );
  }
  if (fit) {
    return plan(
      Math.max(...runs.map((r) => r.width)),
      'L(C), the frontier fit',
      (r) => predictPower(fit, r.compute),
      fit.residualStd,
    );
  }
  return null;
}
