/**
 * How many threads the WASM backend uses, and the workaround that lets it use more.
 *
 * tfjs-backend-wasm 4.22 clamps the thread count: XNNPACK gets min(setThreadsCount value,
 * default) where default = min(4, max(1, navigator.hardwareConcurrency / 2)), computed inside
 * the WASM module (emscripten_num_logical_cores) when the backend initialises — tfjs issue
 * #8513, open. So `?threads=2` on a 2-core machine still gave 1 thread. The workaround: while
 * the backend initialises, make `navigator.hardwareConcurrency` report twice the cores (or
 * threads) wanted, so the default no longer clamps, then put the real getter back. Measured
 * in a worker in Chromium on 2 cores: getThreadsCount() 1 → 2, a 512² matmul ~25–30 → ~55–60
 * GFLOP/s.
 *
 * Threads pay only for large models: the threaded build is slower on small kernels whatever
 * the thread count (Tiny ~29k → ~17k tokens/s on 2 cores), while the nanoGPT recipe's large
 * products split across cores (~3.6k → ~4.6k). Sharing each batch between workers, each on
 * one thread, is faster still (~5.5k; see engine/parallel.ts), so the app starts its worker
 * on one thread unless `?threads=N` asks for more; then XNNPACK runs every kernel but large
 * products on the calling thread (src/engine/kernels/wasm.ts).
 *
 * Threads need a cross-origin isolated page (SharedArrayBuffer); without it tfjs loads its
 * single-threaded SIMD build whatever is asked. `threads = 1` loads that build on purpose. The
 * count only takes effect when the WASM backend first initialises in a worker: changing it
 * means starting a new worker.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MAX_WASM_THREADS } from '../../config/query';

/** The machine's logical cores, read before anything overrides the getter. */
export const LOGICAL_CORES = Math.max(1, navigator.hardwareConcurrency || 1);

let applied: number | null = null;

/**
 * Asks for `threads` WASM threads (1 = the single-threaded SIMD build). Only the first call
 * counts: the WASM backend reads it once, when it first initialises.
 */
export function setWasmThreads(threads: number): void {
  if (applied !== null) return;
  applied = Math.max(1, Math.min(MAX_WASM_THREADS, Math.round(threads)));
  if (applied === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setThreadsCount(applied);
}

/**
 * Runs `initialise` (which may initialise the WASM backend) with `navigator.hardwareConcurrency`
 * raised so tfjs's default does not clamp the threads asked for (tfjs issue #8513), then
 * restores the real getter.
 */
export async function withWasmThreadHint<T>(initialise: () => Promise<T>): Promise<T> {
  const prototype: object = Object.getPrototypeOf(navigator);
  const original = Object.getOwnPropertyDescriptor(prototype, 'hardwareConcurrency');
  if (applied === null || applied === 1 || original === undefined) return initialise();
  const reported = 2 * Math.max(LOGICAL_CORES, applied);
  Object.defineProperty(prototype, 'hardwareConcurrency', {
    get: () => reported,
    configurable: true,
  });
  try {
    return await initialise();
  } finally {
    Object.defineProperty(prototype, 'hardwareConcurrency', original);
  }
}
