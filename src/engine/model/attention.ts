/**
 * Multi-head self-attention. Causal attention adds a lower-triangular mask so position t sees
 * only positions ≤ t (GPT); bidirectional attention sees the whole sequence (BERT). Same weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { BlockParams } from './params';
import { batchMatMul, linear } from './layers';

/** Attention with or without the causal mask. */
export type AttentionKind = 'causal' | 'bidirectional';

/** Shape information for one attention call. */
export interface AttentionShape {
  batchSize: number;
  seqLen: number;
  nHead: number;
  nEmbd: number;
}

/** Additive mask [T, T]: 0 where attention is allowed, -1e9 where it is not (above the diagonal). */
export function causalMaskBias(seqLen: number): tf.Tensor2D {
  return tf.tidy(() => {
    const allowed = tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0);
    return tf.mul(tf.sub(1, allowed), -1e9) as tf.Tensor2D;
  });
}

/**
 * Self-attention on x [B·T, C]. `maskBias` is the causal bias (or null for bidirectional).
 * Returns the output [B·T, C] and the attention probabilities [B, nHead, T, T].
 */
export function selfAttention(
  x: tf.Tensor2D,
  block: BlockParams,
  shape: AttentionShape,
  maskBias: tf.Tensor2D | null,
): { output: tf.Tensor2D; probs: tf.Tensor4D } {
  const { batchSize: b, seqLen: t, nHead: h, nEmbd: c } = shape;
  const headSize = c / h;
  const qkv = linear(x, block.attnWeight, block.attnBias); // [B·T, 3C]
  const [q, k, v] = tf.split(qkv, 3, 1).map(
    (part) => tf.transpose(tf.reshape(part, [b, t, h, headSize]), [0, 2, 1, 3]), // [B, H, T, hs]
  ) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  let scores = tf.mul(batchMatMul(q, k, true), 1 / Math.sqrt(headSize)) as tf.Tensor4D; // [B, H, T, T]
  if (maskBias) scores = tf.add(scores, maskBias);
  const probs = tf.softmax(scores, -1);
  const y = batchMatMul(probs, v); // [B, H, T, hs]
  const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [b * t, c]) as tf.Tensor2D; // [B·T, C]
  return { output: linear(merged, block.attnProjWeight, block.attnProjBias), probs };
}
