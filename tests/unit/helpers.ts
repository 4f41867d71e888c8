/** Shared set-up for engine tests: a backend, tiny configs and a synthetic token stream. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ModelConfig, TrainingConfig } from '../../src/config/config';
import { DEFAULT_TRAINING } from '../../src/config/config';
import type { TokenSplit } from '../../src/data/batcher';
import { splitTokens } from '../../src/data/batcher';
import { CharTokenizer } from '../../src/tokenizer/char';

/** Switches tfjs to a backend (cpu is exact and simple; wasm is fast). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed`);
  await tf.ready();
}

/** A tiny model shape for fast tests. */
export function tinyModel(vocabSize: number, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return { vocabSize, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 32, dropout: 0, ...overrides };
}

/** Training settings for tests: small batches, short schedule. */
export function tinyTraining(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return {
    ...DEFAULT_TRAINING,
    batchSize: 8,
    maxIters: 300,
    warmupIters: 10,
    evalIters: 2,
    ...overrides,
  };
}

/** Some English text, its tokenizer and a 90/10 split. */
export function sampleData(): { tokenizer: CharTokenizer; split: TokenSplit } {
  const text =
    'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. '.repeat(
      8,
    );
  const tokenizer = CharTokenizer.fromText(text);
  return { tokenizer, split: splitTokens(tokenizer.encode(text)) };
}
