/**
 * Settings a link can carry in its query string, so a teacher can share a set-up:
 * `?backend=wasm&threads=2&preset=medium&corpus=moby-dick`. Invalid values are ignored (the
 * app then uses its defaults); nothing here throws.
 */
import { backendFromQuery, type BackendChoice } from './backends';
import type { RunConfig } from './config';
import { PRESETS, type PresetId } from './presets';
import { trainingFlopsPerToken } from './size';

/** The most WASM threads a link may ask for (tfjs-backend-wasm uses at most 4 anyway). */
export const MAX_WASM_THREADS = 4;

/**
 * WASM threads used when none are asked for: half the logical cores, 1 to `MAX_WASM_THREADS`
 * (tfjs's own default; see src/worker/wasm-threads.ts for why not more).
 */
export function defaultWasmThreads(cores: number): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores / 2)));
}

/**
 * Training FLOPs per step from which the multi-threaded WASM build pays. Measured in Chromium
 * on 2 cores (tokens/s, 1 thread → 2 threads): Tiny (0.1 GFLOP/step) 29k → 17k, Small
 * (1.2 GFLOP/step) 8.4k → 8.0k, Medium, nanoGPT's recipe (4 GFLOP/step) 3.6k → 4.6k. The
 * threaded build is slower on small kernels whatever the thread count; large products split
 * across cores.
 */
export const THREADED_FLOPS_PER_STEP = 2e9;

/**
 * The WASM threads worth starting for a run: one per core (at most `MAX_WASM_THREADS`) for a
 * model large enough, else 1 (the single-threaded build).
 */
export function wasmThreadsFor(config: RunConfig, cores: number): number {
  // The vocabulary is not known before the text is tokenized; the head is a small share.
  const perToken = trainingFlopsPerToken({ ...config.model, vocabSize: 0 });
  const perStep = perToken * config.training.batchSize * config.model.blockSize;
  return perStep >= THREADED_FLOPS_PER_STEP ? Math.max(1, Math.min(MAX_WASM_THREADS, cores)) : 1;
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

/** Reads `?threads=` from a query string: a whole number from 1 to `MAX_WASM_THREADS`. */
export function threadsFromQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('threads');
  if (value === null || !/^\d+$/.test(value)) return null;
  const threads = Number(value);
  return threads >= 1 && threads <= MAX_WASM_THREADS ? threads : null;
}

/** Reads every setting a link may carry. */
export function settingsFromQuery(search: string): QuerySettings {
  return {
    backend: backendFromQuery(search),
    preset: presetFromQuery(search),
    corpus: corpusFromQuery(search),
    threads: threadsFromQuery(search),
  };
}
