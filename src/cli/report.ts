/**
 * What `npm run train` prints at each evaluation: the text line, and the fields of the --json
 * line (with bits per character from the engine's one definition).
 */
import { bitsPerChar } from '../engine/evaluate/metrics';
import type { EvaluationReport } from '../engine/run-evaluation';
import type { PreparedData } from './data';

/** The numbers every evaluation line carries. */
export interface EvaluationPoint {
  step: number;
  trainLoss: number;
  valLoss: number;
  /** Training throughput so far; null at step 0. */
  tokensPerSec: number | null;
  /** Workers sharing each batch (`--workers`): this thread and its helper threads. */
  workers: number;
}

/** One evaluation as printed: the --json line's fields, and the line without --json. */
export interface EvaluationOutput {
  fields: Record<string, number | null>;
  text: string;
}

/** The plain line: step, losses and speed. */
export function formatLine(point: EvaluationPoint): string {
  const speed = point.tokensPerSec === null ? '—' : `${Math.round(point.tokensPerSec)}`;
  return `step ${point.step}: train loss ${point.trainLoss.toFixed(4)}, val loss ${point.valLoss.toFixed(4)}, ${speed} tokens/s`;
}

/** The evaluation stage's numbers as flat JSON fields (benchmarks by kind). */
export function evaluationMetrics(report: EvaluationReport): Record<string, number | null> {
  const metrics: Record<string, number | null> = {
    valPerplexity: report.valPerplexity,
    valBitsPerChar: report.valBitsPerChar,
    valTop1: report.valTop1,
    valTop5: report.valTop5,
  };
  for (const b of report.benchmarks) {
    const key = b.kind === 'cloze' ? 'cloze' : 'multipleChoice';
    metrics[`${key}Accuracy`] = b.accuracy;
    metrics[`${key}Chance`] = b.chance;
  }
  return metrics;
}

/**
 * What to print for one evaluation: with --eval, the evaluation stage's metrics (`report`);
 * otherwise, when a data option was given (`describeData`), validation bits per character.
 */
export function evaluationOutput(
  point: EvaluationPoint,
  prepared: Pick<PreparedData, 'split' | 'valChars'>,
  describeData: boolean,
  report: EvaluationReport | null,
): EvaluationOutput {
  if (report) {
    const metrics = evaluationMetrics(report);
    const listed = Object.entries(metrics)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(3) : String(v)}`)
      .join(', ');
    return { fields: { ...point, ...metrics }, text: `${formatLine(point)}; ${listed}` };
  }
  if (!describeData) return { fields: { ...point }, text: formatLine(point) };
  const valBitsPerChar = bitsPerChar(point.valLoss, prepared.split.val.length, prepared.valChars);
  return {
    fields: { ...point, valBitsPerChar },
    text: `${formatLine(point)}, val ${valBitsPerChar.toFixed(3)} bits/char`,
  };
}
