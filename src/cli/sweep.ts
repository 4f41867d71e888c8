/**
 * Headless scaling sweep in Node with the same engine as the page's scaling lab:
 *   npm run sweep -- --text FILE [--sizes 16,32,64,128] [--tokens 40000,120000] [--mixture A,B] [--json]
 * Prepares the data (see data.ts), trains every planned run one after another (runner.ts),
 * prints one line per finished run and the fits to stderr, and with --json the report
 * (report.ts) as the last line of stdout. Bad input exits non-zero with a one-line reason;
 * Ctrl-C stops after the current burst and still reports the runs that finished.
 */
import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { TokenSplit } from '../data/batcher';
import {
  curate,
  DEFAULT_CURATION,
  DOCUMENT_SEPARATOR,
  splitDocuments,
  splitOnBlankLines,
  VAL_FRACTION,
} from '../data/curate';
import { selectBackend } from '../engine/backend';
import { formatChinchillaFit, formatPowerFit } from '../scaling/fit';
import type { MixtureSpec } from '../scaling/mixture';
import { planMixture, shareLabel } from '../scaling/mixture';
import type { SweepSpec } from '../scaling/plan';
import { planSweep, shortCount } from '../scaling/plan';
import type { MixtureReport, ReportRun, SweepReport } from '../scaling/report';
import { buildSweepReport, fittedRuns, MIN_FITTED_RUNS, mixturePoints } from '../scaling/report';
import type { EvaluationSets, QueueJob, SweepRunResult } from '../engine/scaling/runner';
import { RunQueue } from '../engine/scaling/runner';
import { checkDataFits } from '../engine/session-types';
import { errorMessage } from '../shared/errors';
import type { AnyTokenizer } from '../tokenizer/registry';
import { buildTokenizer } from '../tokenizer/registry';
import { DEFAULT_MODEL, DEFAULT_TRAINING } from '../config/config';
import type { TrainOptions } from './args';
import { prepareData } from './data';
import { CliError, readText } from './files';
import { parseSweepArgs, SWEEP_HELP, SWEEP_USAGE, type SweepOptions } from './sweep-args';

/** Token streams a queue trains and evaluates on, with the tokenizer that made them. */
interface QueueData {
  /** What the runs trained on, in words (the report's `corpus`). */
  corpus: string;
  tokenizer: AnyTokenizer;
  split: TokenSplit;
}

/** The mixture's two corpora, encoded by one tokenizer. */
interface MixtureData {
  tokenizer: AnyTokenizer;
  a: TokenSplit;
  b: TokenSplit;
}

/** Exit code after Ctrl-C (128 + SIGINT), once the finished runs are reported. */
const CANCELLED_EXIT_CODE = 130;

