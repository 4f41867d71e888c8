/**
 * Exact readouts for interop checks, the same on every side of an export:
 * - `logProbsAfter`: natural-log probabilities of every token at one position (the next token
 *   after a causal prompt, or the [MASK] of a masked one), what `npm run predict` prints;
 * - `fixedValidationLoss`: the validation loss on fixed windows, as the exported `train.py`
 *   computes it (`--eval_only`), so a model continued with PyTorch can be checked here.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, Objective } from '../../config/config';
import { SPECIAL_IDS } from '../../tokenizer/tokenizer';
import { forward, weightedCrossEntropy } from '../model/gpt';
import type { GptParams } from '../model/params';
import { initParams, disposeParams, listParameters } from '../model/params';

/** Windows the fixed validation loss averages at most. */
export const FIXED_EVAL_WINDOWS = 64;

/** Under the masked objective, positions t with t % 7 == 3 of every window are masked and scored. */
const MASK_EVERY = 7;
const MASK_AT = 3;

/** Builds a model's parameters from named values (the engine's order and shapes). */
export function paramsFrom(
  model: ModelConfig,
  tensors: readonly { name: string; values: Float32Array }[],
): GptParams {
  const params = initParams(model, null);
  for (const p of listParameters(params)) {
    const found = tensors.find((t) => t.name === p.name);
    if (!found) {
      disposeParams(params);
      throw new Error(`No values for ${p.name}.`);
    }
    tf.tidy(() => p.variable.assign(tf.tensor(found.values, p.variable.shape)));
  }
  return params;
}

/**
 * The log-probabilities of every token at `position` of `ids` (0-based; the last position for a
 * causal next-token readout, the [MASK] position for a masked one).
 */
export async function logProbsAt(
  params: GptParams,
  model: ModelConfig,
  ids: Int32Array,
  objective: Objective,
  position: number,
): Promise<Float32Array> {
  const row = tf.tidy(() => {
    const input = tf.tensor2d(ids, [1, ids.length], 'int32');
    const { logits } = forward(params, model, input, {
      attention: objective === 'causal' ? 'causal' : 'bidirectional',
      dropoutSeed: null,
    });
    return tf.logSoftmax(tf.slice(logits, [position, 0], [1, model.vocabSize]));
  });
  const values = (await row.data()) as Float32Array;
  row.dispose();
  return values;
}

/**
 * The validation loss on fixed windows: window k is val[k·T … k·T+T), k < min(64, (len−1)/T).
 * Causal: mean cross-entropy of the next token over every position. Masked: positions with
 * t % 7 == 3 become [MASK] and only they are scored. Batches of `batchSize` windows; the sum is
 * kept in float64. Null when the data holds no whole window.
 */
export async function fixedValidationLoss(
  params: GptParams,
  model: ModelConfig,
  val: Int32Array,
  objective: Objective,
  batchSize: number,
): Promise<number | null> {
  const t = model.blockSize;
  const windows = Math.min(FIXED_EVAL_WINDOWS, Math.floor((val.length - 1) / t));
  if (windows < 1) return null;
  let total = 0;
  let count = 0;
  for (let first = 0; first < windows; first += batchSize) {
    const b = Math.min(batchSize, windows - first);
    const inputs = new Int32Array(b * t);
    const targets = new Int32Array(b * t);
    const weights = new Float32Array(b * t);
    for (let w = 0; w < b; w++) {
      const start = (first + w) * t;
      for (let i = 0; i < t; i++) {
        const at = w * t + i;
        if (objective === 'causal') {
          inputs[at] = val[start + i] ?? 0;
          targets[at] = val[start + i + 1] ?? 0;
          weights[at] = 1;
        } else {
          const scored = i % MASK_EVERY === MASK_AT;
          inputs[at] = scored ? SPECIAL_IDS.mask : (val[start + i] ?? 0);
          targets[at] = val[start + i] ?? 0;
          weights[at] = scored ? 1 : 0;
        }
      }
    }
    const scored = weights.reduce((a, w) => a + w, 0);
    const loss = tf.tidy(() => {
      const { logits } = forward(params, model, tf.tensor2d(inputs, [b, t], 'int32'), {
        attention: objective === 'causal' ? 'causal' : 'bidirectional',
        dropoutSeed: null,
      });
      return weightedCrossEntropy(logits, tf.tensor1d(targets, 'int32'), tf.tensor1d(weights));
    });
    const [value = NaN] = await loss.data();
    loss.dispose();
    total += value * scored;
    count += scored;
  }
  return total / count;
}
