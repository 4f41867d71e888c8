/**
 * Data-parallel training across helpers (other workers, each with its own WASM backend on its
 * own core): every step, the batch is cut into shares by rows; each helper computes the
 * gradient of its share with the current weights while the session computes its own; the
 * session then averages the gradients, weighted by how many positions each share scores, and
 * takes the one optimiser step. The result is the gradient of the whole batch (the loss is a
 * weighted mean), up to floating-point rounding.
 *
 * On two cores, the nanoGPT recipe takes ~207 ms per step on one WASM thread, ~157 ms with
 * XNNPACK's two threads, and ~128 ms in two workers of half the batch each (Chromium,
 * measured before the exchange was added): every kernel runs on both cores, not only the large
 * products.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { AXPBY, type AxpbyAttrs } from './kernels/optimizer';
import type { NamedParameter } from './model/params';
import type { Batch } from './objectives/batch';

/** What a helper returns for its share of a step. */
export interface ShareGradients {
  /** Mean loss over the share's scored positions. */
  loss: number;
  /** Sum of the share's position weights (what its mean is over). */
  weight: number;
  /** The gradients of every trainable parameter, in order, one after another. */
  values: Float32Array;
}

/** Other workers that compute the gradients of shares of a batch. */
export interface GradientHelpers {
  /** How many helpers take a share; 0 until they have started. */
  readonly count: number;
  /**
   * Hands each helper the current values of `trainable` (and the frozen ones it reads) and its
   * share; returns at once.
   */
  start(
    params: readonly NamedParameter[],
    shares: readonly Batch[],
    dropoutSeed: number | null,
  ): void;
  /**
   * Waits for every helper's gradients, in the order of the shares; null if a helper failed or
   * stopped answering (the step then uses the session's own share, and the helpers are dropped).
   */
  collect(): ShareGradients[] | null;
  /** Stops the helpers. */
  dispose(): void;
}

/** The sum of a batch's position weights: how many positions its mean loss is over. */
export function batchWeight(batch: Batch): number {
  let total = 0;
  for (const w of batch.weights) total += w;
  return total;
}

/**
 * Cuts a batch into `parts` shares of consecutive rows, as equal as possible (the first shares
 * take one more row). Null when the batch has fewer rows than parts or a share would score no
 * position (its mean loss would be 0/0).
 */
export function splitBatch(batch: Batch, parts: number): Batch[] | null {
  if (parts < 1 || batch.batchSize < parts) return null;
  const shares: Batch[] = [];
  const { blockSize } = batch;
  let row = 0;
  for (let i = 0; i < parts; i++) {
    const rows = Math.floor(batch.batchSize / parts) + (i < batch.batchSize % parts ? 1 : 0);
    const from = row * blockSize;
    const to = (row + rows) * blockSize;
    const share: Batch = {
      inputs: batch.inputs.subarray(from, to),
      targets: batch.targets.subarray(from, to),
      weights: batch.weights.subarray(from, to),
      batchSize: rows,
      blockSize,
    };
    if (batchWeight(share) <= 0) return null;
    shares.push(share);
    row += rows;
  }
  return shares;
}

/**
 * A tensor's values without a copy where the backend allows it: a view of the WASM heap (valid
 * until the next allocation, which may grow the heap), else `dataSync` (a copy). Data-parallel
 * training runs on the WASM backend only, where reading is a memory copy, not a device sync.
 */
export function tensorValues(tensor: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') {
    return (tf.backend() as BackendWasm).typedArrayFromHeap(tensor) as Float32Array;
  }
  return tensor.dataSync() as Float32Array;
}

/** a·x + b·y: one vectorised pass on WASM (kernels/optimizer.ts, `AXPBY`). */
function weightedSum(x: tf.Tensor, a: number, y: tf.Tensor, b: number): tf.Tensor {
  if (tf.getBackend() !== 'wasm') return tf.add(tf.mul(x, a), tf.mul(y, b));
  const attrs: AxpbyAttrs = { a, b };
  return tf.engine().runKernel(AXPBY, { x, y }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/**
 * The weighted mean of the session's gradients (`own`, over `ownWeight` positions) and the
 * helpers' (`shares`, their gradients one after another in the order of `own`). Returns new
 * tensors; call inside `tf.tidy`.
 */
export function combineGradients(
  own: readonly tf.Tensor[],
  ownWeight: number,
  shares: readonly ShareGradients[],
): tf.Tensor[] {
  const total = shares.reduce((sum, s) => sum + s.weight, ownWeight);
  let offset = 0;
  return own.map((grad) => {
    const at = offset;
    offset += grad.size;
    return shares.reduce(
      (sum, share, i) =>
        weightedSum(
          sum,
          i === 0 ? ownWeight / total : 1,
          tf.tensor(share.values.subarray(at, at + grad.size), grad.shape),
          share.weight / total,
        ),
      grad,
    );
  });
}

/** The weighted mean of the session's loss (a device scalar) and the helpers' losses. */
export function combineLoss(
  own: tf.Scalar,
  ownWeight: number,
  shares: readonly ShareGradients[],
): tf.Scalar {
  const total = shares.reduce((sum, s) => sum + s.weight, ownWeight);
  const others = shares.reduce((sum, s) => sum + (s.loss * s.weight) / total, 0);
  return tf.add(tf.mul(own, ownWeight / total), others);
}
