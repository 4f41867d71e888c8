/**
 * Command-line options of `npm run sweep`, parsed and validated into a sweep spec and an
 * optional data-mixture spec. Every error is one line a person can act on.
 */
import { parseArgs } from 'node:util';
import type { Objective } from '../config/config';
import { OBJECTIVES } from '../config/config';
import { validateConfig } from '../config/validate';
import type { MixtureSpec } from '../scaling/mixture';
import { DEFAULT_MIXTURE } from '../scaling/mixture';
import type { SweepSpec } from '../scaling/plan';
import {
  checkSweepSpec,
  DEFAULT_SWEEP,
  nonEmbeddingParameters,
  runTraining,
  SHAPE_RULE,
  shapeForWidth,
  shortCount,
  SWEEP_WIDTHS,
} from '../scaling/plan';
import type { TokenizerKind } from '../tokenizer/registry';
import { BPE_VOCAB_SIZE, isTokenizerKind, TOKENIZER_KINDS } from '../tokenizer/registry';
import type { CliBackend } from './args';

/** The mixture experiment the CLI was asked to run: two text files and the runs' shape. */
export interface MixtureOptions {
  /** Corpus A's text file. */
  a: string;
  /** Corpus B's text file. */
  b: string;
  spec: MixtureSpec;
}

/** Everything `npm run sweep` was asked to do. */
export interface SweepOptions {
  /** Every --text file, in order (the sweep's corpus). */
  textFiles: string[];
  /** How text becomes tokens. */
  tokenizer: TokenizerKind;
  /** BPE vocabulary size (regular tokens, special tokens not counted). */
  vocabSize: number;
  /** Clean, filter and deduplicate the documents before training. */
  curate: boolean;
  /** Whether the sweep runs (with --mixture alone, only the mixture does). */
  sweep: boolean;
  spec: SweepSpec;
  mixture: MixtureOptions | null;
  /** Where to write the run table as CSV, if anywhere. */
  csvFile: string | null;
  json: boolean;
  backend: CliBackend;
}

/** The one-line usage, printed after an argument error. */
export const SWEEP_USAGE =
  'usage: npm run sweep -- --text FILE [--text FILE …] [--tokenizer char|byte|bpe] [--vocab-size N] [--curate] [--sizes 16,32,64,128] [--tokens 40000,120000 | --tokens optimal] [--block-size 64] [--batch-size 16] [--seed N] [--objective causal|masked] [--mixture A,B] [--mixture-width 32] [--mixture-tokens 60000] [--csv FILE] [--json] [--backend wasm|cpu]';

/** Each sweepable width as one help line: its shape and its non-embedding parameters N. */
function sizeTable(): string {
  return SWEEP_WIDTHS.map((width) => {
    const shape = shapeForWidth(width, DEFAULT_SWEEP.blockSize);
    // N leaves out both embeddings, so it depends on neither the vocabulary nor the context.
    const params = nonEmbeddingParameters({ ...shape, vocabSize: 1 });
    const layers = `${shape.nLayer} layer${shape.nLayer === 1 ? '' : 's'}`;
    const heads = `${shape.nHead} head${shape.nHead === 1 ? '' : 's'}`;
    return `  ${String(width).padStart(4)}  ${layers}, ${heads}, MLP ${4 * width}  N = ${shortCount(params)} (${params})`;
  }).join('\n');
}

