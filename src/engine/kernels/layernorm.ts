/**
 * LayerNorm on WASM: the forward pass (y, x̂ and 1/σ in one vectorised pass per row) and its
 * gradient, with a JavaScript fallback for the gradient when the SIMD module cannot run it.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addressOf, simdKernels } from './simd';

type TensorInfo = tf.TensorInfo;

/** The names of the LayerNorm kernels, for `tf.engine().runKernel`. */
export const LAYER_NORM = 'PlaygroundLayerNorm';
export const LAYER_NORM_GRAD = 'PlaygroundLayerNormGrad';

/** Whether `LAYER_NORM` can run here: the WASM backend with the SIMD module, width % 4 = 0. */
export function layerNormKernelFits(width: number): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    width % 4 === 0 &&
    simdKernels(tf.backend() as BackendWasm) !== null
  );
}

/**
 * LayerNorm over the last axis of x [N, C] with the SIMD module (see `layerNormKernelFits`):
 * outputs y = x̂·gain + bias, the normalised x̂ [N, C] and 1/σ per row [N], kept for the gradient.
 */
export const layerNorm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasmBackend = backend as BackendWasm;
  const simd = simdKernels(wasmBackend);
  if (simd === null) throw new Error('The LayerNorm kernel needs WASM SIMD.');
  const { x, gain, bias } = inputs as Record<'x' | 'gain' | 'bias', TensorInfo>;
  const width = x.shape[x.shape.length - 1] ?? 1;
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const { epsilon } = attrs as unknown as { epsilon: number };
  const outputs = [
    wasmBackend.makeOutput([...x.shape], 'float32'),
    wasmBackend.makeOutput([...x.shape], 'float32'),
    wasmBackend.makeOutput([rows], 'float32'),
  ];
  const [y, normalised, inverseStd] = outputs.map((t) => addressOf(wasmBackend, t));
  simd.layerNorm(
    addressOf(wasmBackend, x),
    addressOf(wasmBackend, gain),
    addressOf(wasmBackend, bias),
    y ?? 0,
    normalised ?? 0,
    inverseStd ?? 0,
    rows,
    width,
    epsilon,
  );
  return outputs;
};

/**
 * Reads the inputs of a kernel as views of the WASM heap. Take views only after allocating every
 * output: an allocation may grow the heap, which detaches the views taken before it.
 */
function views<K extends string>(
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  names: readonly K[],
): Record<K, tf.TypedArray> {
  const out = {} as Record<K, tf.TypedArray>;
  for (const name of names) {
    const t = inputs[name];
    if (!t) throw new Error(`Kernel input ${name} is missing.`);
    out[name] = backend.typedArrayFromHeap(t);
  }
  return out;
}

/**
 * LayerNorm's gradient from dy [N, C], x̂, 1/σ and gain: dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂))
 * with g = dy·gain, and dgain = Σ dy·x̂, dbias = Σ dy over the rows.
 */
export const layerNormGrad: tf.KernelFunc = ({ inputs, backend }) => {
  const wasmBackend = backend as BackendWasm;
  const shape = inputs['dy']?.shape ?? [];
  const width = shape[shape.length - 1] ?? 1;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const outputs = [
    wasmBackend.makeOutput([...shape], 'float32'),
    wasmBackend.makeOutput([width], 'float32'),
    wasmBackend.makeOutput([width], 'float32'),
  ];
  const simd = simdKernels(wasmBackend);
  if (simd !== null && width % 4 === 0) {
    const at = (name: string): number => {
      const t = inputs[name];
      if (!t) throw new Error(`Kernel input ${name} is missing.`);
      return addressOf(wasmBackend, t);
    };
    const [dx, dGain, dBias] = outputs.map((t) => addressOf(wasmBackend, t));
    simd.layerNormGrad(
      at('dy'),
      at('normalised'),
      at('inverseStd'),
      at('gain'),
      dx ?? 0,
      dGain ?? 0,
      dBias ?? 0,
      rows,
      width,
    );
    return outputs;
  }
  const { dy, normalised, inverseStd, gain } = views(wasmBackend, inputs, [
    'dy',
    'normalised',
    'inverseStd',
    'gain',
  ] as const);
  const [dx, dGain, dBias] = outputs.map((t) => wasmBackend.typedArrayFromHeap(t));
  if (!dx || !dGain || !dBias) throw new Error('LayerNorm gradient: no output.');
  const gainSums = new Float64Array(width);
  const biasSums = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    let meanG = 0;
    let meanGN = 0;
    for (let c = 0; c < width; c++) {
      const d = dy[start + c] as number;
      const n = normalised[start + c] as number;
      const g = d * (gain[c] as number);
      meanG += g;
      meanGN += g * n;
      gainSums[c] = (gainSums[c] as number) + d * n;
      biasSums[c] = (biasSums[c] as number) + d;
    }
    meanG /= width;
    meanGN /= width;
    const rstd = inverseStd[r] as number;
    for (let c = 0; c < width; c++) {
      const g = (dy[start + c] as number) * (gain[c] as number);
      dx[start + c] = rstd * (g - meanG - (normalised[start + c] as number) * meanGN);
    }
  }
  dGain.set(gainSums);
  dBias.set(biasSums);
  return outputs;
};
