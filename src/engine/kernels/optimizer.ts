/**
 * The optimiser's fused WASM kernels: the AdamW update, a·x + b·y (data-parallel gradients) and
 * the sum of squares (the global gradient norm), each one pass over the values, vectorised when
 * the SIMD module is available.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addressOf, simdKernels } from './simd';

type TensorInfo = tf.TensorInfo;

/** The name of the fused AdamW kernel, for `tf.engine().runKernel`. */
export const ADAMW_UPDATE = 'PlaygroundAdamWUpdate';

/** Settings of one AdamW update (see optim/adamw.ts for the formula). */
export interface AdamWUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − lr·weightDecay for decayed parameters, 1 otherwise. */
  decayFactor: number;
  /** Bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ. */
  correction1: number;
  correction2: number;
}

/**
 * One AdamW step for one parameter in a single pass over its values: inputs param, grad, m, v
 * and the scalar gradient scale (clipping); outputs the new param, m and v. On WASM the
 * composite update is a dozen kernels per parameter, each a pass over memory.
 */
export const adamWUpdate: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasmBackend = backend as BackendWasm;
  const { param, grad, m, v, scale } = inputs as Record<
    'param' | 'grad' | 'm' | 'v' | 'scale',
    TensorInfo
  >;
  const { learningRate, beta1, beta2, epsilon, decayFactor, correction1, correction2 } =
    attrs as unknown as AdamWUpdateAttrs;
  const outputs = [param, m, v].map((t) => wasmBackend.makeOutput([...t.shape], 'float32'));
  const step = learningRate / correction1;
  const root = 1 / Math.sqrt(correction2);
  const simd = simdKernels(wasmBackend);
  if (simd !== null) {
    const [pOut, mOut, vOut] = outputs.map((t) => addressOf(wasmBackend, t));
    const gradScale = wasmBackend.typedArrayFromHeap(scale)[0] ?? 1;
    simd.adamw(
      addressOf(wasmBackend, param),
      addressOf(wasmBackend, grad),
      addressOf(wasmBackend, m),
      addressOf(wasmBackend, v),
      pOut ?? 0,
      mOut ?? 0,
      vOut ?? 0,
      tf.util.sizeFromShape(param.shape),
      gradScale,
      beta1,
      beta2,
      decayFactor,
      step,
      root,
      epsilon,
    );
    return outputs;
  }
  const [pIn, gIn, mIn, vIn, sIn] = [param, grad, m, v, scale].map((t) =>
    wasmBackend.typedArrayFromHeap(t),
  );
  const [pOut, mOut, vOut] = outputs.map((t) => wasmBackend.typedArrayFromHeap(t));
  if (!pIn || !gIn || !mIn || !vIn || !sIn || !pOut || !mOut || !vOut) {
    throw new Error('AdamW update: missing input.');
  }
  const gradScale = sIn[0] ?? 1;
  for (let i = 0; i < pIn.length; i++) {
    const g = (gIn[i] as number) * gradScale;
    const nextM = beta1 * (mIn[i] as number) + (1 - beta1) * g;
    const nextV = beta2 * (vIn[i] as number) + (1 - beta2) * g * g;
    mOut[i] = nextM;
    vOut[i] = nextV;
    pOut[i] =
      (pIn[i] as number) * decayFactor - (step * nextM) / (Math.sqrt(nextV) * root + epsilon);
  }
  return outputs;
};

/** The name of the weighted-sum kernel, for `tf.engine().runKernel`. */
export const AXPBY = 'PlaygroundAxpby';

/** The weights of `AXPBY`. */
export interface AxpbyAttrs {
  a: number;
  b: number;
}

/** a·x + b·y for x and y of the same shape and size, in one pass (data-parallel gradients). */
export const axpby: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasmBackend = backend as BackendWasm;
  const { x, y } = inputs as Record<'x' | 'y', TensorInfo>;
  const { a, b } = attrs as unknown as AxpbyAttrs;
  const out = wasmBackend.makeOutput([...x.shape], 'float32');
  const size = tf.util.sizeFromShape(x.shape);
  const simd = simdKernels(wasmBackend);
  if (simd !== null) {
    simd.axpby(
      addressOf(wasmBackend, out),
      addressOf(wasmBackend, x),
      a,
      addressOf(wasmBackend, y),
      b,
      size,
    );
    return out;
  }
  const [xs, ys, outs] = [x, y, out].map((t) => wasmBackend.typedArrayFromHeap(t));
  if (!xs || !ys || !outs) throw new Error('Weighted sum: missing input.');
  for (let i = 0; i < size; i++) outs[i] = a * (xs[i] as number) + b * (ys[i] as number);
  return out;
};

/** The name of the sum-of-squares kernel, for `tf.engine().runKernel`. */
export const SUM_OF_SQUARES = 'PlaygroundSumOfSquares';

/** Σ x² over every value of every input (any number of inputs), as a float32 scalar. */
export const sumOfSquares: tf.KernelFunc = ({ inputs, backend }) => {
  const wasmBackend = backend as BackendWasm;
  const simd = simdKernels(wasmBackend);
  let total = 0;
  for (const t of Object.values(inputs)) {
    if (!t) continue;
    if (simd !== null) {
      total += simd.sumOfSquares(addressOf(wasmBackend, t), tf.util.sizeFromShape(t.shape));
      continue;
    }
    const values = wasmBackend.typedArrayFromHeap(t);
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      total += x * x;
    }
  }
  const out = wasmBackend.makeOutput([], 'float32');
  wasmBackend.typedArrayFromHeap(out)[0] = total;
  return out;
};
