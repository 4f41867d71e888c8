/**
 * Splitting a token stream into train/validation and sampling training windows from it.
 */
import type { Rng } from '../shared/rng';
import { randomInt } from '../shared/rng';
import { VAL_FRACTION } from './curate/split';

/** A token stream split in two. */
export interface TokenSplit {
  train: Int32Array;
  val: Int32Array;
}

/** Splits tokens at `trainFraction` (nanoGPT's 90/10): the first part trains, the rest validates. */
export function splitTokens(tokens: Int32Array, trainFraction = 1 - VAL_FRACTION): TokenSplit {
  const cut = Math.floor(tokens.length * trainFraction);
  return { train: tokens.subarray(0, cut), val: tokens.subarray(cut) };
}

/**
 * Samples `batchSize` random windows of `windowSize` consecutive tokens.
 * Returns them row after row: shape [batchSize, windowSize].
 */
export function sampleWindows(
  tokens: Int32Array,
  batchSize: number,
  windowSize: number,
  rng: Rng,
): Int32Array {
  if (tokens.length < windowSize) {
    throw new Error(`Need at least ${windowSize} tokens to sample a window, got ${tokens.length}.`);
  }
  const out = new Int32Array(batchSize * windowSize);
  const starts = tokens.length - windowSize + 1;
  for (let b = 0; b < batchSize; b++) {
    const start = randomInt(rng, starts);
    out.set(tokens.subarray(start, start + windowSize), b * windowSize);
  }
  return out;
}
