/**
 * Headless training in Node with the same engine as the browser:
 *   npm run train -- --text FILE [--text FILE …] [--tokenizer char|byte|bpe] [--curate] [options] [--json]
 *   npm run train -- --resume FILE|DIR [--steps N …] [--save FILE]
 * Prepares the data (see data.ts), trains, and prints one line per evaluation (step, train
 * loss, validation loss, tokens/s; with a data option also validation bits per character).
 * `--save FILE` writes a checkpoint at the end (the page's format, with the tokenizer and the
 * token ids); `--resume` continues one (or an exported folder) on its own data, with the flags
 * given changing its training settings. Bad input exits non-zero with a one-line reason.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { selectBackend } from '../engine/backend';
import { TrainingDriver } from '../engine/driver';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeCheckpoint } from '../engine/checkpoint/checkpoint';
import { saveCorpus, type CheckpointExtra } from '../engine/checkpoint/corpus';
import { RunEvaluator, type EvaluationReport } from '../engine/run-evaluation';
import { TrainingSession } from '../engine/session';
import { DEFAULT_CURATION } from '../data/curate';
import { validateConfig } from '../config/validate';
import { serializeTokenizer } from '../tokenizer/registry';
import { applyFlags, parseTrainArgs, USAGE, type TrainOptions } from './args';
import { prepareData, type PreparedData } from './data';
import { CliError, readText } from './files';
import { loadModel } from './model-files';
import { evaluationOutput, type EvaluationPoint } from './report';
import { errorMessage } from '../shared/errors';
import { codePointsOf } from '../engine/evaluate/metrics';
import { cliTrainingWorkers, shareBatchesInThreads } from './helper-threads';

/** The data and session of a run: new from --text, or continued from --resume. */
interface Start {
  prepared: PreparedData;
  session: TrainingSession;
  /** What the checkpoint keeps for the page (its corpus name, the data's source). */
  ui: unknown;
}

