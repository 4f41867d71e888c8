/**
 * What a model predicts, as numbers other tools can compare against:
 *   npm run predict -- --checkpoint FILE|DIR|ZIP --prompt TEXT [--json] [--val-loss]
 * prints the natural-log probability of every vocabulary entry for the token after the prompt
 * (causal), or for the one [MASK] in it (masked): `{"ids": […], "logprobs": […]}` with --json,
 * the ten likeliest tokens without. `--val-loss` prints instead the validation loss on the fixed
 * windows the exported train.py also reports (`{"valLoss": …}`).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { selectBackend } from '../engine/backend';
import { fixedValidationLoss, logProbsAt, paramsFrom } from '../engine/evaluate/readout';
import { disposeParams } from '../engine/model/params';
import { SPECIAL_IDS } from '../tokenizer/tokenizer';
import { CliError } from './files';
import { loadModel } from './model-files';
import { runCli } from './run-cli';

const USAGE =
  'usage: npm run predict -- --checkpoint FILE|DIR|ZIP (--prompt TEXT | --val-loss) [--json] [--backend wasm|cpu]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      checkpoint: { type: 'string' },
      prompt: { type: 'string' },
      'val-loss': { type: 'boolean' },
      json: { type: 'boolean' },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.checkpoint) throw new CliError(`--checkpoint is required (${USAGE}).`);
  if (values.prompt === undefined && !values['val-loss']) {
    throw new CliError(`--prompt TEXT or --val-loss is required (${USAGE}).`);
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new CliError('--backend must be wasm or cpu.');
  const { saved, tokenizer, data } = await loadModel(values.checkpoint);
  const { model, training } = saved.state;
  const objective = training.objective;
  await selectBackend([backend]);
  const params = paramsFrom(model, saved.state.tensors);
  try {
    if (values['val-loss']) {
      const valLoss = await fixedValidationLoss(
        params,
        model,
        data.val,
        objective,
        training.batchSize,
      );
      if (valLoss === null)
        throw new CliError('the model has no validation data (val.bin) of a whole window.');
      console.log(
        values.json ? JSON.stringify({ valLoss }) : `fixed val loss ${valLoss.toFixed(6)}`,
      );
      return;
    }
    let ids = tokenizer.encode(values.prompt ?? '', { allowSpecial: true });
    if (ids.length === 0) throw new CliError('the prompt is empty.');
    let position = ids.length - 1;
    if (objective === 'masked') {
      const masks = ids.reduce((n, id) => n + (id === SPECIAL_IDS.mask ? 1 : 0), 0);
      if (masks !== 1)
        throw new CliError(
          `a masked model needs a prompt with exactly one [MASK]; this one has ${masks}.`,
        );
      if (ids.length > model.blockSize)
        throw new CliError(
          `the prompt is ${ids.length} tokens; the context holds ${model.blockSize}.`,
        );
      position = ids.indexOf(SPECIAL_IDS.mask);
    } else if (ids.length > model.blockSize) {
      ids = ids.slice(ids.length - model.blockSize);
      position = ids.length - 1;
    }
    const logprobs = await logProbsAt(params, model, ids, objective, position);
    if (values.json) {
      console.log(JSON.stringify({ ids: [...ids], logprobs: [...logprobs] }));
      return;
    }
    const ranked = [...logprobs].map((lp, id) => ({ id, lp })).sort((a, b) => b.lp - a.lp);
    for (const { id, lp } of ranked.slice(0, 10)) {
      console.log(
        `${(Math.exp(lp) * 100).toFixed(2).padStart(6)}%  ${JSON.stringify(tokenizer.tokenText(id))}`,
      );
    }
  } finally {
    disposeParams(params);
    tf.disposeVariables();
  }
}

runCli('predict', main);
