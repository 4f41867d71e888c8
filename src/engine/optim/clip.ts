/**
 * Global-norm gradient clipping, computed on the device (no readback).
 */
import * as tf from '@tensorflow/tfjs';
import { SUM_OF_SQUARES } from '../kernels/optimizer';

/**
 * The global L2 norm of a list of gradients. Summed with `sum(stack(...))`, not `addN`:
 * `tf.addN` of 8 or more tensors silently returns zeros on WebGPU.
 */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  if (tf.getBackend() === 'wasm') {
    // One pass over every gradient (kernels/optimizer.ts) instead of two kernels per gradient.
    const inputs = Object.fromEntries(grads.map((g, i) => [`g${i}`, g]));
    return tf.tidy(() => tf.sqrt(tf.engine().runKernel(SUM_OF_SQUARES, inputs) as tf.Scalar));
  }
  return tf.tidy(
    () => tf.sqrt(tf.sum(tf.stack(grads.map((g) => tf.sum(tf.square(g)))))) as tf.Scalar,
  );
}

/** The factor min(1, maxNorm / (norm + 1e-6)) that brings the global norm down to `maxNorm`. */
export function clipScale(norm: tf.Scalar, maxNorm: number): tf.Scalar {
  return tf.tidy(() => tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1));
}
