/**
 * The loss of a batch under either objective: a forward pass with the objective's attention,
 * then the weighted cross-entropy over the positions that count.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, Objective } from '../config/config';
import type { AttentionKind } from './model/attention';
import { forward, weightedCrossEntropy } from './model/gpt';
import type { GptParams } from './model/params';
import type { Batch } from './objectives/batch';

/** Causal training uses causal attention; masked training sees the whole sequence. */
export function attentionFor(objective: Objective): AttentionKind {
  return objective === 'causal' ? 'causal' : 'bidirectional';
}

/** Mean loss of a batch. Call inside `tf.tidy` (or `tf.variableGrads`). */
export function batchLoss(
  params: GptParams,
  config: ModelConfig,
  objective: Objective,
  batch: Batch,
  dropoutSeed: number | null,
): tf.Scalar {
  const ids = tf.tensor2d(batch.inputs, [batch.batchSize, batch.blockSize], 'int32');
  const { logits } = forward(params, config, ids, {
    attention: attentionFor(objective),
    dropoutSeed,
  });
  const targets = tf.tensor1d(batch.targets, 'int32');
  const weights = tf.tensor1d(batch.weights, 'float32');
  return weightedCrossEntropy(logits, targets, weights);
}
