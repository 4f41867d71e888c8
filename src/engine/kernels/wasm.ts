/**
 * Installs the playground's WASM kernels: faster data movement (copy.ts), the split batched
 * product (matmul.ts), LayerNorm (layernorm.ts) and the optimiser's fused passes
 * (optimizer.ts), and wraps every WASM kernel so that only large products use the thread pool
 * (threads.ts).
 */
import * as tf from '@tensorflow/tfjs';
// Registers the WASM backend and its kernels first, so that the replacements below win.
import '@tensorflow/tfjs-backend-wasm';
import { identity, slice, splitV, unpack } from './copy';
import { LAYER_NORM, LAYER_NORM_GRAD, layerNorm, layerNormGrad } from './layernorm';
import { SPLIT_BATCH_MATMUL, splitBatchMatMul } from './matmul';
import { ADAMW_UPDATE, adamWUpdate, AXPBY, axpby, SUM_OF_SQUARES, sumOfSquares } from './optimizer';
import { smallOnCallingThread } from './threads';

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

/** Registers the kernels above on the WASM backend, replacing its own (once). */
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
