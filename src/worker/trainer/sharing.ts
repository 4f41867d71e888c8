/**
 * Data-parallel training inside the worker: whether helper workers may share each batch here,
 * and handing them a session's model (see engine/parallel.ts and worker/replica/).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { trainingWorkersFor } from '../../config/query';
import type { TrainingSession } from '../../engine/session';
import type { WorkerEvent } from '../protocol';
import { replicaPoolFor, type HelperWorkers } from '../replica/replicas';

/**
 * Whether helper workers can share batches here: single-threaded WASM (XNNPACK's own threads
 * would compete for the cores) and shared memory (a cross-origin isolated page).
 */
export function canShareBatches(): boolean {
  return tf.getBackend() === 'wasm' && getThreadsCount() === 1 && self.crossOriginIsolated;
}

/**
 * Gives helper workers a share of each batch of `session` (data-parallel training, see
 * engine/parallel.ts) when that pays: where `canShareBatches`, for a model large enough
 * (`trainingWorkersFor`), with at most `maxWorkers` workers in all. The session trains alone
 * until the helpers have taken its model.
 */
export function shareBatches(
  session: TrainingSession,
  maxWorkers: number,
  helperWorkers: HelperWorkers,
  post: (event: WorkerEvent) => void,
): void {
  if (!canShareBatches()) return;
  const { model, training } = session;
  const workers = trainingWorkersFor(model, training.batchSize, maxWorkers);
  if (workers < 2) return;
  const pool = replicaPoolFor(session, workers - 1, helperWorkers, (message) =>
    post({ type: 'error', message, fatal: false }),
  );
  session.useHelpers(pool);
}
