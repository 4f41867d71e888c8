/**
 * Command-line options of `npm run train`, parsed and validated into a run configuration.
 * Every error is one line a person can act on.
 */
import { parseArgs } from 'node:util';
import type { Objective, RunConfig } from '../config/config';
import { DEFAULT_MODEL, DEFAULT_TRAINING, OBJECTIVES } from '../config/config';
import { MAX_TRAINING_WORKERS } from '../config/query';
import { validateConfig } from '../config/validate';
import type { TokenizerKind } from '../tokenizer/registry';
import { BPE_VOCAB_SIZE, isTokenizerKind, TOKENIZER_KINDS } from '../tokenizer/registry';

/** Backends the CLI can run on in Node. */
export type CliBackend = 'wasm' | 'cpu';

/** Everything the CLI was asked to do. */
export interface TrainOptions {
  /** The first --text file. */
  textFile: string;
  /** Every --text file, in order. */
  textFiles: string[];
  /** How text becomes tokens. */
  tokenizer: TokenizerKind;
  /** BPE vocabulary size (regular tokens, special tokens not counted). */
  vocabSize: number;
  /** Clean, filter and deduplicate the documents before training. */
  curate: boolean;
  /**
   * Whether a data option was given (--tokenizer, --vocab-size, --curate, several --text):
   * then --json starts with a line describing the data and evaluations carry valBitsPerChar.
   */
  describeData: boolean;
  config: RunConfig;
  backend: CliBackend;
  json: boolean;
  /** Add the evaluation stage's metrics to every evaluation line (perplexity, accuracy, benchmarks). */
  evaluate: boolean;
  /** Write a checkpoint here at the end (`--save`). */
  save: string | null;
  /** Continue this checkpoint, folder or zip (`--resume`) instead of starting from --text. */
  resume: string | null;
  /** The numeric flags given, in order: with --resume they change the saved training settings. */
  given: [string, number][];
  /**
   * `--workers N`: N workers (this thread and N - 1 helper threads) share each batch; null: as
   * many as pay on this machine (helper-threads.ts).
   */
  workers: number | null;
}

/** Flags that change the model's shape, which a resumed run keeps. */
const SHAPE_FLAGS = new Set(['n-layer', 'n-head', 'n-embd', 'block-size']);

/** Applies numeric flags (as parsed into `given`) to a configuration. */
export function applyFlags(config: RunConfig, given: readonly [string, number][]): void {
  for (const [flag, value] of given) NUMBER_FLAGS[flag as NumberFlag](config, value);
}

/** Numeric flags and the config field each sets. */
const NUMBER_FLAGS = {
  'n-layer': (c: RunConfig, v: number) => void (c.model.nLayer = v),
  'n-head': (c: RunConfig, v: number) => void (c.model.nHead = v),
  'n-embd': (c: RunConfig, v: number) => void (c.model.nEmbd = v),
  'block-size': (c: RunConfig, v: number) => void (c.model.blockSize = v),
  dropout: (c: RunConfig, v: number) => void (c.model.dropout = v),
  'batch-size': (c: RunConfig, v: number) => void (c.training.batchSize = v),
  steps: (c: RunConfig, v: number) => void (c.training.maxIters = v),
  lr: (c: RunConfig, v: number) => void (c.training.learningRate = v),
  'min-lr': (c: RunConfig, v: number) => void (c.training.minLr = v),
  warmup: (c: RunConfig, v: number) => void (c.training.warmupIters = v),
  'weight-decay': (c: RunConfig, v: number) => void (c.training.weightDecay = v),
  'grad-clip': (c: RunConfig, v: number) => void (c.training.gradClip = v),
  'mask-ratio': (c: RunConfig, v: number) => void (c.training.maskRatio = v),
  seed: (c: RunConfig, v: number) => void (c.training.seed = v),
  'eval-every': (c: RunConfig, v: number) => void (c.training.evalInterval = v),
  'eval-iters': (c: RunConfig, v: number) => void (c.training.evalIters = v),
};

type NumberFlag = keyof typeof NUMBER_FLAGS;

/** The usage line printed with `--help`. */
export const USAGE =
  'usage: npm run train -- --text FILE [--text FILE …] [--tokenizer char|byte|bpe] [--vocab-size 1024] [--curate] [--objective causal|masked] [--n-layer 4 --n-head 4 --n-embd 128 --block-size 64 --batch-size 12 --steps 2000 --lr 1e-3 --min-lr 1e-4 --warmup 100 --weight-decay 0.1 --grad-clip 1 --dropout 0 --mask-ratio 0.15 --seed 1337 --eval-every 250 --eval-iters 20 --backend wasm|cpu] [--workers 1-4] [--json] [--eval] [--save FILE] [--resume FILE|DIR]';

