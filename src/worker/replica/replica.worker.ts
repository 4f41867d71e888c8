/**
 * The page's data-parallel helper (replica-core.ts) in a Web Worker: WASM binaries from the
 * app's server, the single-threaded SIMD build.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { setWasmThreads } from '../trainer/wasm-threads';
import { replicaHandler } from './replica-core';
import type { ReplicaCommand, ReplicaMessage } from './replica-memory';

const handle = replicaHandler(
  (message: ReplicaMessage) => postMessage(message),
  async (wasmPath) => {
    setWasmPaths(wasmPath);
    setWasmThreads(1);
    return (await tf.setBackend('wasm')) ? null : 'Its WASM backend did not start.';
  },
);

onmessage = (message: MessageEvent<ReplicaCommand>) => handle(message.data);
