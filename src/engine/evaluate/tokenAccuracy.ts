/**
 * Token-level evaluation on fixed batches, in one forward pass per batch: the mean loss and how
 * often the target is the model's first choice (top-1) or among its first five (top-5), at every
 * position the batch weighs. Causal batches give next-token accuracy; masked batches give fill-in
 * accuracy on the chosen positions. Everything is reduced on the device and read back in one
 * asynchronous transfer for all batches.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, Objective } from '../../config/config';
import { FIRST_REGULAR_ID } from '../../tokenizer/tokenizer';
import { attentionFor } from '../loss';
import { forward } from '../model/gpt';
import { oneHotFloat } from '../model/layers';
import type { GptParams } from '../model/params';
import type { Batch } from '../objectives/batch';

/** Loss and accuracy over a set of batches. */
export interface TokenAccuracy {
  /** Mean cross-entropy per scored position (nats). */
  loss: number;
  /** Fraction of scored positions whose target has the highest score. */
  top1: number;
  /** Fraction of scored positions whose target is among the five highest scores. */
  top5: number;
  /** Number of scored positions (sum of the weights). */
  positions: number;
}

/** Per batch, on the device: [Σ w·loss, Σ w·top1, Σ w·top5, Σ w]. */
const STATS = 4;

/**
 * The target's rank among the ordinary tokens: how many of them score strictly higher than it
 * (ties count in the target's favour). Built from ops with kernels on every backend.
 */
function targetRanks(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const vocabSize = logits.shape[1];
  const targetLogit = tf.sum(tf.mul(logits, oneHotFloat(targets, vocabSize)), 1, true); // [N, 1]
  // step(x) = 1 for x > 0, else 0. (A broadcast `greater` is 25× slower on WASM.)
  const higher = tf.step(tf.sub(logits, targetLogit)); // [N, V]
  // Special tokens ([PAD], [MASK], [UNK]) are never answers: they do not take a rank.
  const regular = tf.concat([
    tf.zeros([FIRST_REGULAR_ID]),
    tf.ones([Math.max(0, vocabSize - FIRST_REGULAR_ID)]),
  ]); // [V]
  return tf.sum(tf.mul(higher, regular), 1); // [N]
}

/** Dispatches one batch; returns its four weighted sums as a device tensor [4]. */
function batchStats(
  params: GptParams,
  config: ModelConfig,
  objective: Objective,
  batch: Batch,
): tf.Tensor1D {
  return tf.tidy(() => {
    const ids = tf.tensor2d(batch.inputs, [batch.batchSize, batch.blockSize], 'int32');
    const { logits } = forward(params, config, ids, {
      attention: attentionFor(objective),
      dropoutSeed: null,
    }); // [B·T, V]
    const targets = tf.tensor1d(batch.targets, 'int32');
    const weights = tf.tensor1d(batch.weights, 'float32');
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), oneHotFloat(targets, config.vocabSize)), 1); // [B·T]
    const ranks = targetRanks(logits, targets);
    const top1 = tf.cast(tf.less(ranks, 1), 'float32');
    const top5 = tf.cast(tf.less(ranks, 5), 'float32');
    return tf.stack([
      tf.neg(tf.sum(tf.mul(picked, weights))),
      tf.sum(tf.mul(top1, weights)),
      tf.sum(tf.mul(top5, weights)),
      tf.sum(weights),
    ]) as tf.Tensor1D;
  });
}

/**
 * Loss and top-1/top-5 accuracy on several named sets of batches (e.g. train and validation),
 * read back in one transfer. Scored positions are pooled across a set's batches.
 */
export async function measureTokenAccuracySets<K extends string>(
  params: GptParams,
  config: ModelConfig,
  objective: Objective,
  sets: Readonly<Record<K, readonly Batch[]>>,
): Promise<Record<K, TokenAccuracy>> {
  const names = Object.keys(sets) as K[];
  const perBatch: tf.Tensor1D[] = [];
  try {
    for (const name of names) {
      for (const batch of sets[name]) perBatch.push(batchStats(params, config, objective, batch));
    }
  } catch (error) {
    tf.dispose(perBatch);
    throw error;
  }
  let values: Float32Array = new Float32Array(0);
  if (perBatch.length > 0) {
    const packed = tf.tidy(() => tf.stack(perBatch)); // [batches, 4]
    tf.dispose(perBatch);
    try {
      values = (await packed.data()) as Float32Array;
    } finally {
      packed.dispose();
    }
  }
  const result = {} as Record<K, TokenAccuracy>;
  let row = 0;
  for (const name of names) {
    const sums = [0, 0, 0, 0];
    for (let b = 0; b < sets[name].length; b++, row++) {
      for (let k = 0; k < STATS; k++) sums[k] = (sums[k] ?? 0) + (values[row * STATS + k] ?? NaN);
    }
    const [lossSum = NaN, top1Sum = NaN, top5Sum = NaN, weightSum = 0] = sums;
    result[name] = {
      loss: weightSum > 0 ? lossSum / weightSum : NaN,
      top1: weightSum > 0 ? top1Sum / weightSum : NaN,
      top5: weightSum > 0 ? top5Sum / weightSum : NaN,
      positions: weightSum,
    };
  }
  return result;
}

/** Loss and top-1/top-5 accuracy on one set of fixed batches, read back in one transfer. */
export async function measureTokenAccuracy(
  params: GptParams,
  config: ModelConfig,
  objective: Objective,
  batches: readonly Batch[],
): Promise<TokenAccuracy> {
  const { set } = await measureTokenAccuracySets(params, config, objective, { set: batches });
  return set;
}
