/**
 * The benchmark's command line: which backends and configurations to measure, for how long,
 * and where to write the results.
 */
import { parseArgs } from 'node:util';

/**
 * A backend as the benchmark measures it. WASM three ways: as the app runs it (one thread per
 * worker, a batch shared between one worker per core when the model is large enough), one
 * worker with XNNPACK's threads (one per core), and one worker on one thread.
 */
export type BenchBackend = 'webgpu' | 'wasm' | 'wasm-threads' | 'wasm-1thread' | 'webgl' | 'cpu';

/** Every backend, in the order measured. */
export const BENCH_BACKENDS: readonly BenchBackend[] = [
  'webgpu',
  'wasm',
  'wasm-threads',
  'wasm-1thread',
  'webgl',
  'cpu',
];

/**
 * A model and data set-up as the benchmark measures it: the Tiny preset, nanoGPT's recipe (the
 * Medium preset, width 128), and that recipe at other widths (the size sweep).
 */
export type BenchConfig =
  'tiny' | 'nanogpt' | 'nanogpt-inline' | 'width-64' | 'width-192' | 'width-256';

/** The configurations measured by default, smallest first. */
export const BENCH_CONFIGS: readonly BenchConfig[] = ['tiny', 'nanogpt'];

/** The size sweep (`--sweep`): nanoGPT's recipe at four widths, 4 layers, on WASM. */
export const SWEEP_CONFIGS: readonly BenchConfig[] = [
  'width-64',
  'nanogpt',
  'width-192',
  'width-256',
];

/** Every configuration `--configs` accepts. */
const ALL_CONFIGS: readonly BenchConfig[] = [
  'tiny',
  'width-64',
  'nanogpt',
  'nanogpt-inline',
  'width-192',
  'width-256',
];

/** The benchmark's settings. */
export interface BenchOptions {
  backends: BenchBackend[];
  configs: BenchConfig[];
  /** Training time budget per cell, from the click on Start. */
  seconds: number;
  /** Tiny configuration only, a few seconds per cell (the CI test). */
  quick: boolean;
  /** Where the JSON goes. */
  out: string;
  /** Skip `npm run build` (use the dist/ already built). */
  build: boolean;
  /** Extra Chromium flags (e.g. for Vulkan on a machine with a real GPU). */
  chromiumArgs: string[];
  /** Also measure BPE training and compression in Node (no browser). */
  bpe: boolean;
  /** Only the BPE measurements: no build, no browser. */
  bpeOnly: boolean;
  /** Run the PyTorch reference of the nanoGPT recipe first (`--no-reference` skips it). */
  reference: boolean;
  /** Reference and WASM × nanogpt pairs measured back to back for the headline ratio. */
  headlineRepeats: number;
  /** Also measure WASM on `SWEEP_CONFIGS` (cost against model size). */
  sweep: boolean;
  /** Measure the CLI (`npm run train`) on nanoGPT's recipe, 1 and 2 workers (`--no-cli` skips it). */
  cli: boolean;
}

/** Training seconds per cell by default: ten cells and their set-up stay under ten minutes. */
export const DEFAULT_SECONDS = 45;
/** Training seconds per cell with --quick. */
export const QUICK_SECONDS = 5;

/** The usage line printed with a bad flag. */
export const USAGE = `npm run bench -- [--backends ${BENCH_BACKENDS.join(',')}] [--configs ${BENCH_CONFIGS.join(',')}]
  [--seconds N] [--quick] [--out bench/results.json] [--no-build] [--chromium-arg ARG]... [--bpe | --bpe-only]
  [--no-reference] [--headline-repeats 3] [--sweep] [--no-cli]`;

function listOf<T extends string>(
  value: string | undefined,
  known: readonly T[],
  flag: string,
): T[] {
  if (value === undefined) return [...known];
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const chosen = known.filter((name) => items.includes(name));
  const unknown = items.filter((item) => !known.some((name) => name === item));
  if (unknown.length > 0 || chosen.length === 0) {
    throw new Error(
      `${flag}: unknown ${unknown.join(', ') || 'empty list'} (one of ${known.join(', ')})`,
    );
  }
  return chosen;
}

/**
 * Joins `--chromium-arg X` into `--chromium-arg=X`: Chromium flags start with dashes, which
 * `parseArgs` would otherwise take for an option of ours.
 */
function joinChromiumArgs(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--chromium-arg' && next !== undefined) {
      joined.push(`--chromium-arg=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Reads the command line; throws with a one-line reason on a bad flag. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: joinChromiumArgs(argv),
    strict: true,
    options: {
      backends: { type: 'string' },
      configs: { type: 'string' },
      seconds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results.json' },
      'no-build': { type: 'boolean', default: false },
      'chromium-arg': { type: 'string', multiple: true, default: [] },
      bpe: { type: 'boolean', default: false },
      'bpe-only': { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
      'headline-repeats': { type: 'string', default: '3' },
      sweep: { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const seconds =
    values.seconds === undefined
      ? quick
        ? QUICK_SECONDS
        : DEFAULT_SECONDS
      : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`--seconds: expected a positive number, got ${values.seconds ?? ''}`);
  }
  const configs =
    values.configs === undefined
      ? [...BENCH_CONFIGS]
      : listOf(values.configs, ALL_CONFIGS, '--configs');
  const headlineRepeats = Number(values['headline-repeats']);
  if (!Number.isInteger(headlineRepeats) || headlineRepeats < 0) {
    throw new Error(
      `--headline-repeats: expected a whole number ≥ 0, got ${values['headline-repeats']}`,
    );
  }
  return {
    backends: listOf(values.backends, BENCH_BACKENDS, '--backends'),
    configs: quick ? ['tiny'] : configs,
    seconds,
    quick,
    out: values.out,
    build: !values['no-build'],
    chromiumArgs: values['chromium-arg'],
    bpe: values.bpe || values['bpe-only'],
    bpeOnly: values['bpe-only'],
    reference: !values['no-reference'],
    headlineRepeats,
    sweep: values.sweep,
    cli: !values['no-cli'],
  };
}