/** The text printed with `--help`. */
export const SWEEP_HELP = `${SWEEP_USAGE}

Trains a grid of model sizes × token budgets on the same data (each run its own cosine
schedule), then fits L(C) = E + a·C^(−α) on the compute frontier and the Chinchilla
L(N, D) = E + A·N^(−α) + B·D^(−β) on the final losses. N counts non-embedding parameters,
D the tokens read, C = 6·N·D.

  --text FILE          training text (repeatable); one file is cut 90/10, several are split by document
  --tokenizer KIND     char (default), byte or bpe; --vocab-size N sets the BPE vocabulary (${BPE_VOCAB_SIZE.min}–${BPE_VOCAB_SIZE.max})
  --curate             clean, filter and deduplicate the documents first
  --sizes W,W,…        model widths, among ${SWEEP_WIDTHS.join(', ')} (default ${DEFAULT_SWEEP.widths.join(',')})
  --tokens D,D,…       token budgets per run (default ${(DEFAULT_SWEEP.budgets as number[]).join(',')}), rounded to whole
                       steps; 'optimal' trains each size on 20 tokens per parameter
  --block-size T       context length (default ${DEFAULT_SWEEP.blockSize}); --batch-size B (default ${DEFAULT_SWEEP.batchSize})
  --seed N             seed of every run (default ${DEFAULT_SWEEP.seed}): the same data order for all
  --objective O        causal (default) or masked
  --mixture A,B        also (or, without --text/--sizes/--tokens, only) run the data mixture: a
                       ${DEFAULT_MIXTURE.width}-wide model trained on ${DEFAULT_MIXTURE.shares.map((s) => `${s * 100}%`).join('/')} of text file A, the rest
                       of B, each evaluated on both. One tokenizer is built on both files (char: all
                       their text; BPE: both training sides); each is cut 90/10. Without --text the
                       sweep, if asked for, trains on A and B together with that tokenizer.
  --mixture-width W    width of the mixture runs (default ${DEFAULT_MIXTURE.width}); --mixture-tokens D (default ${DEFAULT_MIXTURE.budget})
  --csv FILE           write one row per run: id,label,width,layers,params,tokens,compute,valLoss,
                       trainLoss,tokensPerSec,trainingMs,share,lossA,lossB (share, lossA and lossB
                       are filled on the mixture's rows, ids mix-<percent>, and empty on the sweep's)
  --json               print the report as JSON on the last line of stdout
  --backend B          wasm (default) or cpu

Progress (one line per finished run) and the fits go to stderr.

Sizes (${SHAPE_RULE}):
${sizeTable()}`;

/** A comma-separated list of numbers, or the reason it is not one. */
function parseNumberList(flag: string, raw: string): number[] | string {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.some((part) => part === '') || values.some((v) => !Number.isFinite(v)))
    return `--${flag} must be comma-separated numbers, got '${raw}'.`;
  return values;
}