/** Writes one human-readable line to stderr. */
function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Reads the --text files and prepares them exactly as `npm run train` does. */
async function loadSweepData(options: SweepOptions): Promise<QueueData> {
  const sources = [];
  for (const file of options.textFiles) sources.push({ file, text: await readText(file) });
  // prepareData reads the data options and the seed (for a split by document) only.
  const asTrain: TrainOptions = {
    textFile: options.textFiles[0] ?? '',
    textFiles: options.textFiles,
    tokenizer: options.tokenizer,
    vocabSize: options.vocabSize,
    curate: options.curate,
    describeData: true,
    config: { model: DEFAULT_MODEL, training: { ...DEFAULT_TRAINING, seed: options.spec.seed } },
    backend: options.backend,
    json: options.json,
    evaluate: false,
    save: null,
    resume: null,
    given: [],
    workers: 1,
  };
  try {
    const { tokenizer, split } = prepareData(sources, asTrain);
    return { corpus: options.textFiles.join(' + '), tokenizer, split };
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
}

/** One corpus's training and validation text: a 90/10 cut, or with --curate a split by document. */
function splitCorpus(file: string, text: string, options: SweepOptions): [string, string] {
  if (!options.curate) {
    const cut = Math.floor(text.length * (1 - VAL_FRACTION));
    return [text.slice(0, cut), text.slice(cut)];
  }
  const report = curate(splitOnBlankLines(text), DEFAULT_CURATION);
  if (report.documents.length < 2)
    throw new CliError(
      `curation kept ${report.documents.length} document(s) of ${file}; a split by document needs at least 2 (separate documents with a blank line).`,
    );
  const split = splitDocuments(report.documents, VAL_FRACTION, options.spec.seed, report.groups);
  return [split.train.join(DOCUMENT_SEPARATOR), split.val.join(DOCUMENT_SEPARATOR)];
}

/**
 * Reads both mixture files and encodes them with one tokenizer, so a model trained on any
 * share reads both: the char alphabet from all their text (no [UNK] in validation), BPE
 * merges from both training sides only — as prepareData builds one corpus's tokenizer.
 */
async function loadMixtureData(a: string, b: string, options: SweepOptions): Promise<MixtureData> {
  const [trainA, valA] = splitCorpus(a, await readText(a), options);
  const [trainB, valB] = splitCorpus(b, await readText(b), options);
  const trainText = `${trainA}${DOCUMENT_SEPARATOR}${trainB}`;
  const allText = [trainText, valA, valB].join(DOCUMENT_SEPARATOR);
  let tokenizer: AnyTokenizer;
  try {
    tokenizer = buildTokenizer(
      options.tokenizer,
      options.tokenizer === 'char' ? allText : trainText,
      {
        vocabSize: options.vocabSize,
      },
    );
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
  const encode = (train: string, val: string): TokenSplit => ({
    train: tokenizer.encode(train),
    val: tokenizer.encode(val),
  });
  return { tokenizer, a: encode(trainA, valA), b: encode(trainB, valB) };
}

/** `x` then `y`, in one stream. */
function concatenate(x: Int32Array, y: Int32Array): Int32Array {
  const joined = new Int32Array(x.length + y.length);
  joined.set(x, 0);
  joined.set(y, x.length);
  return joined;
}

/** Refuses token streams too short for the context, naming the corpus. */
function checkFits(name: string, split: TokenSplit, blockSize: number): void {
  const problem = checkDataFits(split, blockSize);
  if (problem) throw new CliError(`${name}: ${problem}`);
}

/** `1234567` → `1.23e+6`: compute in FLOPs. */
function formatCompute(flops: number): string {
  return flops.toExponential(2);
}

/** The stderr line of a finished run. */
function runLine(index: number, total: number, result: SweepRunResult, mixture: boolean): string {
  const losses = mixture
    ? `loss A ${(result.losses.a ?? NaN).toFixed(4)}, loss B ${(result.losses.b ?? NaN).toFixed(4)}`
    : `val loss ${result.valLoss.toFixed(4)}`;
  const diverged = result.diverged ? ' (diverged: left out of the fits)' : '';
  return `[${index}/${total}] ${result.label}: N ${shortCount(result.params)}, D ${shortCount(result.tokens)}, C ${formatCompute(result.compute)}, ${losses}, ${Math.round(result.tokensPerSec)} tokens/s${diverged}`;
}

/** Runs one queue to its end, one stderr line per finished run; Ctrl-C cancels it. */
async function runQueue(
  name: string,
  jobs: QueueJob[],
  evalSets: EvaluationSets,
  vocabSize: number,
  mixture: boolean,
): Promise<{ results: SweepRunResult[]; cancelled: boolean }> {
  note(`${jobs.length} ${name} runs planned:`);
  for (const { run } of jobs)
    note(
      `  ${run.id}: ${run.label}, ${run.model.nHead} head${run.model.nHead === 1 ? '' : 's'}, N ${run.params}, D ${run.tokens}, C ${formatCompute(run.compute)}, ${run.training.maxIters} steps`,
    );
  const queue = new RunQueue(jobs, evalSets, vocabSize, {
    onRun: (result) => note(runLine(queue.results.length, jobs.length, result, mixture)),
  });
  const cancel = (): void => {
    note(`${name}: stopping after the current burst (the finished runs are kept)…`);
    queue.cancel();
  };
  process.once('SIGINT', cancel);
  try {
    const outcome = await queue.run();
    return { results: [...queue.results], cancelled: outcome === 'cancelled' };
  } finally {
    process.off('SIGINT', cancel);
  }
}

/** Prints the fits with R², or why they are null. */
function noteFits(report: SweepReport): void {
  const fitted = fittedRuns(report.runs).length;
  const runs = `${fitted} fitted run${fitted === 1 ? '' : 's'}`;
  if (fitted < MIN_FITTED_RUNS) {
    note(
      `note: no fits (they need at least ${MIN_FITTED_RUNS} fitted runs; ${runs}): "fit" and "chinchilla" are null.`,
    );
    return;
  }
  if (report.fit)
    note(
      `fit on the compute frontier: ${formatPowerFit(report.fit)}, R² ${report.fit.r2.toFixed(3)}`,
    );
  else note(`note: no L(C) fit (too few points on the compute frontier; ${runs}): "fit" is null.`);
  if (report.chinchilla)
    note(
      `fit on the final losses: ${formatChinchillaFit(report.chinchilla)}, R² ${report.chinchilla.r2.toFixed(3)}`,
    );
  else
    note(
      `note: no L(N, D) fit (it needs runs over at least 2 sizes and 2 budgets; ${runs}): "chinchilla" is null.`,
    );
}

/** The CSV columns (see --help). */
const CSV_COLUMNS = [
  'id',
  'label',
  'width',
  'layers',
  'params',
  'tokens',
  'compute',
  'valLoss',
  'trainLoss',
  'tokensPerSec',
  'trainingMs',
  'share',
  'lossA',
  'lossB',
] as const;

/** One CSV field: numbers as they are (NaN empty), text quoted when it must be. */
function csvField(value: string | number | null): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The run table: the sweep's runs, then the mixture's (with their share and both losses). */
function runTable(sweep: readonly SweepRunResult[], mixture: readonly SweepRunResult[]): string {
  const row = (r: SweepRunResult, share: number | null): string =>
    [
      r.id,
      r.label,
      r.width,
      r.nLayer,
      r.params,
      r.tokens,
      r.compute,
      r.valLoss,
      r.trainLoss,
      Math.round(r.tokensPerSec),
      Math.round(r.trainingMs),
      share,
      share === null ? null : (r.losses.a ?? NaN),
      share === null ? null : (r.losses.b ?? NaN),
    ]
      .map(csvField)
      .join(',');
  // Mixture ids are `mix-<percent of A>`, as mixturePoints reads them.
  const shareOf = (r: SweepRunResult): number => Number(r.id.replace(/^mix-/, '')) / 100;
  return [
    CSV_COLUMNS.join(','),
    ...sweep.map((r) => row(r, null)),
    ...mixture.map((r) => row(r, shareOf(r))),
  ].join('\n');
}

/** The plain summary printed on stdout without --json. */
function summary(report: SweepReport): string {
  const lines = report.runs.map(
    (r) =>
      `${r.id.padEnd(14)} N ${String(r.params).padStart(8)}  D ${String(r.tokens).padStart(8)}  C ${formatCompute(r.compute)}  val loss ${r.valLoss.toFixed(4)}  ${Math.round(r.tokensPerSec)} tokens/s`,
  );
  if (report.fit) lines.push(`${formatPowerFit(report.fit)}, R² ${report.fit.r2.toFixed(3)}`);
  if (report.chinchilla)
    lines.push(`${formatChinchillaFit(report.chinchilla)}, R² ${report.chinchilla.r2.toFixed(3)}`);
  for (const p of report.mixture?.points ?? [])
    lines.push(
      `${shareLabel(p.share).padEnd(8)} loss A ${p.lossA.toFixed(4)}  loss B ${p.lossB.toFixed(4)}`,
    );
  return lines.join('\n');
}

/** The mixture runs' shape, with the sweep's context, batch, seed and objective. */
function mixtureJobs(spec: MixtureSpec, sweep: SweepSpec, data: MixtureData): QueueJob[] {
  const { widths: _widths, budgets: _budgets, ...recipe } = sweep;
  return planMixture(spec, recipe, data.tokenizer.vocabSize, data.a, data.b);
}

async function sweep(options: SweepOptions): Promise<number> {
  const { spec } = options;
  const mixtureData = options.mixture
    ? await loadMixtureData(options.mixture.a, options.mixture.b, options)
    : null;
  if (options.mixture && mixtureData) {
    checkFits(options.mixture.a, mixtureData.a, spec.blockSize);
    checkFits(options.mixture.b, mixtureData.b, spec.blockSize);
  }
  let sweepData: QueueData | null = null;
  if (options.sweep && options.textFiles.length > 0) sweepData = await loadSweepData(options);
  else if (options.sweep && options.mixture && mixtureData) {
    // No --text: the sweep reads both mixture corpora, with the mixture's tokenizer.
    sweepData = {
      corpus: `${options.mixture.a} + ${options.mixture.b}`,
      tokenizer: mixtureData.tokenizer,
      split: {
        train: concatenate(mixtureData.a.train, mixtureData.b.train),
        val: concatenate(mixtureData.a.val, mixtureData.b.val),
      },
    };
  }
  if (sweepData) checkFits(sweepData.corpus, sweepData.split, spec.blockSize);

  try {
    await selectBackend([options.backend]);
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
  const corpus = sweepData?.corpus ?? `${options.mixture?.a ?? ''} + ${options.mixture?.b ?? ''}`;
  const tokenizer = sweepData?.tokenizer ?? mixtureData?.tokenizer;
  if (!tokenizer) throw new CliError('nothing to run: give --text FILE or --mixture A,B.');

  let cancelled = false;
  let sweepResults: SweepRunResult[] = [];
  if (sweepData) {
    const { split } = sweepData;
    note(
      `sweep on ${sweepData.corpus}: ${split.train.length} train / ${split.val.length} val tokens, ${sweepData.tokenizer.kind} tokenizer, vocab ${sweepData.tokenizer.vocabSize}, backend ${tf.getBackend()}`,
    );
    const jobs = planSweep(spec, sweepData.tokenizer.vocabSize).map((run) => ({
      run,
      train: split.train,
    }));
    ({ results: sweepResults, cancelled } = await runQueue(
      'sweep',
      jobs,
      { val: split.val },
      sweepData.tokenizer.vocabSize,
      false,
    ));
  }

  let mixtureResults: SweepRunResult[] = [];
  let mixture: MixtureReport | null = null;
  if (options.mixture && mixtureData && !cancelled) {
    const { a, b } = mixtureData;
    note(
      `mixture of ${options.mixture.a} (A: ${a.train.length} train / ${a.val.length} val tokens) and ${options.mixture.b} (B: ${b.train.length} / ${b.val.length}), ${mixtureData.tokenizer.kind} tokenizer, vocab ${mixtureData.tokenizer.vocabSize}, backend ${tf.getBackend()}`,
    );
    const jobs = mixtureJobs(options.mixture.spec, spec, mixtureData);
    ({ results: mixtureResults, cancelled } = await runQueue(
      'mixture',
      jobs,
      { a: a.val, b: b.val },
      mixtureData.tokenizer.vocabSize,
      true,
    ));
    mixture = {
      a: options.mixture.a,
      b: options.mixture.b,
      width: options.mixture.spec.width,
      params: jobs[0]?.run.params ?? 0,
      tokens: jobs[0]?.run.tokens ?? 0,
      points: mixturePoints(mixtureResults),
    };
  }

  const runs: ReportRun[] = sweepResults.map((result) => ({ ...result, kind: 'sweep' }));
  const report = buildSweepReport(
    { corpus, tokenizer: tokenizer.kind, vocabSize: tokenizer.vocabSize, spec },
    runs,
    mixture,
  );
  if (sweepData) noteFits(report);
  if (options.csvFile !== null) {
    try {
      await writeFile(options.csvFile, `${runTable(sweepResults, mixtureResults)}\n`);
    } catch (error) {
      throw new CliError(`cannot write ${options.csvFile}: ${errorMessage(error)}`);
    }
  }
  console.log(options.json ? JSON.stringify(report) : summary(report));
  if (cancelled) {
    note('cancelled: the report holds the runs that finished.');
    return CANCELLED_EXIT_CODE;
  }
  return 0;
}

async function main(): Promise<void> {
  const parsed = parseSweepArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(SWEEP_HELP);
    return;
  }
  if ('error' in parsed)
    throw new CliError(`${parsed.error} (${SWEEP_USAGE.split(' [')[0]} …, --help for all options)`);
  process.exitCode = await sweep(parsed.options);
}

main().catch((error: unknown) => {
  console.error(`sweep: ${errorMessage(error)}`);
  process.exit(1);
});