/** Parses argv (without node and script) into options, or a one-line error. */
export function parseTrainArgs(
  argv: string[],
): { options: TrainOptions } | { error: string } | { help: true } {
  const numberOptions = Object.fromEntries(
    Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
  ) as Record<NumberFlag, { type: 'string' }>;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...numberOptions,
        text: { type: 'string', multiple: true },
        tokenizer: { type: 'string' },
        'vocab-size': { type: 'string' },
        curate: { type: 'boolean' },
        objective: { type: 'string' },
        backend: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
        eval: { type: 'boolean' },
        save: { type: 'string' },
        resume: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return {
      error:
        error instanceof Error ? (error.message.split('\n')[0] ?? 'bad arguments') : String(error),
    };
  }
  if (values.help) return { help: true };
  const textFiles = Array.isArray(values.text) ? values.text : [];
  const resume = typeof values.resume === 'string' && values.resume !== '' ? values.resume : null;
  const save = typeof values.save === 'string' && values.save !== '' ? values.save : null;
  const textFile = textFiles[0] ?? '';
  if (resume === null && (textFiles.length === 0 || textFiles.some((file) => file === ''))) {
    return { error: '--text FILE (or --resume FILE) is required.' };
  }
  if (resume !== null && values.objective !== undefined) {
    return { error: '--objective cannot change when resuming: the run keeps its objective.' };
  }
  if (resume !== null && textFiles.length > 0) {
    return { error: '--resume continues on the data saved with the run; leave out --text.' };
  }
  const tokenizer = values.tokenizer ?? 'char';
  if (typeof tokenizer !== 'string' || !isTokenizerKind(tokenizer)) {
    return {
      error: `--tokenizer must be one of ${TOKENIZER_KINDS.join(', ')}, got '${String(tokenizer)}'.`,
    };
  }
  const rawVocab = values['vocab-size'];
  const vocabSize = rawVocab === undefined ? BPE_VOCAB_SIZE.value : Number(rawVocab);
  if (
    !Number.isInteger(vocabSize) ||
    vocabSize < BPE_VOCAB_SIZE.min ||
    vocabSize > BPE_VOCAB_SIZE.max
  ) {
    return {
      error: `--vocab-size must be a whole number from ${BPE_VOCAB_SIZE.min} to ${BPE_VOCAB_SIZE.max}, got '${String(rawVocab)}'.`,
    };
  }
  if (rawVocab !== undefined && tokenizer !== 'bpe') {
    return { error: '--vocab-size applies to --tokenizer bpe only.' };
  }
  const curate = values.curate === true;
  const describeData =
    curate || textFiles.length > 1 || values.tokenizer !== undefined || rawVocab !== undefined;

  const objective = values.objective ?? DEFAULT_TRAINING.objective;
  if (typeof objective !== 'string' || !(OBJECTIVES as readonly string[]).includes(objective)) {
    return {
      error: `--objective must be one of ${OBJECTIVES.join(', ')}, got '${String(objective)}'.`,
    };
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    return { error: `--backend must be wasm or cpu, got '${String(backend)}'.` };
  }

  const rawWorkers = values.workers;
  const workers = rawWorkers === undefined ? null : Number(rawWorkers);
  if (
    workers !== null &&
    !(Number.isInteger(workers) && workers >= 1 && workers <= MAX_TRAINING_WORKERS)
  ) {
    return {
      error: `--workers must be a whole number from 1 to ${MAX_TRAINING_WORKERS}, got '${String(rawWorkers)}'.`,
    };
  }
  if (workers !== null && workers > 1 && backend !== 'wasm') {
    return { error: '--workers above 1 needs --backend wasm.' };
  }

  const config: RunConfig = {
    model: { ...DEFAULT_MODEL },
    training: { ...DEFAULT_TRAINING, objective: objective as Objective },
  };
  const given: [string, number][] = [];
  for (const [flag, setField] of Object.entries(NUMBER_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) {
      return { error: `--${flag} must be a number, got '${String(raw)}'.` };
    }
    if (resume !== null && SHAPE_FLAGS.has(flag)) {
      return { error: `--${flag} cannot change when resuming: the model keeps its shape.` };
    }
    setField(config, value);
    given.push([flag, value]);
  }
  // A resumed run's settings are the saved ones changed by these flags: checked once loaded.
  const issues = resume === null ? validateConfig(config) : [];
  if (issues.length > 0) return { error: issues.map((i) => i.message).join(' ') };
  return {
    options: {
      textFile,
      textFiles,
      tokenizer,
      vocabSize,
      curate,
      describeData,
      config,
      backend,
      json: values.json === true,
      evaluate: values.eval === true,
      save,
      resume,
      given,
      workers,
    },
  };
}
