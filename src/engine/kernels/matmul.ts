/**
 * A batched matrix product on WASM as one plain XNNPACK product per matrix, written straight
 * into the output (the backend's own BatchMatMul runs batches through a scalar loop).
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type TensorInfo = tf.TensorInfo;

/** The name of the split batched product kernel, for `tf.engine().runKernel`. */
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
export const splitBatchMatMul: tf.KernelFunc = ({ inputs, backend }) => {
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
