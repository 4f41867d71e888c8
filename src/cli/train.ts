/**
 * Headless training in Node with the same engine as the browser:
 *   npm run train -- --text FILE [--text FILE …] [--tokenizer char|byte|bpe] [--curate] [options] [--json]
 * Prepares the data (see data.ts), trains, and prints one line per evaluation (step, train
 * loss, validation loss, tokens/s; with a data option also validation bits per character).
 * Bad input exits non-zero with a one-line reason.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { selectBackend } from '../engine/backend';
import { TrainingDriver } from '../engine/driver';
import { RunEvaluator, type EvaluationReport } from '../engine/run-evaluation';
import { TrainingSession } from '../engine/session';
import { parseTrainArgs, USAGE, type TrainOptions } from './args';
import { prepareData, type PreparedData } from './data';
import { CliError, readText } from './files';
import { evaluationOutput, type EvaluationPoint } from './report';
import { errorMessage } from '../shared/errors';

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

async function train(options: TrainOptions): Promise<void> {
  const prepared = await loadData(options);
  const { tokenizer, split: data, description } = prepared;
  const { model: settings, training } = options.config;
  await selectBackend([options.backend]);
  let session: TrainingSession;
  try {
    session = new TrainingSession({ ...settings, vocabSize: tokenizer.vocabSize }, training, data);
  } catch (error) {
    throw new CliError(errorMessage(error));
  }
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
      `${training.objective} LM on ${options.textFiles.join(', ')}: ${data.train.length} train / ${data.val.length} val tokens, vocab ${tokenizer.vocabSize}, backend ${tf.getBackend()}`,
    );
  }
  const driver = new TrainingDriver(session, { maxSteps: 10 });
  const report = async (): Promise<void> => {
    const evaluation = await session.evaluate();
    const tokensPerSec =
      session.step === 0
        ? null
        : (session.step * session.tokensPerStep) / (driver.elapsedMs / 1000);
    const point = {
      step: evaluation.step,
      trainLoss: evaluation.trainLoss,
      valLoss: evaluation.valLoss,
      tokensPerSec,
    };
    print(point, evaluator ? await evaluator.report(evaluation) : null);
  };
  const outcome = await driver.run({ evaluate: report }, 'before');
  if (outcome.kind === 'diverged') {
    const bad = outcome.at;
    const what = Number.isFinite(bad.loss) ? `gradient norm ${bad.gradNorm}` : `loss ${bad.loss}`;
    throw new CliError(`training diverged at step ${bad.step} (${what}); try a lower --lr.`);
  }
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
