/**
 * The vectorised passes of simd.wat, instantiated on the memory of a tfjs WASM backend so they
 * read and write tensors where they are. JavaScript loops over that memory run at 2-8 ns per
 * value on our machines; these run at well under 1 (AdamW over the nanoGPT recipe's 0.8 M
 * parameters: ~5 ms → well under 1 ms).
 *
 * Only the single-threaded backend's memory can be imported this way (the threaded build's is
 * shared, and imported rather than exported); elsewhere `simdKernels` returns null and the
 * callers keep their JavaScript loops.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs';
import { SIMD_MODULE_BASE64 } from './simd.generated';

/** The module's exports; addresses are byte offsets in the backend's memory, counts are floats. */
export interface SimdKernels {
  adamw(
    p: number,
    g: number,
    m: number,
    v: number,
    pOut: number,
    mOut: number,
    vOut: number,
    n: number,
    scale: number,
    beta1: number,
    beta2: number,
    decay: number,
    step: number,
    root: number,
    epsilon: number,
  ): void;
  sumOfSquares(x: number, n: number): number;
  axpby(out: number, x: number, a: number, y: number, b: number, n: number): void;
  /** Needs `width` a multiple of 4. */
  layerNorm(
    x: number,
    gain: number,
    bias: number,
    y: number,
    normalised: number,
    inverseStd: number,
    rows: number,
    width: number,
    epsilon: number,
  ): void;
  /** Needs `width` a multiple of 4. */
  layerNormGrad(
    dy: number,
    normalised: number,
    inverseStd: number,
    gain: number,
    dx: number,
    dGain: number,
    dBias: number,
    rows: number,
    width: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<BackendWasm, SimdKernels | null>();

function compile(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(SIMD_MODULE_BASE64), (c) => c.charCodeAt(0));
    compiled = new WebAssembly.Module(bytes);
  } catch {
    // No WASM SIMD in this engine: the JavaScript loops stay.
    compiled = null;
  }
  return compiled;
}

/** The backend's memory, if it is one this module can import (exported and not shared). */
function memoryOf(backend: BackendWasm): WebAssembly.Memory | null {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  return memory.buffer instanceof ArrayBuffer ? memory : null;
}

/** The vectorised kernels on this backend's memory, or null where they cannot run. */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  const known = instances.get(backend);
  if (known !== undefined) return known;
  const module = compile();
  const memory = memoryOf(backend);
  let kernels: SimdKernels | null = null;
  if (module !== null && memory !== null) {
    try {
      kernels = new WebAssembly.Instance(module, { env: { memory } })
        .exports as unknown as SimdKernels;
    } catch {
      kernels = null;
    }
  }
  instances.set(backend, kernels);
  return kernels;
}

/** The byte offset of a tensor's values in the backend's memory. */
export function addressOf(backend: BackendWasm, tensor: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (data === undefined) throw new Error('The tensor has no data in the WASM backend.');
  return data.memoryOffset;
}
