/**
 * How the WASM backend runs, from a link: `?threads=N` and `?workers=N`, and how many workers
 * a model's batches are shared between. (The set-up a link carries is read by
 * src/app/setup/url.ts.) Invalid values are ignored; nothing here throws.
 */
import type { ModelConfig } from './config';
import { trainingFlopsPerToken } from './size';

/** The most WASM threads a link may ask for (tfjs-backend-wasm uses at most 4 anyway). */
export const MAX_WASM_THREADS = 4;

/** The most workers that may share a batch (data-parallel training). */
export const MAX_TRAINING_WORKERS = 4;

/**
 * Training FLOPs per step from which sharing each batch between workers pays. Measured in
 * Chromium on 2 cores, one worker versus two with half the batch each (ms/step, before the
 * exchange of gradients): Tiny (0.08 GFLOP/step) 17.6 → 19.4, Small (1.2 GFLOP/step) 114 → 74,
 * Medium, nanoGPT's recipe (4.6 GFLOP/step) 207 → 128. Small models are dominated by the cost
 * of launching kernels, which sharing does not reduce.
 */
export const DATA_PARALLEL_FLOPS_PER_STEP = 0.5e9;

/**
 * How many workers (the trainer and its helpers) should share each batch of this model: up to
 * `maxWorkers`, at most one per row, and 1 for a model too small to pay.
 */
export function trainingWorkersFor(
  model: ModelConfig,
  batchSize: number,
  maxWorkers: number,
): number {
  const perStep = trainingFlopsPerToken(model) * batchSize * model.blockSize;
  if (perStep < DATA_PARALLEL_FLOPS_PER_STEP) return 1;
  return Math.max(1, Math.min(MAX_TRAINING_WORKERS, maxWorkers, batchSize));
}

/** The backend's threads and workers a link asks for; null means "not given, or invalid". */
export interface QuerySettings {
  /** `?threads=N` (1–4): WASM threads; 1 means single-threaded. */
  threads: number | null;
  /** `?workers=N` (1–4): at most N workers share each batch; 1 trains in one worker. */
  workers: number | null;
  /** `?autosave=S` (1–600): seconds between two autosaves of a training run (default 30). */
  autosaveSeconds: number | null;
  /**
   * `?inference=trainer`: evaluations and predictions run in the training worker between bursts
   * instead of in the inference worker beside it (`worker`, the default on WASM).
   */
  inference: InferencePlace | null;
}

/** Where evaluations and predictions run: beside training (`worker`) or between bursts. */
export type InferencePlace = 'worker' | 'trainer';

/** The longest time between autosaves a link may ask for, in seconds. */
export const MAX_AUTOSAVE_SECONDS = 600;

/** Reads a whole number from 1 to `max` from `?name=`; null if absent or out of range. */
function countFromQuery(search: string, name: string, max: number): number | null {
  const value = new URLSearchParams(search).get(name);
  if (value === null || !/^\d+$/.test(value)) return null;
  const count = Number(value);
  return count >= 1 && count <= max ? count : null;
}

/** Reads `?threads=` from a query string: a whole number from 1 to `MAX_WASM_THREADS`. */
export function threadsFromQuery(search: string): number | null {
  return countFromQuery(search, 'threads', MAX_WASM_THREADS);
}

/** Reads `?workers=` from a query string: a whole number from 1 to `MAX_TRAINING_WORKERS`. */
export function workersFromQuery(search: string): number | null {
  return countFromQuery(search, 'workers', MAX_TRAINING_WORKERS);
}

/** Reads `?threads=`, `?workers=`, `?autosave=` and `?inference=`. */
export function settingsFromQuery(search: string): QuerySettings {
  return {
    threads: threadsFromQuery(search),
    workers: workersFromQuery(search),
    autosaveSeconds: countFromQuery(search, 'autosave', MAX_AUTOSAVE_SECONDS),
    inference: inferenceFromQuery(search),
  };
}

/** Reads `?inference=worker|trainer`; null when absent or anything else. */
export function inferenceFromQuery(search: string): InferencePlace | null {
  const value = new URLSearchParams(search).get('inference');
  return value === 'worker' || value === 'trainer' ? value : null;
}
