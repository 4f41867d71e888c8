import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDivergence, nextEvaluationStep, TrainingDriver } from '../../src/engine/driver';
import { TrainingSession } from '../../src/engine/session';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

function makeSession(overrides: Parameters<typeof tinyTraining>[0] = {}): TrainingSession {
  const { tokenizer, split } = sampleData();
  const model = tinyModel(tokenizer.vocabSize, { nLayer: 1, nEmbd: 16 });
  return new TrainingSession(model, tinyTraining({ evalInterval: 5, ...overrides }), split);
}

describe('training driver', () => {
  it('plans evaluations at multiples of the interval, capped at maxIters', () => {
    const training = { evalInterval: 5, maxIters: 12 };
    expect([0, 4, 5, 9, 10, 11].map((step) => nextEvaluationStep(step, training))).toEqual([
      5, 5, 10, 10, 12, 12,
    ]);
    const step = { step: 3, loss: 1, gradNorm: 1, learningRate: 0, tokensSeen: 0 };
    expect(findDivergence([step, { ...step, step: 4, gradNorm: NaN }])?.step).toBe(4);
    expect(findDivergence([step])).toBeNull();
  });

  it('trains to maxIters in bursts that stop at every evaluation step', async () => {
    const session = makeSession({ maxIters: 12 });
    const driver = new TrainingDriver(session, { maxSteps: 3 });
    const bursts: number[][] = [];
    const evaluated: (number | string)[] = [];
    const outcome = await driver.run(
      {
        onBurst: (burst) => void bursts.push(burst.steps.map((s) => s.step)),
        evaluate: async (snapshot) =>
          void evaluated.push(snapshot ? `copy ${snapshot.step}` : session.step),
      },
      'afterFirstBurst',
    );
    expect(outcome).toEqual({ kind: 'finished' });
    expect(bursts.map((b) => b.length)).toEqual([3, 2, 3, 2, 2]);
    expect(bursts.flat()).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(evaluated).toEqual(['copy 0', 5, 10, 12]);
    expect(driver.elapsedMs).toBeGreaterThan(0);
    expect(driver.msPerStep).toBeGreaterThan(0);
    session.dispose();
  });

  it('stops when asked and at a divergence, freeing the copy of the starting weights', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const session = makeSession({ learningRate: 1e6, minLr: 1e5, gradClip: 0, warmupIters: 0 });
    const driver = new TrainingDriver(session, { maxSteps: 4 });
    const outcome = await driver.run({}, 'afterFirstBurst');
    expect(outcome.kind).toBe('diverged');
    const stopped = await new TrainingDriver(session, { maxSteps: 1 }).run({
      shouldStop: () => true,
    });
    expect(stopped).toEqual({ kind: 'stopped' });
    session.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
