/**
 * Choosing a tfjs backend. `tf.setBackend` resolves false when a backend fails to initialise,
 * so the fallback chain is ours. Auto chooses by measuring (see backend-speed.ts); this module
 * starts backends and measures matrix products.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../config/backends';
import { errorMessage } from '../shared/errors';

/** A backend that could not start, and why. */
export interface BackendFailure {
  backend: BackendName;
  reason: string;
}

/** What the speed test measured: a square matrix product, repeated. */
export interface MatmulMeasurement {
  /** Side of the square matrices multiplied. */
  size: number;
  /** Billions of floating-point operations per second (2·size³ per product). */
  gflops: number;
  /** Products in the batch that counted (after a warm-up product, never counted). */
  runs: number;
  /** Time that batch took, readback included. */
  ms: number;
}

/** What a WebGPU adapter says about itself (the fields the choice needs). */
export interface AdapterTraits {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** Side of the matrices of the quick test that picks a backend. */
export const CHOICE_MATMUL_SIZE = 256;
/** Time budget of that test, per candidate (warm-up excluded). */
export const CHOICE_MATMUL_BUDGET_MS = 60;
/** Side of the matrices of the figure reported for the backend in use. */
export const REPORT_MATMUL_SIZE = 512;
/** Time budget of that figure (warm-up excluded). */
export const REPORT_MATMUL_BUDGET_MS = 300;
/** At most this many products are queued before a readback. */
const MAX_TIMED_RUNS = 64;
/** The timed products are split in this many batches; the fastest counts. */
const BATCHES = 3;

/**
 * True if the adapter is a CPU emulation of a GPU (SwiftShader): correct, but slower than the
 * WASM backend, so never chosen by default.
 */
export function isEmulatedAdapter(adapter: AdapterTraits): boolean {
  const names = `${adapter.vendor} ${adapter.architecture} ${adapter.description}`;
  return adapter.isFallbackAdapter || /swiftshader/i.test(names);
}

/** Runs one product and waits for its result (read back asynchronously, never `dataSync`). */
async function timeProducts(a: tf.Tensor2D, b: tf.Tensor2D, count: number): Promise<number> {
  const started = performance.now();
  const products: tf.Tensor[] = [];
  for (let i = 0; i < count; i++) products.push(tf.matMul(a, b));
  // Products run in order; the last one's data arrives after all of them ran.
  await products[products.length - 1]?.data();
  const ms = performance.now() - started;
  for (const product of products) product.dispose();
  return ms;
}

/**
 * Measures the current backend's throughput on `size`×`size` matrix products: one warm-up
 * product (kernel compilation, allocation), one timed product to estimate the cost of each,
 * then what is left of `budgetMs` in up to `BATCHES` batches, each queued and read back once;
 * the fastest batch counts (the others were slowed by something else running). A product
 * slower than the budget is timed once. Creates and frees its own tensors.
 */
export async function measureMatmulGflops(
  size: number,
  budgetMs: number,
): Promise<MatmulMeasurement> {
  const [a, b] = tf.tidy(() => [
    tf.randomUniform([size, size], -1, 1, 'float32', 1),
    tf.randomUniform([size, size], -1, 1, 'float32', 2),
  ]) as [tf.Tensor2D, tf.Tensor2D];
  const flops = 2 * size ** 3;
  const rate = (runs: number, ms: number): number => (runs * flops) / (Math.max(ms, 0.001) * 1e6);
  try {
    await timeProducts(a, b, 1);
    const started = performance.now();
    const oneMs = await timeProducts(a, b, 1);
    let best: MatmulMeasurement = { size, gflops: rate(1, oneMs), runs: 1, ms: oneMs };
    const left = budgetMs - (performance.now() - started);
    const perBatch = Math.min(MAX_TIMED_RUNS, Math.floor(left / BATCHES / Math.max(oneMs, 0.01)));
    if (perBatch < 2) return best;
    for (let batch = 0; batch < BATCHES; batch++) {
      const ms = await timeProducts(a, b, perBatch);
      const gflops = rate(perBatch, ms);
      if (gflops > best.gflops) best = { size, gflops, runs: perBatch, ms };
    }
    return best;
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** Switches to `name`; resolves with the reason it failed, or null when it is in use. */
export async function trySetBackend(name: BackendName): Promise<string | null> {
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return null;
    }
    return 'failed to initialise';
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * Tries each backend in order and returns the first that initialises, plus the failures met
 * on the way (for the UI to report). Throws if none works.
 */
export async function selectBackend(
  order: readonly BackendName[],
): Promise<{ backend: BackendName; failures: BackendFailure[] }> {
  const failures: BackendFailure[] = [];
  for (const name of order) {
    const reason = await trySetBackend(name);
    if (reason === null) return { backend: name, failures };
    failures.push({ backend: name, reason });
  }
  throw new Error(
    `No tfjs backend could start: ${failures.map((f) => `${f.backend} (${f.reason})`).join('; ')}`,
  );
}