/** A whole number within a range, or the reason it is not one. */
function parseWhole(
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | string {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    return `--${flag} must be a whole number from ${min} to ${max}, got '${raw}'.`;
  return value;
}

/** The reason a width is not sweepable, or null. */
function widthProblem(flag: string, width: number): string | null {
  return SWEEP_WIDTHS.includes(width)
    ? null
    : `--${flag}: ${width} is not a sweep size; sizes are model widths among ${SWEEP_WIDTHS.join(', ')}.`;
}

/** Parses argv (without node and script) into options, or a one-line error. */
export function parseSweepArgs(
  argv: string[],
): { options: SweepOptions } | { error: string } | { help: true } {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        text: { type: 'string', multiple: true },
        tokenizer: { type: 'string' },
        'vocab-size': { type: 'string' },
        curate: { type: 'boolean' },
        sizes: { type: 'string' },
        tokens: { type: 'string' },
        'block-size': { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
        objective: { type: 'string' },
        mixture: { type: 'string' },
        'mixture-width': { type: 'string' },
        'mixture-tokens': { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'boolean' },
        backend: { type: 'string' },
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
  const text = (flag: string): string | undefined => {
    const value = values[flag];
    return typeof value === 'string' ? value : undefined;
  };

  const textFiles = Array.isArray(values.text) ? values.text : [];
  if (textFiles.some((file) => file === '')) return { error: '--text needs a file name.' };

  let mixtureFiles: [string, string] | null = null;
  const rawMixture = text('mixture');
  if (rawMixture !== undefined) {
    const files = rawMixture.split(',').map((file) => file.trim());
    const [a, b] = files;
    if (files.length !== 2 || !a || !b)
      return { error: `--mixture takes two text files, A,B, got '${rawMixture}'.` };
    mixtureFiles = [a, b];
  }
  const rawSizes = text('sizes');
  const rawTokens = text('tokens');
  // --mixture alone runs only the mixture; asking for a corpus, sizes or budgets adds the sweep.
  const sweep =
    mixtureFiles === null ||
    textFiles.length > 0 ||
    rawSizes !== undefined ||
    rawTokens !== undefined;
  if (mixtureFiles === null && textFiles.length === 0)
    return { error: '--text FILE is required (or --mixture A,B).' };

  const tokenizer = text('tokenizer') ?? 'char';
  if (!isTokenizerKind(tokenizer))
    return {
      error: `--tokenizer must be one of ${TOKENIZER_KINDS.join(', ')}, got '${tokenizer}'.`,
    };
  const rawVocab = text('vocab-size');
  const vocabSize = parseWhole(
    'vocab-size',
    rawVocab,
    BPE_VOCAB_SIZE.value,
    BPE_VOCAB_SIZE.min,
    BPE_VOCAB_SIZE.max,
  );
  if (typeof vocabSize === 'string') return { error: vocabSize };
  if (rawVocab !== undefined && tokenizer !== 'bpe')
    return { error: '--vocab-size applies to --tokenizer bpe only.' };

  const objective = text('objective') ?? DEFAULT_SWEEP.objective;
  if (!(OBJECTIVES as readonly string[]).includes(objective))
    return { error: `--objective must be one of ${OBJECTIVES.join(', ')}, got '${objective}'.` };
  const backend = text('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu')
    return { error: `--backend must be wasm or cpu, got '${backend}'.` };

  const blockSize = parseWhole('block-size', text('block-size'), DEFAULT_SWEEP.blockSize, 2, 1024);
  if (typeof blockSize === 'string') return { error: blockSize };
  const batchSize = parseWhole('batch-size', text('batch-size'), DEFAULT_SWEEP.batchSize, 1, 1024);
  if (typeof batchSize === 'string') return { error: batchSize };
  const seed = parseWhole('seed', text('seed'), DEFAULT_SWEEP.seed, 0, 2 ** 32 - 1);
  if (typeof seed === 'string') return { error: seed };

  let widths = DEFAULT_SWEEP.widths;
  if (rawSizes !== undefined) {
    const parsed = parseNumberList('sizes', rawSizes);
    if (typeof parsed === 'string') return { error: parsed };
    const problem = parsed.map((w) => widthProblem('sizes', w)).find((p) => p !== null);
    if (problem) return { error: problem };
    widths = parsed;
  }
  let budgets = DEFAULT_SWEEP.budgets;
  if (rawTokens === 'optimal') budgets = 'optimal';
  else if (rawTokens !== undefined) {
    const parsed = parseNumberList('tokens', rawTokens);
    if (typeof parsed === 'string') return { error: `${parsed.slice(0, -1)} (or 'optimal').` };
    budgets = parsed;
  }
  const spec: SweepSpec = {
    ...DEFAULT_SWEEP,
    widths: [...widths],
    budgets: budgets === 'optimal' ? budgets : [...budgets],
    objective: objective as Objective,
    blockSize,
    batchSize,
    seed,
  };
  const specProblem = checkSweepSpec(spec);
  if (specProblem) return { error: specProblem };

  let mixture: MixtureOptions | null = null;
  if (mixtureFiles) {
    const rawWidth = text('mixture-width');
    const width = rawWidth === undefined ? DEFAULT_MIXTURE.width : Number(rawWidth);
    if (rawWidth !== undefined && (rawWidth.trim() === '' || !Number.isFinite(width)))
      return { error: `--mixture-width must be a number, got '${rawWidth}'.` };
    const problem = widthProblem('mixture-width', width);
    if (problem) return { error: problem };
    const budget = parseWhole(
      'mixture-tokens',
      text('mixture-tokens'),
      DEFAULT_MIXTURE.budget,
      1,
      1e9,
    );
    if (typeof budget === 'string') return { error: budget };
    mixture = {
      a: mixtureFiles[0],
      b: mixtureFiles[1],
      spec: { ...DEFAULT_MIXTURE, width, budget },
    };
  } else if (text('mixture-width') !== undefined || text('mixture-tokens') !== undefined) {
    return { error: '--mixture-width and --mixture-tokens apply to --mixture A,B only.' };
  }

  // The shapes and recipes come from plan.ts; check them like a hand-made config.
  const shapes = [...(sweep ? widths : []), ...(mixture ? [mixture.spec.width] : [])];
  for (const width of shapes) {
    const issues = validateConfig({
      model: shapeForWidth(width, blockSize),
      training: runTraining(spec, width, 2),
    });
    if (issues.length > 0)
      return { error: `width ${width}: ${issues.map((i) => i.message).join(' ')}` };
  }

  const csvFile = text('csv') ?? null;
  if (csvFile === '') return { error: '--csv needs a file name.' };

  return {
    options: {
      textFiles,
      tokenizer,
      vocabSize,
      curate: values.curate === true,
      sweep,
      spec,
      mixture,
      csvFile,
      json: values.json === true,
      backend,
    },
  };
}
