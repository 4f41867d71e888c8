/**
 * The CLI's data-parallel helper (worker/replica/replica-core.ts) in a Node worker thread, on
 * tfjs's single-threaded WASM backend, as in the page.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parentPort } from 'node:worker_threads';
import { replicaHandler } from '../worker/replica/replica-core';
import type { ReplicaCommand, ReplicaMessage } from '../worker/replica/replica-memory';

const port = parentPort;
if (port === null) throw new Error('replica-thread.ts runs in a worker thread.');

const handle = replicaHandler(
  (message: ReplicaMessage) => port.postMessage(message),
  // In Node the WASM binaries come from the package itself: the path is the page's.
  async () => ((await tf.setBackend('wasm')) ? null : 'Its WASM backend did not start.'),
);

port.on('message', (command: ReplicaCommand) => handle(command));
