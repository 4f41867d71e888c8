/**
 * Faster versions of a few tfjs WASM kernels that move data without computing.
 *
 * tfjs-backend-wasm 4.22 reads a tensor's values with `readSync`, which copies the *whole*
 * tensor out of the WASM heap, in every `Slice`, and `Unpack` and `SplitV` call that `Slice`
 * once per output: splitting a [48, 64, 32] tensor into 48 matrices copied the input 48 times
 * (3.5 ms instead of about 0.05 ms). `Identity` copied a tensor out of the heap and back in.
 * These replacements read through a view of the heap and copy only what they return;
 * (views are taken after the outputs are allocated: growing the heap detaches older views);
 * `Identity` shares the data, as the CPU and WebGL backends do. Results are identical.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
// Registers the WASM backend and its kernels first, so that the replacements below win.
import '@tensorflow/tfjs-backend-wasm';
import { addressOf, simdKernels } from './simd';

type TensorInfo = tf.TensorInfo;

/** Copies the box `begin`…`begin + size` of `x` (row-major, shape `shape`) into `out`. */
export function copyBox(
  x: tf.TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: tf.TypedArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0] ?? 0;
    return;
  }
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) {
    strides[axis] = (strides[axis + 1] ?? 1) * (shape[axis + 1] ?? 1);
  }
  const run = size[rank - 1] ?? 0;
  const rows = size.slice(0, -1).reduce((a, b) => a * b, 1);
  const index = new Array<number>(rank - 1).fill(0);
  for (let row = 0; row < rows; row++) {
    let offset = begin[rank - 1] ?? 0;
    for (let axis = 0; axis < rank - 1; axis++) {
      offset += ((begin[axis] ?? 0) + (index[axis] ?? 0)) * (strides[axis] ?? 0);
    }
    out.set(x.subarray(offset, offset + run), row * run);
    for (let axis = rank - 2; axis >= 0; axis--) {
      const next = (index[axis] ?? 0) + 1;
      if (next < (size[axis] ?? 0)) {
        index[axis] = next;
        break;
      }
      index[axis] = 0;
    }
  }
}

function sliceInfo(
  backend: BackendWasm,
  x: TensorInfo,
  begin: readonly number[],
  size: readonly number[],
): TensorInfo {
  const out = backend.makeOutput([...size], x.dtype);
  if (size.some((s) => s === 0)) return out;
  copyBox(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

const slice: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = (inputs as { x: TensorInfo }).x;
  const { begin, size } = attrs as unknown as { begin: number | number[]; size: number | number[] };
  const [begin_ = [], size_ = []] = tf.slice_util.parseSliceParams(x, begin, size);
  return sliceInfo(backend as BackendWasm, x, begin_, size_);
};

const unpack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const value = (inputs as { value: TensorInfo }).value;
  const rank = value.shape.length;
  let axis = (attrs as unknown as { axis: number }).axis;
  if (axis < 0) axis += rank;
  const count = value.shape[axis] ?? 0;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  const begin = new Array<number>(rank).fill(0);
  return Array.from({ length: count }, (_, i) => {
    begin[axis] = i;
    const out = sliceInfo(backend as BackendWasm, value, begin, size);
    return { ...out, shape: outShape };
  });
};

const splitV: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = (inputs as { x: TensorInfo }).x;
  const { numOrSizeSplits, axis } = attrs as unknown as {
    numOrSizeSplits: number | number[];
    axis: number;
  };
  const splitAxis = tf.util.parseAxisParam(axis, x.shape)[0] ?? 0;
  const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, splitAxis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[splitAxis] = s;
    const out = sliceInfo(backend as BackendWasm, x, begin, size);
    begin[splitAxis] = (begin[splitAxis] ?? 0) + s;
    return out;
  });
};

