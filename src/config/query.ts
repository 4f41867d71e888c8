/**
 * Settings a link can carry in its query string, so a teacher can share a set-up:
 * `?backend=wasm&workers=2&preset=medium&corpus=moby-dick`. Invalid values are ignored (the
 * app then uses its defaults); nothing here throws.
 */
import { backendFromQuery, type BackendChoice } from './backends';
import type { ModelConfig } from './config';
import { PRESETS, type PresetId } from './presets';
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

/** What a page's query string asks for; null means "not given, or invalid". */
export interface QuerySettings {
  /** `?backend=webgpu|wasm|webgl|cpu`; anything else means auto. */
  backend: BackendChoice;
  /** `?preset=tiny|small|medium`: the model size selected at load. */
  preset: PresetId | null;
  /**
   * `?corpus=<id>`: the built-in corpus selected at load. Only its shape is checked here (lower
   * case letters, digits and dashes); the app ignores an id its corpus list does not have.
   */
  corpus: string | null;
  /** `?threads=N` (1–4): WASM threads; 1 means single-threaded. */
  threads: number | null;
  /** `?workers=N` (1–4): at most N workers share each batch; 1 trains in one worker. */
  workers: number | null;
}

/** Reads `?preset=` from a query string. */
export function presetFromQuery(search: string): PresetId | null {
  const value = new URLSearchParams(search).get('preset');
  return PRESETS.find((preset) => preset.id === value)?.id ?? null;
}

/** Reads `?corpus=` from a query string. */
export function corpusFromQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('corpus');
  return value !== null && /^[a-z0-9][a-z0-9-]{0,63}$/.test(value) ? value : null;
}

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

/** Reads every setting a link may carry. */
export function settingsFromQuery(search: string): QuerySettings {
  return {
    backend: backendFromQuery(search),
    preset: presetFromQuery(search),
    corpus: corpusFromQuery(search),
    threads: threadsFromQuery(search),
    workers: workersFromQuery(search),
  };
}
