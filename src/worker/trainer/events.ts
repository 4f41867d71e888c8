/**
 * Turns what the engine reports into protocol events: plain, small, serialisable objects.
 */
import type { BenchmarkResult } from '../../data/benchmarks/types';
import type { RunProgress } from '../../engine/run';
import type { BenchmarkScore, EvalPoint, WorkerEvent } from '../protocol';

/** Items shown per benchmark on hover. */
const EXAMPLES_PER_BENCHMARK = 4;

/** A benchmark result as the UI shows it: the score and a few items with the model's answer. */
export function toBenchmarkScore(result: BenchmarkResult): BenchmarkScore {
  return {
    kind: result.kind,
    name: result.name,
    accuracy: result.accuracy,
    chance: result.chance,
    items: result.items.length,
    examples: result.items.slice(0, EXAMPLES_PER_BENCHMARK).map(({ item, chosen }) => ({
      before: item.before,
      after: item.after,
      candidates: item.candidates,
      answer: item.answer,
      chosen,
    })),
  };
}

/** A run's progress as a `metrics` event body. */
export function toMetrics(
  progress: RunProgress,
): Omit<Extract<WorkerEvent, { type: 'metrics' }>, 'type' | 'runId'> {
  const evals: EvalPoint[] = progress.evals.map((e) => ({
    step: e.step,
    tokensSeen: e.tokensSeen,
    trainLoss: e.trainLoss,
    valLoss: e.valLoss,
    valPerplexity: e.valPerplexity,
    valBitsPerChar: e.valBitsPerChar,
    valTop1: e.valTop1,
    valTop5: e.valTop5,
    benchmarks: e.benchmarks.map(toBenchmarkScore),
  }));
  return {
    steps: progress.steps,
    evals,
    samples: progress.samples,
    tokensPerSec: progress.tokensPerSec,
    elapsedMs: progress.elapsedMs,
    memory: progress.memory,
    workers: progress.workers,
  };
}