const identity: tf.KernelFunc = ({ inputs, backend }) => {
  const x = (inputs as { x: TensorInfo }).x;
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Where tfjs-backend-wasm 4.22's threaded SIMD build keeps its XNNPACK thread pool pointer
 * (`tfjs::backend::threadpool`; read by the exported `get_threads_count`, which returns -1 when
 * it is null). Checked on the live module before use (see `threadPoolSlot`).
 */
const THREAD_POOL_ADDRESS = 23564;

/** Where the pool pointer lives and its value, found once per backend (see `threadPoolSlot`). */
interface ThreadPoolSlot {
  /** A view of the module's memory. Threads mean shared memory, which growth never detaches. */
  heap: Int32Array;
  index: number;
  pointer: number;
}

const threadPoolSlots = new WeakMap<BackendWasm, ThreadPoolSlot | null>();

/**
 * The thread pool pointer's place, or null when there is no pool or the address does not behave
 * as that pointer (another tfjs build): `get_threads_count` must read it, report -1 when it is
 * cleared and the same count again when it is restored.
 */
function threadPoolSlot(backend: BackendWasm): ThreadPoolSlot | null {
  const known = threadPoolSlots.get(backend);
  if (known !== undefined) return known;
  let slot: ThreadPoolSlot | null = null;
  const count = (): number => backend.wasm.tfjs.getThreadsCount();
  const threads = count();
  if (threads > 1) {
    const heap = new Int32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
    const index = THREAD_POOL_ADDRESS / 4;
    const pointer = heap[index] ?? 0;
    if (pointer !== 0) {
      heap[index] = 0;
      const cleared = count();
      heap[index] = pointer;
      if (cleared === -1 && count() === threads) slot = { heap, index, pointer };
    }
  }
  threadPoolSlots.set(backend, slot);
  return slot;
}

/**
 * Runs `f` with XNNPACK on the calling thread only. Handing a product of a few thousand
 * multiply-adds to the thread pool costs more than the product (a whole step of attention's
 * per-head products went from 22 ms to 475 ms with 2 threads); large products keep the pool.
 */
function onCallingThread<T>(backend: BackendWasm, f: () => T): T {
  const slot = threadPoolSlot(backend);
  if (slot === null) return f();
  slot.heap[slot.index] = 0;
  try {
    return f();
  } finally {
    slot.heap[slot.index] = slot.pointer;
  }
}

/** The name of the kernel below, for `tf.engine().runKernel`. */
export const SPLIT_BATCH_MATMUL = 'PlaygroundSplitBatchMatMul';

type WasmMatMul = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

const matMulEntries = new WeakMap<BackendWasm, WasmMatMul>();

/**
 * a [count, m, k] · b [count, k, n] → [count, m, n], as `count` plain XNNPACK products written
 * straight into the output. Each matrix is registered with the WASM module as a view of its
 * tensor's memory (the module's `dispose_data` forgets an id without freeing its memory), so
 * nothing is copied and no intermediate tensor is made: the WASM backend's own BatchMatMul runs
 * batches through a scalar loop (about 2 GFLOP/s against 25).
 */
const splitBatchMatMul: tf.KernelFunc = ({ inputs, backend }) => {
  const wasmBackend = backend as BackendWasm;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const [count = 0, m = 0, k = 0] = a.shape;
  const [, , n = 0] = b.shape;
  const out = wasmBackend.makeOutput([count, m, n], 'float32');
  let entry = matMulEntries.get(wasmBackend);
  if (!entry) {
    const module = wasmBackend.wasm as unknown as {
      cwrap(name: string, returns: null, args: string[]): WasmMatMul;
    };
    entry = module.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]);
    matMulEntries.set(wasmBackend, entry);
  }
  const ids = wasmBackend as unknown as { dataIdNextNumber: number };
  const offset = (t: TensorInfo): number => wasmBackend.dataIdMap.get(t.dataId)?.memoryOffset ?? 0;
  const [aStart, bStart, outStart] = [offset(a), offset(b), offset(out)];
  const aShape = new Uint8Array(new Int32Array([1, m, k]).buffer);
  const bShape = new Uint8Array(new Int32Array([1, k, n]).buffer);
  const { registerTensor, disposeData } = wasmBackend.wasm.tfjs;
  for (let i = 0; i < count; i++) {
    const [aId, bId, outId] = [
      ids.dataIdNextNumber++,
      ids.dataIdNextNumber++,
      ids.dataIdNextNumber++,
    ];
    registerTensor(aId, m * k, aStart + 4 * i * m * k);
    registerTensor(bId, k * n, bStart + 4 * i * k * n);
    registerTensor(outId, m * n, outStart + 4 * i * m * n);
    entry(aId, aShape, 3, bId, bShape, 3, false, false, outId);
    // Forgets the views (and the XNNPACK operator cached on b's id); frees no memory.
    disposeData(aId);
    disposeData(bId);
    disposeData(outId);
  }
  return out;
};

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
const adamWUpdate: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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
const axpby: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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
const sumOfSquares: tf.KernelFunc = ({ inputs, backend }) => {
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
const layerNorm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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
const layerNormGrad: tf.KernelFunc = ({ inputs, backend }) => {
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

const REPLACEMENTS: Record<string, tf.KernelFunc> = {
  [LAYER_NORM]: layerNorm,
  [AXPBY]: axpby,
  [LAYER_NORM_GRAD]: layerNormGrad,
  [ADAMW_UPDATE]: adamWUpdate,
  [SUM_OF_SQUARES]: sumOfSquares,
  [SPLIT_BATCH_MATMUL]: splitBatchMatMul,
  Slice: slice,
  Unpack: unpack,
  SplitV: splitV,
  Identity: identity,
};

let installed = false;

/** Replaces the WASM backend's data-movement kernels with the faster ones above (once). */
export function installWasmKernels(): void {
  if (installed) return;
  installed = true;
  for (const [kernelName, kernelFunc] of Object.entries(REPLACEMENTS)) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  // Every kernel, the replacements included, decides here whether XNNPACK may use the pool.
  for (const config of tf.getKernelsForBackend('wasm')) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: smallOnCallingThread(config.kernelName, config.kernelFunc),
    });
  }
}

/** Matrix products from this many multiply-adds up use the thread pool. */
const POOLED_PRODUCT = 1 << 22;

/** The multiply-adds of a (batched) matrix product kernel's inputs a and b. */
function productSize(inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap | undefined): number {
  const { a, b } = inputs;
  if (!a || !b) return 0;
  const transposeA = attrs?.['transposeA'] === true;
  const transposeB = attrs?.['transposeB'] === true;
  const [aRows = 0, aCols = 0] = a.shape.slice(-2);
  const [bRows = 0, bCols = 0] = b.shape.slice(-2);
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  return (
    batch *
    (transposeA ? aCols : aRows) *
    (transposeA ? aRows : aCols) *
    (transposeB ? bRows : bCols)
  );
}

/**
 * Wraps a WASM kernel so that XNNPACK runs it on the calling thread, except large matrix
 * products. Measured in Chromium on 2 cores: the pool halves the time of a [768, 128]·[128, 512]
 * product but makes element-wise passes, even over 400k values, and small products slower
 * (waking the pool costs more than the work); the Tiny preset trained at half speed.
 */
function smallOnCallingThread(kernelName: string, kernelFunc: tf.KernelFunc): tf.KernelFunc {
  const product = kernelName === 'BatchMatMul' || kernelName === '_FusedMatMul';
  return (args) =>
    product && productSize(args.inputs, args.attrs) >= POOLED_PRODUCT
      ? kernelFunc(args)
      : onCallingThread(args.backend as BackendWasm, () => kernelFunc(args));
}
