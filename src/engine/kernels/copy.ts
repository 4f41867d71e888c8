/**
 * Faster versions of the tfjs WASM kernels that move data without computing: Slice, Unpack,
 * SplitV and Identity.
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

/** `Slice`, copying only the box it returns. */
export const slice: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = (inputs as { x: TensorInfo }).x;
  const { begin, size } = attrs as unknown as { begin: number | number[]; size: number | number[] };
  const [begin_ = [], size_ = []] = tf.slice_util.parseSliceParams(x, begin, size);
  return sliceInfo(backend as BackendWasm, x, begin_, size_);
};

/** `Unpack`, one box per output. */
export const unpack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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

/** `SplitV`, one box per output. */
export const splitV: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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

/** `Identity`, sharing the data instead of copying it. */
export const identity: tf.KernelFunc = ({ inputs, backend }) => {
  const x = (inputs as { x: TensorInfo }).x;
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};
