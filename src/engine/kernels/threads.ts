/**
 * When XNNPACK may use the threaded WASM build's thread pool: only for large matrix products.
 * Every WASM kernel is wrapped (`smallOnCallingThread`) to run on the calling thread otherwise,
 * by clearing the pool pointer for the length of the call.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

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
export function smallOnCallingThread(kernelName: string, kernelFunc: tf.KernelFunc): tf.KernelFunc {
  const product = kernelName === 'BatchMatMul' || kernelName === '_FusedMatMul';
  return (args) =>
    product && productSize(args.inputs, args.attrs) >= POOLED_PRODUCT
      ? kernelFunc(args)
      : onCallingThread(args.backend as BackendWasm, () => kernelFunc(args));
}
