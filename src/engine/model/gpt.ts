/**
 * The GPT forward pass: token + position embeddings, nLayer pre-LayerNorm blocks
 * (x = x + attn(ln1(x)); x = x + mlp(ln2(x))), a final LayerNorm, and a head tied to the
 * token embedding. The same weights run causally (GPT) or bidirectionally (BERT).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../config/config';
import type { AttentionKind } from './attention';
import { causalMaskBias, selfAttention } from './attention';
import { embed, gelu, layerNorm, linear, matMul, maybeDropout, oneHotFloat } from './layers';
import type { BlockParams, GptParams } from './params';

/** Options for one forward pass. */
export interface ForwardOptions {
  attention: AttentionKind;
  /** Seed for dropout while training; null runs in evaluation mode (no dropout). */
  dropoutSeed: number | null;
  /** Keep each layer's attention probabilities [B, nHead, T, T] (for the heatmap). */
  keepAttention?: boolean;
}

/** Output of a forward pass. */
export interface ForwardResult {
  /** Unnormalised next-token (or fill-in) scores. [B·T, vocabSize] */
  logits: tf.Tensor2D;
  /** Per layer, when asked for: [B, nHead, T, T]. */
  attention: tf.Tensor4D[];
}

function mlp(x: tf.Tensor2D, block: BlockParams): tf.Tensor2D {
  const hidden = gelu(linear(x, block.fcWeight, block.fcBias)); // [B·T, 4C]
  return linear(hidden, block.mlpProjWeight, block.mlpProjBias); // [B·T, C]
}

/** Runs the model on ids [B, T] (row after row, T ≤ blockSize). Call inside `tf.tidy`. */
export function forward(
  params: GptParams,
  config: ModelConfig,
  ids: tf.Tensor2D,
  options: ForwardOptions,
): ForwardResult {
  const [b = 0, t = 0] = ids.shape;
  const c = config.nEmbd;
  const shape = { batchSize: b, seqLen: t, nHead: config.nHead, nEmbd: c };
  const maskBias = options.attention === 'causal' ? causalMaskBias(t) : null;
  const rate = config.dropout;
  let seed = options.dropoutSeed;
  const nextSeed = (): number | null => (seed === null ? null : seed++);

  const tokens = embed(tf.reshape(ids, [b * t]) as tf.Tensor1D, params.wte); // [B·T, C]
  const positions = tf.slice(params.wpe, [0, 0], [t, c]); // [T, C]
  let x = tf.reshape(tf.add(tf.reshape(tokens, [b, t, c]), positions), [b * t, c]) as tf.Tensor2D;
  x = maybeDropout(x, rate, nextSeed());

  const attention: tf.Tensor4D[] = [];
  for (const block of params.blocks) {
    const attn = selfAttention(layerNorm(x, block.ln1Gain, block.ln1Bias), block, shape, maskBias);
    if (options.keepAttention) attention.push(attn.probs);
    x = tf.add(x, maybeDropout(attn.output, rate, nextSeed()));
    x = tf.add(
      x,
      maybeDropout(mlp(layerNorm(x, block.ln2Gain, block.ln2Bias), block), rate, nextSeed()),
    );
  }
  x = layerNorm(x, params.lnFGain, params.lnFBias);
  const logits = matMul(x, params.wte, true); // [B·T, vocabSize]
  return { logits, attention };
}

/**
 * Weighted mean cross-entropy: Σ wᵢ · −log softmax(logitsᵢ)[targetᵢ] / Σ wᵢ.
 * Causal batches weigh every position 1; masked batches weigh only the chosen positions.
 */
export function weightedCrossEntropy(
  logits: tf.Tensor2D,
  targets: tf.Tensor1D,
  weights: tf.Tensor1D,
): tf.Scalar {
  const vocabSize = logits.shape[1];
  const logProbs = tf.logSoftmax(logits); // [N, V]
  const picked = tf.sum(tf.mul(logProbs, oneHotFloat(targets, vocabSize)), 1); // [N]
  return tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), tf.sum(weights));
}
