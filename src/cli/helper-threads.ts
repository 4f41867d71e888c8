/**
 * Data-parallel training in the CLI, as in the page (engine/parallel.ts): helpers in Node worker
 * threads, each with its own single-threaded WASM backend, compute the gradients of shares of
 * every batch; the session averages them and takes one step. `--workers N` sets how many
 * workers share each batch (the CLI's thread included); without it, as many as pay on this
 * machine's cores, as the page decides.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { MAX_TRAINING_WORKERS, trainingWorkersFor } from '../config/query';
import type { TrainingSession } from '../engine/session';
import { errorMessage } from '../shared/errors';
import type { ReplicaMessage } from '../worker/replica/replica-memory';
import { HelperWorkers, replicaPoolFor, type HelperThread } from '../worker/replica/replicas';

/** A helper in a worker thread (replica-thread.ts, started through thread-boot.mjs). */
function nodeHelperThread(): HelperThread {
  const worker = new Worker(new URL('./thread-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./replica-thread.ts', import.meta.url).href },
  });
  let onMessage: ((message: ReplicaMessage) => void) | null = null;
  let onError: (message: string) => void = () => {};
  worker.on('message', (message: ReplicaMessage) => onMessage?.(message));
  worker.on('error', (error) => onError(errorMessage(error)));
  return {
    post: (command) => worker.postMessage(command),
    listen(message, error) {
      onMessage = message;
      onError = error;
    },
    terminate: () => void worker.terminate(),
  };
}

/** How many workers share each batch: `asked` (capped), else what pays on this machine. */
export function cliTrainingWorkers(session: TrainingSession, asked: number | null): number {
  if (tf.getBackend() !== 'wasm') return 1;
  const { model, training } = session;
  if (asked === null) return trainingWorkersFor(model, training.batchSize, availableParallelism());
  return Math.max(1, Math.min(asked, MAX_TRAINING_WORKERS, training.batchSize));
}

/**
 * Gives `workers - 1` helper threads a share of each of `session`'s batches and waits until
 * they have its model. Returns a function that ends the threads; `onProblem` hears why the
 * helpers were dropped (training then goes on in this thread).
 */
export async function shareBatchesInThreads(
  session: TrainingSession,
  workers: number,
  onProblem: (message: string) => void,
): Promise<() => void> {
  if (workers < 2) return () => {};
  const threads = new HelperWorkers('', nodeHelperThread);
  const pool = replicaPoolFor(session, workers - 1, threads, onProblem);
  session.useHelpers(pool);
  await pool.ready;
  return () => {
    pool.dispose();
    threads.dispose();
  };
}
