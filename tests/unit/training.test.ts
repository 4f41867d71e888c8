import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitTokens } from '../../src/data/batcher';
import { TrainingSession } from '../../src/engine/session';
import { CharTokenizer } from '../../src/tokenizer/char';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

async function lossSequence(seed: number, steps: number): Promise<number[]> {
  const { tokenizer, split } = sampleData();
  const session = new TrainingSession(
    tinyModel(tokenizer.vocabSize, { dropout: 0.1 }),
    tinyTraining({ seed, objective: 'masked' }),
    split,
  );
  const metrics = await session.trainSteps(steps);
  session.dispose();
  return metrics.map((m) => m.loss);
}

describe('training', () => {
  // Masked LM scores ~15% of positions per step, so it gets a larger batch to see as many targets.
  const memorisation = {
    causal: { batchSize: 16, maxIters: 400, learningRate: 3e-3 },
    masked: { batchSize: 64, maxIters: 600, learningRate: 5e-3 },
  } as const;
  for (const objective of ['causal', 'masked'] as const) {
    it(`memorises a short string (${objective}, loss < 0.05)`, async () => {
      const text = 'the quick brown fox jumps over the lazy dog';
      const tokenizer = CharTokenizer.fromText(text);
      const tokens = tokenizer.encode(text);
      const settings = memorisation[objective];
      // Train and validate on the same string: this checks the model can fit, not generalise.
      const session = new TrainingSession(
        tinyModel(tokenizer.vocabSize, { blockSize: 16, nEmbd: 48 }),
        tinyTraining({
          objective,
          ...settings,
          minLr: settings.learningRate / 10,
          warmupIters: 20,
          weightDecay: 0,
          evalIters: 4,
        }),
        { train: tokens, val: tokens },
      );
      await session.trainSteps(settings.maxIters);
      const { trainLoss } = await session.evaluate();
      session.dispose();
      expect(trainLoss).toBeLessThan(0.05);
    });
  }

  it('keeps the number of tensors flat across steps', async () => {
    const { tokenizer, split } = sampleData();
    for (const objective of ['causal', 'masked'] as const) {
      const session = new TrainingSession(
        tinyModel(tokenizer.vocabSize, { dropout: 0.1 }),
        tinyTraining({ objective }),
        split,
      );
      await session.trainSteps(1);
      await session.evaluate();
      const after1 = tf.memory().numTensors;
      await session.trainSteps(49);
      await session.evaluate();
      expect(tf.memory().numTensors).toBe(after1);
      session.dispose();
    }
  });

  it('gives identical loss sequences for the same seed, different ones for another', async () => {
    const first = await lossSequence(42, 8);
    expect(await lossSequence(42, 8)).toEqual(first);
    expect(await lossSequence(43, 8)).not.toEqual(first);
  });

  it('lowers the validation loss on real text', async () => {
    const { tokenizer, split } = sampleData();
    const session = new TrainingSession(
      tinyModel(tokenizer.vocabSize),
      tinyTraining(),
      splitTokens(tokenizer.encode(tokenizer.decode(split.train) + tokenizer.decode(split.val))),
    );
    const before = await session.evaluate();
    await session.trainSteps(150);
    const after = await session.evaluate();
    session.dispose();
    expect(after.valLoss).toBeLessThan(before.valLoss - 1);
  });
});
