/**
 * Evaluations and predictions off the training worker (engine/inference.ts): a copy of the model
 * handed copies of the weights reports what the run itself would, and a run that sends them
 * elsewhere reports the same curve as one that evaluates between its bursts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InferenceModel,
  InferenceUnavailable,
  readWeights,
  type RemoteInference,
  type WeightsCopy,
} from '../../src/engine/inference';
import { TrainingRun, type RunProgress, type RunStatus } from '../../src/engine/run';
import { RunEvaluator } from '../../src/engine/run-evaluation';
import { TrainingSession } from '../../src/engine/session';
import { predictNextToken } from '../../src/engine/predict';
import { createRng, deriveSeed } from '../../src/shared/rng';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** A remote inference in this thread: what the inference worker runs, minus the messages. */
function inProcess(model: InferenceModel, calls: string[]): RemoteInference {
  return {
    evaluate: async (weights, withSample) => {
      calls.push(`evaluate ${weights.step}`);
      return model.evaluate(weights, withSample);
    },
    predictNext: async (weights, prompt, options) => {
      calls.push(`predict ${weights.step}`);
      return model.predictNext(weights, prompt, options);
    },
    predictFill: (weights, text, options) => model.predictFill(weights, text, options),
    dispose: () => model.dispose(),
  };
}

/** A Tiny run on the sample text that records its progress and statuses. */
function recordedRun(maxIters: number) {
  const { tokenizer, split } = sampleData();
  const { vocabSize: _vocabSize, ...model } = tinyModel(tokenizer.vocabSize);
  const training = tinyTraining({ evalInterval: 5, maxIters });
  const progress: RunProgress[] = [];
  const statuses: RunStatus[] = [];
  const run = new TrainingRun(
    'r',
    { model, training },
    tokenizer,
    split,
    { progress: (p) => progress.push(p), status: (s) => statuses.push(s) },
    { burstMs: 20, progressMs: 0 },
  );
  const untilDone = async (): Promise<void> => {
    while (!statuses.includes('done')) await new Promise((r) => setTimeout(r, 5));
  };
  return { run, progress, training, tokenizer, split, untilDone };
}

describe('inference off the training worker', () => {
  it('reports the same losses, accuracy, benchmarks and sample as the run for the same weights', async () => {
    const { tokenizer, split } = sampleData();
    const model = tinyModel(tokenizer.vocabSize);
    const training = tinyTraining({ evalIters: 3 });
    const session = new TrainingSession(model, training, split);
    await session.trainSteps(8);
    const predictor = { params: session.params, config: model, tokenizer };
    const evaluator = new RunEvaluator(predictor, 'causal', split, training.seed);
    const local = await evaluator.report(await session.evaluate());
    const localSample = await evaluator.sample(session.step);

    const weights: WeightsCopy = await readWeights(session.params, session.step);
    const elsewhere = new InferenceModel({ model, training, tokenizer, data: split });
    const remote = await elsewhere.evaluate(weights, true);
    expect(remote.report.step).toBe(8);
    for (const key of ['trainLoss', 'valLoss', 'valTop1', 'valTop5', 'valPerplexity'] as const) {
      expect(remote.report[key]).toBe(local[key]);
    }
    expect(remote.report.benchmarks.map((b) => b.accuracy)).toEqual(
      local.benchmarks.map((b) => b.accuracy),
    );
    expect(remote.sample?.text).toBe(localSample?.text);
    // Items measured elsewhere are copies; the run's evaluator gives back its own objects.
    const shared = evaluator.shareItems(structuredClone(remote.report));
    shared.benchmarks.forEach((b, i) =>
      b.items.forEach((r, j) => expect(r.item).toBe(local.benchmarks[i]?.items[j]?.item)),
    );
    expect(shared.benchmarks.map((b) => b.accuracy)).toEqual(
      local.benchmarks.map((b) => b.accuracy),
    );

    // Next-token predictions draw from the run's own stream of samples.
    const options = {
      topK: 5,
      temperature: 0.8,
      sampleTopK: 0,
      sampleLength: 12,
      attentionLayer: 0,
      attentionHead: 0,
    };
    const here = await predictNextToken(
      predictor,
      'the ',
      options,
      createRng(deriveSeed(training.seed, 'samples')),
    );
    const there = await elsewhere.predictNext(
      await readWeights(session.params, session.step),
      'the ',
      options,
    );
    expect(there.top).toEqual(here.top);
    expect(there.sample).toBe(here.sample);
    elsewhere.dispose();
    session.dispose();
  });

  it('refuses weights of another shape', async () => {
    const { tokenizer, split } = sampleData();
    const model = tinyModel(tokenizer.vocabSize);
    const elsewhere = new InferenceModel({
      model,
      training: tinyTraining(),
      tokenizer,
      data: split,
    });
    await expect(
      elsewhere.evaluate({ step: 1, values: [new Float32Array(3)] }, false),
    ).rejects.toThrow(/weight arrays/);
    elsewhere.dispose();
  });

  it('a run evaluating elsewhere reports the same evaluations, in order, and waits for the last before it ends', async () => {
    const runOnce = async (remote: boolean) => {
      const calls: string[] = [];
      const { run, progress, training, tokenizer, split, untilDone } = recordedRun(20);
      if (remote) {
        const copy = new InferenceModel({ model: run.model, training, tokenizer, data: split });
        run.useInference(inProcess(copy, calls));
      }
      run.start();
      await untilDone();
      const evals = progress.flatMap((p) => p.evals);
      await run.dispose();
      return { evals, calls };
    };
    const before = tf.memory().numTensors;
    const here = await runOnce(false);
    const there = await runOnce(true);
    expect(there.calls.filter((c) => c.startsWith('evaluate'))).toEqual(
      [0, 5, 10, 15, 20].map((s) => `evaluate ${s}`),
    );
    expect(there.evals.map((e) => e.step)).toEqual(here.evals.map((e) => e.step));
    there.evals.forEach((e, i) => {
      expect(e.valLoss).toBe(here.evals[i]?.valLoss);
      expect(e.trainLoss).toBe(here.evals[i]?.trainLoss);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a prediction', true],
    ['an evaluation', false],
  ])(
    'when the inference worker is unavailable at %s, the run evaluates and predicts itself and loses nothing',
    async (_first, predictFirst) => {
      const { run, progress, untilDone } = recordedRun(10);
      let asked = 0;
      const unavailable = (): Promise<never> => {
        asked++;
        return Promise.reject(new InferenceUnavailable('Its WASM backend did not start.'));
      };
      run.useInference({
        evaluate: unavailable,
        predictNext: unavailable,
        predictFill: unavailable,
        dispose: () => undefined,
      });
      if (predictFirst) {
        const answer = await run.predictNext('the ', {
          topK: 3,
          temperature: 1,
          sampleTopK: 0,
          sampleLength: 4,
          attentionLayer: 0,
          attentionHead: 0,
        });
        expect(answer.top).toHaveLength(3);
        expect(run.inferenceElsewhere).toBe(false);
      }
      run.start();
      await untilDone();
      expect(asked).toBe(1);
      expect(progress.flatMap((p) => p.evals.map((e) => e.step))).toEqual([0, 5, 10]);
      await run.dispose();
    },
  );
});
