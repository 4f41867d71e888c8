/**
 * The comparison's numbers arranged for the chart and the tables: one row per step with a
 * column per curve, the final loss and accuracy per amount of task data, and forgetting.
 * Pure: unit-tested.
 */
import type { ComparisonCurve, ComparisonResult } from '../../worker/protocol';

/** The chart column of one curve, e.g. "finetune@0.1". */
export function curveKey(curve: Pick<ComparisonCurve, 'kind' | 'fraction'>): string {
  return `${curve.kind}@${curve.fraction}`;
}

/** One chart row: a step and the validation loss of each curve evaluated there. */
export type ComparisonRow = { step: number } & Record<string, number>;

/** Rows sorted by step, with a column per curve (missing where a curve has no point). */
export function comparisonRows(curves: readonly ComparisonCurve[]): ComparisonRow[] {
  const byStep = new Map<number, ComparisonRow>();
  for (const curve of curves) {
    const key = curveKey(curve);
    for (const { step, valLoss } of curve.points) {
      if (!Number.isFinite(valLoss)) continue;
      const row = byStep.get(step) ?? { step };
      row[key] = valLoss;
      byStep.set(step, row);
    }
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** The last validation loss of a curve, or null. */
export function finalLoss(curve: ComparisonCurve | undefined): number | null {
  const last = curve?.points[curve.points.length - 1];
  return last === undefined ? null : last.valLoss;
}

/** Fine-tune and scratch at the end, for one amount of task data. */
export interface FractionSummary {
  fraction: number;
  finetune: { loss: number | null; accuracy: number | null } | null;
  scratch: { loss: number | null; accuracy: number | null } | null;
}

/** One summary per fraction (in increasing order) from the curves finished so far. */
export function summarise(curves: readonly ComparisonCurve[]): FractionSummary[] {
  const fractions = [...new Set(curves.map((c) => c.fraction))].sort((a, b) => a - b);
  const end = (curve: ComparisonCurve | undefined) =>
    curve === undefined ? null : { loss: finalLoss(curve), accuracy: curve.taskAccuracy };
  return fractions.map((fraction) => ({
    fraction,
    finetune: end(curves.find((c) => c.fraction === fraction && c.kind === 'finetune')),
    scratch: end(curves.find((c) => c.fraction === fraction && c.kind === 'scratch')),
  }));
}

/** Base-corpus loss before and after fine-tuning, with the change, by increasing fraction. */
export function forgettingRows(
  result: Pick<ComparisonResult, 'forgetting'>,
): { fraction: number; before: number; after: number; change: number }[] {
  return [...result.forgetting]
    .sort((a, b) => a.fraction - b.fraction)
    .map((f) => ({ ...f, change: f.after - f.before }));
}

/** Colours per amount of task data (dark, medium, light blue-greens readable on a projector). */
const FRACTION_COLOURS = ['#b45309', '#7c3aed', '#2453d6', '#0f766e', '#be185d'];

/** The colour of the curves for the `index`-th fraction. */
export function fractionColour(index: number): string {
  return FRACTION_COLOURS[index % FRACTION_COLOURS.length] ?? '#334155';
}

/** `curves` with `curve` added, or replacing the partial curve of the same kind and fraction. */
export function upsertCurve(
  curves: readonly ComparisonCurve[],
  curve: ComparisonCurve,
): ComparisonCurve[] {
  const key = curveKey(curve);
  const index = curves.findIndex((c) => curveKey(c) === key);
  if (index === -1) return [...curves, curve];
  const next = curves.slice();
  next[index] = curve;
  return next;
}

/** How far a comparison is: runs finished (they carry the task accuracy) and the one training. */
export function comparisonProgress(curves: readonly ComparisonCurve[]): {
  finished: number;
  current: { kind: ComparisonCurve['kind']; fraction: number; step: number } | null;
} {
  const finished = curves.filter((c) => c.taskAccuracy !== null).length;
  const live = curves.find((c) => c.taskAccuracy === null);
  const step = live?.points[live.points.length - 1]?.step ?? 0;
  return {
    finished,
    current: live === undefined ? null : { kind: live.kind, fraction: live.fraction, step },
  };
}
