/**
 * What each benchmark cell opens: the page link (backend, threads, workers, preset, corpus) for
 * a backend and a configuration.
 */
import type { BackendName } from '../../src/config/backends';
import { MAX_WASM_THREADS } from '../../src/config/query';
import type { PresetId } from '../../src/config/presets';
import type { BenchBackend, BenchConfig } from './options';

/** How a benchmark backend is asked for in the page's query string. */
export interface BackendSetup {
  /** `?backend=`. */
  backend: BackendName;
  /**
   * `?threads=`: a number, `per-core` (one per logical core, at most 4: the app's default is
   * half that), or null (no parameter).
   */
  threads: number | 'per-core' | null;
  /** `?workers=`: at most this many workers share a batch; null leaves the app's default. */
  workers: number | null;
}

/** The query of each benchmark backend. */
export const BACKEND_SETUPS: Record<BenchBackend, BackendSetup> = {
  webgpu: { backend: 'webgpu', threads: null, workers: null },
  wasm: { backend: 'wasm', threads: null, workers: null },
  'wasm-threads': { backend: 'wasm', threads: 'per-core', workers: 1 },
  'wasm-1thread': { backend: 'wasm', threads: 1, workers: 1 },
  webgl: { backend: 'webgl', threads: null, workers: null },
  cpu: { backend: 'cpu', threads: null, workers: null },
};

/** A configuration: the app's preset and built-in corpus. */
export interface ConfigSetup {
  preset: PresetId;
  corpus: string;
  /** Settings changed on top of the preset (`?width=`), if any. */
  query?: Record<string, string>;
  /** How the page runs it, not the model (`?inference=`), if not as by default. */
  runtime?: Record<string, string>;
  /** What it is, for the report. */
  description: string;
}

/** The configurations measured. */
export const CONFIG_SETUPS: Record<BenchConfig, ConfigSetup> = {
  tiny: {
    preset: 'tiny',
    corpus: 'moby-dick',
    description: 'Tiny preset (2 layers, 2 heads, width 32, context 32, batch 16) on Moby-Dick',
  },
  nanogpt: {
    preset: 'medium',
    corpus: 'moby-dick',
    description:
      "Medium preset = nanoGPT's CPU recipe (4 layers, 4 heads, width 128, context 64, batch 12, characters) on Moby-Dick",
  },
  'nanogpt-inline': {
    preset: 'medium',
    corpus: 'moby-dick',
    runtime: { inference: 'trainer' },
    description:
      "nanoGPT's CPU recipe with evaluations and live predictions between the training bursts (?inference=trainer), as before the inference worker",
  },
  'width-64': widthSweep(64),
  'width-192': widthSweep(192),
  'width-256': widthSweep(256),
};

/** nanoGPT's recipe at another width (4 heads: widths stay multiples of 4). */
function widthSweep(width: number): ConfigSetup {
  return {
    preset: 'medium',
    corpus: 'moby-dick',
    query: { width: String(width) },
    description: `nanoGPT's CPU recipe at width ${width} (4 layers, 4 heads, context 64, batch 12) on Moby-Dick`,
  };
}

/** The model width of a configuration (the presets' own where the query does not change it). */
export function widthOf(config: BenchConfig): number {
  const width = CONFIG_SETUPS[config].query?.width;
  return width !== undefined ? Number(width) : config === 'tiny' ? 32 : 128;
}

/** The page's path and query for a cell, on a browser reporting `cores` logical cores. */
export function cellPath(backend: BenchBackend, config: BenchConfig, cores: number): string {
  const { backend: name, threads, workers } = BACKEND_SETUPS[backend];
  const { preset, corpus, query: settings = {}, runtime = {} } = CONFIG_SETUPS[config];
  const query = new URLSearchParams({ backend: name });
  if (threads !== null) {
    const count = threads === 'per-core' ? Math.max(1, Math.min(MAX_WASM_THREADS, cores)) : threads;
    query.set('threads', String(count));
  }
  if (workers !== null) query.set('workers', String(workers));
  query.set('preset', preset);
  query.set('corpus', corpus);
  for (const [name, value] of Object.entries({ ...settings, ...runtime })) query.set(name, value);
  query.set('step', 'train');
  return `/?${query.toString()}`;
}
