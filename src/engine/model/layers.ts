/**
 * The small building blocks of the transformer, written with ops that have a gradient on every
 * tfjs backend (WebGPU, WebGL, WASM, CPU).
 */
import * as tf from '@tensorflow/tfjs';
import { LAYER_NORM, LAYER_NORM_GRAD, layerNormKernelFits } from '../kernels/layernorm';
import { SPLIT_BATCH_MATMUL } from '../kernels/matmul';
import { installWasmKernels } from '../kernels/wasm';

installWasmKernels();

/** Swaps the last two axes: [..., m, n] → [..., n, m]. */
function transposeLastTwo(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  const last = perm.length - 1;
  [perm[last - 1], perm[last]] = [last, last - 1];
  return tf.transpose(t, perm);
}

/**
 * a·b whose gradients (dy·bᵀ and aᵀ·dy) transpose explicitly before multiplying. The WASM
 * backend's BatchMatMul with a transposed operand is 10–20× slower than a transpose followed by
 * a plain matmul (measured at [768,128]ᵀ·[768,512]: 92 ms vs 4 ms), and tfjs's own matMul
 * gradient uses transposed operands.
 */
const plainMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedA, savedB] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy, transposeLastTwo(savedB)), tf.matMul(transposeLastTwo(savedA), dy)];
    },
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** Matrix (or batched matrix) product a·b, or a·bᵀ when `transposeB`, fast on every backend. */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor, transposeB = false): T {
  return plainMatMul(a, transposeB ? transposeLastTwo(b) : b) as T;
}

/** a [..., m, k] · b [..., k, n] with the WASM kernel `SPLIT_BATCH_MATMUL`; same leading axes. */
function splitProducts(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const lead = a.shape.slice(0, -2);
  const [m = 0, k = 0] = a.shape.slice(-2);
  const [, n = 0] = b.shape.slice(-2);
  const product = tf.engine().runKernel(SPLIT_BATCH_MATMUL, {
    a: tf.reshape(a, [-1, m, k]),
    b: tf.reshape(b, [-1, k, n]),
  }) as tf.Tensor;
  return tf.reshape(product, [...lead, m, n]);
}

/**
 * a [..., m, k] · b [..., k, n] as one plain product per matrix, forward and backward (see
 * `SPLIT_BATCH_MATMUL`). The gradients transpose whole batches at once, one kernel each.
 */
const splitBatchMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: splitProducts(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedA, savedB] = saved as [tf.Tensor, tf.Tensor];
      return [
        splitProducts(dy, transposeLastTwo(savedB)),
        splitProducts(transposeLastTwo(savedA), dy),
      ];
    },
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * A batch of matrix products over the leading axes: a [..., m, k] · b [..., k, n], or bᵀ when
 * `transposeB`. Split into plain products on WASM (see `splitBatchMatMul`); native elsewhere.
 */
export function batchMatMul<T extends tf.Tensor>(a: T, b: tf.Tensor, transposeB = false): T {
  if (tf.getBackend() !== 'wasm' || a.rank <= 2) return matMul(a, b, transposeB);
  return splitBatchMatMul(a, transposeB ? transposeLastTwo(b) : b) as T;
}

/**
 * Σ over the rows of dy [N, C] → [C] (a bias gradient), as one XNNPACK product 1ᵀ·dy: ~0.04 ms
 * for [384, 512] against 0.47 ms for a single JavaScript pass, and more for the backend's own
 * sum over a leading axis, which transposes first.
 */
function columnSum(dy: tf.Tensor): tf.Tensor {
  const rows = dy.shape[0] ?? 1;
  return tf.tidy(() => tf.reshape(tf.matMul(tf.ones([1, rows]), dy as tf.Tensor2D), [-1]));
}

/** x·W + b for x of shape [N, in], W [in, out], b [out]. */
export function linear(x: tf.Tensor2D, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  if (tf.getBackend() === 'wasm') return fusedLinear(x, weight, bias) as tf.Tensor2D;
  return tf.add(matMul(x, weight), bias);
}

/**
 * x·W + b on WASM: the bias is added inside XNNPACK's product (tfjs's fused matMul), and its
 * gradient is one product 1ᵀ·dy (`columnSum`) rather than a transpose and a reduction.
 */
const fusedLinear = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, weight, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, weight]);
  return {
    value: tf.fused.matMul({ a: x as tf.Tensor2D, b: weight as tf.Tensor2D, bias }),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedW] = saved as [tf.Tensor, tf.Tensor];
      return [
        tf.matMul(dy, transposeLastTwo(savedW)),
        tf.matMul(transposeLastTwo(savedX), dy),
        columnSum(dy),
      ];
    },
  };
}) as (x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) => tf.Tensor;

const LAYER_NORM_EPSILON = 1e-5;

