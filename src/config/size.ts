/**
 * Size of a model shape, computed without building it (the UI shows these next to the presets).
 */
import type { ModelConfig } from './config';

/** Number of trainable parameters (the head is tied to the token embedding, so counted once). */
export function countParameters(config: ModelConfig): number {
  const { vocabSize, blockSize, nLayer, nEmbd: c } = config;
  const layerNorms = 2 * (2 * c);
  const attention = 3 * c * c + 3 * c + (c * c + c);
  const mlp = 4 * c * c + 4 * c + (4 * c * c + c);
  return vocabSize * c + blockSize * c + nLayer * (layerNorms + attention + mlp) + 2 * c;
}

/**
 * Training FLOPs per token: 6 per parameter (forward + backward) plus attention's
 * 12 · nLayer · nEmbd · blockSize (the estimate nanoGPT and the PaLM paper use).
 */
export function trainingFlopsPerToken(config: ModelConfig): number {
  return 6 * countParameters(config) + 12 * config.nLayer * config.nEmbd * config.blockSize;
}
