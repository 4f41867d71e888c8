/**
 * The latest numbers of a run, and whether a benchmark score beats guessing.
 */
import type { BenchmarkScore, EvalPoint } from '../../worker/protocol';

/** How a score compares with guessing. */
export type ChanceVerdict = 'above' | 'chance' | 'below';

/** Standard errors of guessing a score must clear to count as above (or below) chance. */
export const CHANCE_MARGIN_SIGMAS = 2;

/**
 * Compares an accuracy with chance, allowing for luck: with n items, guessing scores chance ±
 * sqrt(chance·(1−chance)/n); a score is above (below) chance when it is more than two of those
 * standard errors higher (lower). With 20 four-way items, above chance means ≥ 45%.
 */
export function chanceVerdict(
  score: Pick<BenchmarkScore, 'accuracy' | 'chance' | 'items'>,
): ChanceVerdict {
  const { accuracy, chance, items } = score;
  if (!Number.isFinite(accuracy) || items <= 0) return 'chance';
  const margin = CHANCE_MARGIN_SIGMAS * Math.sqrt((chance * (1 - chance)) / items);
  if (accuracy > chance + margin) return 'above';
  if (accuracy < chance - margin) return 'below';
  return 'chance';
}

/** The latest evaluation of a run, if any. */
export function latestEval(evals: readonly EvalPoint[]): EvalPoint | undefined {
  return evals[evals.length - 1];
}

/** A benchmark's identity across evaluations and runs. */
export function benchmarkKey(score: Pick<BenchmarkScore, 'kind' | 'name'>): string {
  return `${score.kind}:${score.name}`;
}
