import { beforeAll, describe, expect, it } from 'vitest';
import { measureCheckpoint } from '../../scripts/bench-eval';
import { parseTrainArgs } from '../../src/cli/args';
import { prepareData } from '../../src/cli/data';
import { evaluationOutput } from '../../src/cli/report';
import { makeEvaluationBatches } from '../../src/engine/evaluate/batches';
import { RunEvaluator } from '../../src/engine/run-evaluation';
import { TrainingSession } from '../../src/engine/session';
import { useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** Text whose validation part holds characters outside the BMP (two UTF-16 units each). */
const TEXT = 'the 🐱 sat on the 🧶 mat, and the 🐶 ran to the 🌳. '.repeat(40);

describe('bits per character', () => {
  it('is the same number on the evaluation panel, in the CLI JSON and in the bench', async () => {
    const parsed = parseTrainArgs([
      '--text',
      'emoji.txt',
      '--n-layer',
      '1',
      '--n-embd',
      '16',
      '--n-head',
      '2',
      '--block-size',
      '16',
      '--batch-size',
      '4',
      '--eval-iters',
      '2',
    ]);
    if (!('options' in parsed)) throw new Error('not parsed');
    const prepared = prepareData([{ file: 'emoji.txt', text: TEXT }], parsed.options);
    const { tokenizer, split } = prepared;
    const { training } = parsed.options.config;
    const model = { ...parsed.options.config.model, vocabSize: tokenizer.vocabSize };
    const session = new TrainingSession(model, training, split);
    try {
      await session.trainSteps(3);
      const evaluation = await session.evaluate();
      const predictor = { params: session.params, config: model, tokenizer };

      // What the page's evaluation panel shows.
      const evaluator = new RunEvaluator(predictor, 'causal', split, training.seed);
      const panel = (await evaluator.report(evaluation)).valBitsPerChar;
      // What `npm run train -- --json` prints, with a data option and with --eval.
      const point = { ...evaluation, tokensPerSec: null, workers: 1 };
      const cli = evaluationOutput(point, prepared, true, null).fields.valBitsPerChar;
      const cliEval = evaluationOutput(point, prepared, false, await evaluator.report(evaluation))
        .fields.valBitsPerChar;
      // What the bench's training table prints, on the same validation batches.
      const bench = (
        await measureCheckpoint({
          ...predictor,
          model,
          objective: 'causal',
          val: split.val,
          batches: makeEvaluationBatches(split.val, 'val', model, training),
          sets: [],
        })
      ).bitsPerChar;

      const valText = tokenizer.decode(split.val);
      const codePoints = Array.from(valText).length;
      expect(valText.length).toBeGreaterThan(codePoints); // the split does hold emoji
      const expected = (evaluation.valLoss / Math.LN2) * (split.val.length / codePoints);
      expect(Number.isFinite(expected)).toBe(true);
      expect(panel).toBeCloseTo(expected, 12);
      expect(cli).toBe(panel);
      expect(cliEval).toBe(panel);
      expect(bench).toBe(panel);
    } finally {
      session.dispose();
    }
  });
});
