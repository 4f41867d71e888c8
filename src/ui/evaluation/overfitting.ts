/**
 * Overfitting, for the UI: the verdict of `detectOverfitting` on a run's evaluations, the step
 * to mark on a loss chart, and the sentence that explains it.
 */
import type { OverfittingReport } from '../../data/overfitting';
import { detectOverfitting } from '../../data/overfitting';
import type { EvalPoint } from '../../worker/protocol';

/**
 * Reports cached per evaluation array: the store appends to a run's array in place, so the
 * cached report stays valid while the array keeps its length.
 */
const reportCache = new WeakMap<
  readonly EvalPoint[],
  { length: number; report: OverfittingReport }
>();

/** Whether a run's evaluations show overfitting (validation loss up while training loss falls). */
export function overfittingReport(evals: readonly EvalPoint[]): OverfittingReport {
  const cached = reportCache.get(evals);
  if (cached !== undefined && cached.length === evals.length) return cached.report;
  // The train loss here is measured on fixed training batches at each evaluation, so it is
  // comparable point to point, like the validation loss.
  const report = detectOverfitting(evals);
  reportCache.set(evals, { length: evals.length, report });
  return report;
}

/**
 * The step where overfitting began (the lowest validation loss before the rise), to draw as a
 * reference line on the loss chart; null when the run is not overfitting. Cheap to call on
 * every render: the verdict is cached per evaluation array and length.
 */
export function overfittingMarker(evals: readonly EvalPoint[]): { step: number } | null {
  const report = overfittingReport(evals);
  return report.overfitting && report.startStep !== null ? { step: report.startStep } : null;
}

/** What overfitting since `step` means and what to do about it, in one paragraph. */
export function overfittingMessage(step: number): string {
  return (
    `Validation loss has been rising since step ${step.toLocaleString('en')} while training ` +
    'loss keeps falling: the model is memorising the training text rather than learning what ' +
    'generalises. Stop here, use more data, a smaller model, or dropout.'
  );
}