/** Reads every --text file and prepares the token splits, turning failures into one line. */
async function loadData(options: TrainOptions): Promise<PreparedData> {
  const sources = [];
  for (const file of options.textFiles) sources.push({ file, text: await readText(file) });
  try {
    return prepareData(sources, options);
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
}

/** A new run on the --text files. */
async function startNew(options: TrainOptions): Promise<Start> {
  const prepared = await loadData(options);
  const { model: settings, training } = options.config;
  await selectBackend([options.backend]);
  try {
    const model = { ...settings, vocabSize: prepared.tokenizer.vocabSize };
    const session = new TrainingSession(model, training, prepared.split);
    const ui = {
      corpusName: options.textFiles.map((file) => basename(file)).join(', '),
      sizeName: 'CLI',
      config: options.config,
      source: {
        files: options.textFiles,
        tokenizer: options.tokenizer,
        vocabSize: options.vocabSize,
      },
      curation: options.curate ? DEFAULT_CURATION : null,
    };
    return { prepared, session, ui };
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
}

/** Continues a saved run on its own data; the flags given change its training settings. */
async function startResumed(options: TrainOptions, path: string): Promise<Start> {
  const { saved, tokenizer, data } = await loadModel(path);
  if (data.train.length === 0) throw new CliError(`${path} holds no training data to continue on.`);
  const { vocabSize, ...settings } = saved.state.model;
  const config = { model: { ...settings }, training: { ...saved.state.training } };
  applyFlags(config, options.given);
  const issues = validateConfig(config);
  if (issues.length > 0) throw new CliError(issues.map((i) => i.message).join(' '));
  await selectBackend([options.backend]);
  const state = {
    ...saved.state,
    model: { ...config.model, vocabSize },
    training: config.training,
  };
  let session: TrainingSession;
  try {
    session = TrainingSession.restore(state, data);
  } catch (error) {
    throw new CliError(`${path}: ${errorMessage(error)}`);
  }
  const prepared: PreparedData = {
    tokenizer,
    split: data,
    valChars: codePointsOf(tokenizer, data.val),
    curation: null,
    description: {
      documentsBefore: 0,
      documentsAfter: 0,
      exactDuplicates: 0,
      nearDuplicates: 0,
      tokenizer: tokenizer.kind,
      vocabSize: tokenizer.vocabSize,
      charsPerToken: 0,
      trainTokens: data.train.length,
      valTokens: data.val.length,
    },
  };
  const ui = (saved.extra as { ui?: unknown } | null)?.ui ?? null;
  return { prepared, session, ui };
}

/** Writes the session as a checkpoint file the page and `--resume` read. */
async function save(file: string, start: Start): Promise<void> {
  const { session, prepared } = start;
  const extra: CheckpointExtra = { ui: start.ui, corpus: saveCorpus(prepared.split) };
  const bytes = writeCheckpoint({
    name: basename(file).replace(/\.ptpg$/u, ''),
    createdAt: new Date().toISOString(),
    state: await session.saveState(),
    tokenizer: serializeTokenizer(prepared.tokenizer),
    extra,
  });
  try {
    await writeFile(file, bytes);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${errorMessage(error)}`);
  }
}

async function train(options: TrainOptions): Promise<void> {
  const start = options.resume
    ? await startResumed(options, options.resume)
    : await startNew(options);
  const { prepared, session } = start;
  const { tokenizer, split: data, description } = prepared;
  const training = session.training;
  const evaluator = options.evaluate
    ? new RunEvaluator(
        { params: session.params, config: session.model, tokenizer },
        training.objective,
        data,
        training.seed,
      )
    : null;
  const print = (point: EvaluationPoint, report: EvaluationReport | null): void => {
    const output = evaluationOutput(point, prepared, options.describeData, report);
    console.log(options.json ? JSON.stringify(output.fields) : output.text);
  };
  const workers = cliTrainingWorkers(session, options.workers);
  const endHelpers = await shareBatchesInThreads(session, workers, (problem) =>
    console.error(`train: ${problem}`),
  );
  if (options.json && options.describeData) console.log(JSON.stringify(description));
  if (!options.json) {
    if (options.describeData) {
      const d = description;
      const dedup = options.curate
        ? ` (${d.exactDuplicates} exact and ${d.nearDuplicates} near duplicates)`
        : '';
      console.log(
        `${d.documentsBefore} documents → ${d.documentsAfter}${dedup}; ${d.tokenizer} tokenizer, ${d.charsPerToken.toFixed(2)} chars/token`,
      );
    }
    console.log(
      `${training.objective} LM on ${options.resume ?? options.textFiles.join(', ')}${options.resume ? ` from step ${session.step}` : ''}: ${data.train.length} train / ${data.val.length} val tokens, vocab ${tokenizer.vocabSize}, backend ${tf.getBackend()}${session.workers > 1 ? `, ${session.workers} workers` : ''}`,
    );
  }
  const driver = new TrainingDriver(session, { maxSteps: 10 });
  const firstStep = session.step;
  const report = async (): Promise<void> => {
    const evaluation = await session.evaluate();
    const stepsRun = session.step - firstStep;
    const tokensPerSec =
      stepsRun === 0 ? null : (stepsRun * session.tokensPerStep) / (driver.elapsedMs / 1000);
    const point = {
      step: evaluation.step,
      trainLoss: evaluation.trainLoss,
      valLoss: evaluation.valLoss,
      tokensPerSec,
      workers: session.workers,
    };
    print(point, evaluator ? await evaluator.report(evaluation) : null);
  };
  let outcome;
  try {
    outcome = await driver.run({ evaluate: report }, 'before');
  } finally {
    endHelpers();
  }
  if (outcome.kind === 'diverged') {
    const bad = outcome.at;
    const what = Number.isFinite(bad.loss) ? `gradient norm ${bad.gradNorm}` : `loss ${bad.loss}`;
    throw new CliError(`training diverged at step ${bad.step} (${what}); try a lower --lr.`);
  }
  if (options.save) await save(options.save, start);
  session.dispose();
}

async function main(): Promise<void> {
  const parsed = parseTrainArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  if ('error' in parsed)
    throw new CliError(`${parsed.error} (${USAGE.split(' [')[0]} …, --help for all options)`);
  await train(parsed.options);
}

main().catch((error: unknown) => {
  const message =
    error instanceof CliError
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`train: ${message}`);
  process.exit(1);
});
