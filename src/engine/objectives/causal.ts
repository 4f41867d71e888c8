/**
 * Causal language modelling (GPT): predict token t+1 from tokens ≤ t, at every position.
 */
import type { Batch } from './batch';

/** Turns windows of blockSize+1 tokens into inputs (tokens 0…T-1) and targets (tokens 1…T). */
export function makeCausalBatch(windows: Int32Array, batchSize: number, blockSize: number): Batch {
  const n = batchSize * blockSize;
  const inputs = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let b = 0; b < batchSize; b++) {
    const row = windows.subarray(b * (blockSize + 1), (b + 1) * (blockSize + 1));
    inputs.set(row.subarray(0, blockSize), b * blockSize);
    targets.set(row.subarray(1), b * blockSize);
  }
  return { inputs, targets, weights: new Float32Array(n).fill(1), batchSize, blockSize };
}
