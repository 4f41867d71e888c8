/**
 * Builds a batch for a run's objective from sampled windows of blockSize+1 tokens.
 */
import type { ModelConfig, TrainingConfig } from '../../config/config';
import type { Rng } from '../../shared/rng';
import { FIRST_REGULAR_ID, SPECIAL_IDS } from '../../tokenizer/tokenizer';
import type { Batch } from './batch';
import { makeCausalBatch } from './causal';
import { makeMaskedBatch } from './masked';

/** Causal windows → inputs/targets; masked windows → corrupted inputs and chosen positions. */
export function makeBatch(
  windows: Int32Array,
  model: ModelConfig,
  training: TrainingConfig,
  maskRng: Rng,
): Batch {
  const { batchSize, objective, maskRatio } = training;
  if (objective === 'causal') return makeCausalBatch(windows, batchSize, model.blockSize);
  const vocab = {
    maskId: SPECIAL_IDS.mask,
    firstRegularId: FIRST_REGULAR_ID,
    vocabSize: model.vocabSize,
  };
  return makeMaskedBatch(windows, batchSize, model.blockSize, maskRatio, vocab, maskRng);
}
