/**
 * Masked language modelling (BERT): choose `maskRatio` of the positions; of those, 80% are
 * replaced by [MASK], 10% by a random ordinary token and 10% left unchanged. The model sees
 * the whole corrupted sequence (bidirectional attention) and is scored on the chosen positions only.
 */
import type { Rng } from '../../shared/rng';
import { randomInt } from '../../shared/rng';
import type { Batch } from './batch';

/** What masking needs to know about the vocabulary. */
export interface MaskingVocab {
  /** Id of the [MASK] token. */
  maskId: number;
  /** Random replacements are drawn from [firstRegularId, vocabSize): never a special token. */
  firstRegularId: number;
  vocabSize: number;
}

/**
 * Builds a masked batch from windows of blockSize+1 tokens (the last token of each window is
 * unused, so both objectives sample the same windows). Each position is chosen independently
 * with probability `maskRatio`; a row with none chosen gets one, so every row carries loss.
 */
export function makeMaskedBatch(
  windows: Int32Array,
  batchSize: number,
  blockSize: number,
  maskRatio: number,
  vocab: MaskingVocab,
  rng: Rng,
): Batch {
  const n = batchSize * blockSize;
  const inputs = new Int32Array(n);
  const targets = new Int32Array(n);
  const weights = new Float32Array(n);
  const regularCount = vocab.vocabSize - vocab.firstRegularId;
  for (let b = 0; b < batchSize; b++) {
    const row = windows.subarray(b * (blockSize + 1), b * (blockSize + 1) + blockSize);
    const offset = b * blockSize;
    targets.set(row, offset);
    inputs.set(row, offset);
    let chosen = 0;
    for (let t = 0; t < blockSize; t++) {
      if (rng.next() < maskRatio) {
        weights[offset + t] = 1;
        chosen++;
      }
    }
    if (chosen === 0) weights[offset + randomInt(rng, blockSize)] = 1;
    for (let t = 0; t < blockSize; t++) {
      if (weights[offset + t] === 0) continue;
      const r = rng.next();
      if (r < 0.8) inputs[offset + t] = vocab.maskId;
      else if (r < 0.9 && regularCount > 0) {
        inputs[offset + t] = vocab.firstRegularId + randomInt(rng, regularCount);
      }
    }
  }
  return { inputs, targets, weights, batchSize, blockSize };
}
