/**
 * The fixed evaluation batches: drawn once from a split with their own seeded streams, so every
 * evaluation of a run reads the same windows (and, for masked runs, the same masks) and its
 * points are comparable. The streams match `TrainingSession`'s.
 */
import type { ModelConfig, TrainingConfig } from '../../config/config';
import { sampleWindows } from '../../data/batcher';
import { createRng, deriveSeed } from '../../shared/rng';
import type { Batch } from '../objectives/batch';
import { makeBatch } from '../objectives/make';

/** Builds `training.evalIters` batches from one split, the same ones for the same seed. */
export function makeEvaluationBatches(
  tokens: Int32Array,
  split: 'train' | 'val',
  model: ModelConfig,
  training: TrainingConfig,
): Batch[] {
  const seed = deriveSeed(training.seed, `eval-${split}`);
  const rng = createRng(seed);
  const maskRng = createRng(deriveSeed(seed, 'masking'));
  const batches: Batch[] = [];
  for (let i = 0; i < training.evalIters; i++) {
    const windows = sampleWindows(tokens, training.batchSize, model.blockSize + 1, rng);
    batches.push(makeBatch(windows, model, training, maskRng));
  }
  return batches;
}
