/** Evaluation points for the evaluation panel's unit tests. */
import type { BenchmarkScore, EvalPoint } from '../../src/worker/protocol';

/** A benchmark score with a given accuracy (4-way, 20 items, one example). */
export function score(
  accuracy: number,
  kind: BenchmarkScore['kind'] = 'multiple-choice',
  name = kind === 'cloze' ? 'Cloze (4 words)' : 'Multiple choice (4 continuations)',
): BenchmarkScore {
  return {
    kind,
    name,
    accuracy,
    chance: 0.25,
    items: 20,
    examples: [
      {
        before: 'the cat sat on the ',
        after: '',
        candidates: ['mat', 'log'],
        answer: 0,
        chosen: 0,
      },
    ],
  };
}

/** An evaluation at `step` (32 tokens per step) with the given losses and benchmark scores. */
export function evalPoint(
  step: number,
  trainLoss: number,
  valLoss: number,
  benchmarks: BenchmarkScore[] = [],
): EvalPoint {
  return {
    step,
    tokensSeen: step * 32,
    trainLoss,
    valLoss,
    valPerplexity: Math.exp(valLoss),
    valBitsPerChar: valLoss / Math.LN2,
    valTop1: 0.5,
    valTop5: 0.9,
    benchmarks,
  };
}