/** LayerNorm's gradient from the saved x̂, 1/σ and gain: one pass (`LAYER_NORM_GRAD`). */
function layerNormGradient(dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] {
  const [n, s, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
  return tf
    .engine()
    .runKernel(LAYER_NORM_GRAD, { dy, normalised: n, inverseStd: s, gain: g }) as tf.Tensor[];
}

/**
 * LayerNorm on WASM: x̂, 1/σ and y in one vectorised pass per row (kernels/layernorm.ts,
 * `LAYER_NORM`, ~0.03 ms for [384, 128]); without WASM SIMD, the row means are products with a
 * column of 1/C (XNNPACK) and the rest element-wise kernels (0.20 ms; a JavaScript pass took
 * 0.37). Backward: one pass (`LAYER_NORM_GRAD`) from the saved x̂ and 1/σ.
 */
const fusedLayerNorm = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, gain, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const width = x.shape[x.shape.length - 1] ?? 1;
  if (layerNormKernelFits(width)) {
    const [y, normalised, inverseStd] = tf
      .engine()
      .runKernel(LAYER_NORM, { x, gain, bias }, { epsilon: LAYER_NORM_EPSILON }) as tf.Tensor[];
    save([normalised as tf.Tensor, inverseStd as tf.Tensor, gain]);
    return { value: y as tf.Tensor, gradFunc: layerNormGradient };
  }
  const meanOf = tf.fill([width, 1], 1 / width);
  const centred = tf.sub(x, tf.matMul(x as tf.Tensor2D, meanOf));
  const variance = tf.matMul(tf.square(centred) as tf.Tensor2D, meanOf);
  const inverseStd = tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON));
  const normalised = tf.mul(centred, inverseStd);
  save([normalised, tf.reshape(inverseStd, [-1]), gain]);
  return {
    value: tf.add(tf.mul(normalised, gain), bias),
    gradFunc: layerNormGradient,
  };
}) as (x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor) => tf.Tensor;

/** LayerNorm over the last axis (ε = 1e-5, as PyTorch). */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  if (tf.getBackend() === 'wasm') return fusedLayerNorm(x, gain, bias) as tf.Tensor2D;
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(
    tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON))), gain),
    bias,
  );
}

const GELU_SCALE = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/**
 * GELU, tanh approximation (GPT-2's): 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³).
 * Since 0.5·(1 + tanh(u)) = sigmoid(2u), it is x·s with s = sigmoid(2u), and its derivative is
 * s + x·s·(1 − s)·2u′ with u′ = √(2/π)·(1 + 3·0.044715·x²). WASM's sigmoid is vectorised (its
 * tanh is not: 5 ms against 1 ms on 400k values). Single-pass JavaScript kernels for 2u and the
 * gradient measured no faster on WASM than these vectorised element-wise kernels.
 */
const geluWithGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const twiceInner = tf.mul(tf.mul(x, tf.add(tf.mul(tf.square(x), GELU_CUBIC), 1)), 2 * GELU_SCALE);
  const gate = tf.sigmoid(twiceInner);
  save([x, gate]);
  return {
    value: tf.mul(x, gate),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sGate] = saved as [tf.Tensor, tf.Tensor];
      const slope = tf.mul(tf.add(tf.mul(tf.square(sx), 3 * GELU_CUBIC), 1), 2 * GELU_SCALE);
      const spread = tf.mul(tf.mul(sx, tf.mul(sGate, tf.sub(1, sGate))), slope);
      return [tf.mul(dy, tf.add(sGate, spread))];
    },
  };
}) as (x: tf.Tensor) => tf.Tensor;

/** GELU, tanh approximation (GPT-2's); see `geluWithGrad`. */
export function gelu<T extends tf.Tensor>(x: T): T {
  return geluWithGrad(x) as T;
}

/**
 * One-hot rows as float32. Built as int32 then cast: the WASM backend's OneHot kernel with
 * dtype 'float32' writes integer bit patterns (1 reads back as 1.4e-45).
 */
export function oneHotFloat(ids: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(ids, depth) as tf.Tensor2D, 'float32');
}

/**
 * Embedding lookup as a one-hot matmul. `tf.gather`'s gradient (UnsortedSegmentSum) is missing
 * on the WASM backend; a matmul's gradient exists everywhere. ids [N] → [N, C].
 */
export function embed(ids: tf.Tensor1D, table: tf.Tensor): tf.Tensor2D {
  const vocabSize = table.shape[0] ?? 0;
  return matMul(oneHotFloat(ids, vocabSize), table);
}

/** Dropout with a given seed, or the identity when not training or rate is 0. */
export function maybeDropout<T extends tf.Tensor>(x: T, rate: number, seed: number | null): T {
  if (seed === null || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, seed) as T;
}
