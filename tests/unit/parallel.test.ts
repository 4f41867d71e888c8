import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig, Objective } from '../../src/config/config';
import { batchLoss } from '../../src/engine/loss';
import { initParams, listParameters, type NamedParameter } from '../../src/engine/model/params';
import type { Batch } from '../../src/engine/objectives/batch';
import {
  batchWeight,
  splitBatch,
  type GradientHelpers,
  type ShareGradients,
} from '../../src/engine/parallel';
import { TrainingSession } from '../../src/engine/session';
import { createRng } from '../../src/shared/rng';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/**
 * Helpers computed in this thread, on their own copy of the model, from the values handed to
 * `start` (as the helper workers do from shared memory).
 */
function inProcessHelpers(model: ModelConfig, objective: Objective, count: number) {
  const copies = Array.from({ length: count }, () => initParams(model, createRng(7)));
  let pending: { weights: Float32Array[]; shares: readonly Batch[] } | null = null;
  const helpers: GradientHelpers & { steps: number; disposed: boolean } = {
    count,
    steps: 0,
    disposed: false,
    start(params: readonly NamedParameter[], shares: readonly Batch[]) {
      pending = { weights: params.map((p) => p.variable.dataSync() as Float32Array), shares };
    },
    collect(): ShareGradients[] {
      if (!pending) throw new Error('collect before start');
      const { weights, shares } = pending;
      helpers.steps++;
      return copies.map((copy, i) => {
        const named = listParameters(copy);
        named.forEach((p, j) => p.variable.assign(tf.tensor(weights[j] ?? [], p.variable.shape)));
        const share = shares[i];
        if (!share) throw new Error('missing share');
        return tf.tidy(() => {
          const { value, grads } = tf.variableGrads(
            () => batchLoss(copy, model, objective, share, null),
            named.map((p) => p.variable),
          );
          const parts = named.map((p) => grads[p.variable.name]?.dataSync() ?? new Float32Array());
          const values = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
          let offset = 0;
          for (const part of parts) {
            values.set(part, offset);
            offset += part.length;
          }
          return { loss: value.dataSync()[0] ?? NaN, weight: batchWeight(share), values };
        });
      });
    },
    dispose() {
      helpers.disposed = true;
    },
  };
  return helpers;
}

const batchOf = (weights: number[], blockSize: number): Batch => ({
  inputs: Int32Array.from(weights, (_, i) => i),
  targets: Int32Array.from(weights, (_, i) => i + 1),
  weights: Float32Array.from(weights),
  batchSize: weights.length / blockSize,
  blockSize,
});

describe('data-parallel training', () => {
  it('cuts a batch into shares of whole rows, the first ones taking the remainder', () => {
    const batch = batchOf([1, 1, 0, 1, 1, 0, 0, 1, 1, 1], 2);
    const shares = splitBatch(batch, 2);
    expect(shares?.map((s) => s.batchSize)).toEqual([3, 2]);
    expect(shares?.map((s) => Array.from(s.inputs))).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9],
    ]);
    expect(shares?.map(batchWeight)).toEqual([4, 3]);
  });

  it('does not split when a share would score nothing, or rows are too few', () => {
    expect(splitBatch(batchOf([1, 1, 0, 0], 2), 2)).toBeNull();
    expect(splitBatch(batchOf([1, 1, 1, 1], 2), 3)).toBeNull();
  });

  for (const objective of ['causal', 'masked'] as const) {
    it(`takes the same steps as one worker with the whole batch (${objective})`, async () => {
      const { tokenizer, split } = sampleData();
      const model = tinyModel(tokenizer.vocabSize);
      const training = tinyTraining({ objective, batchSize: 9, seed: 3 });
      const alone = new TrainingSession(model, training, split);
      const shared = new TrainingSession(model, training, split);
      const helpers = inProcessHelpers(model, objective, 2);
      shared.useHelpers(helpers);
      const expected = await alone.trainSteps(6);
      const actual = await shared.trainSteps(6);
      expect(helpers.steps).toBe(6);
      actual.forEach((m, i) => {
        expect(m.loss).toBeCloseTo(expected[i]?.loss ?? NaN, 4);
        expect(m.gradNorm).toBeCloseTo(expected[i]?.gradNorm ?? NaN, 3);
      });
      const [a, b] = [alone, shared].map((s) =>
        s.parameters.map((p) => Array.from(p.variable.dataSync())),
      );
      a?.forEach((values, i) => {
        const other = b?.[i] ?? [];
        values.forEach((v, j) => expect(other[j]).toBeCloseTo(v, 4));
      });
      alone.dispose();
      shared.dispose();
      expect(helpers.disposed).toBe(true);
    });
  }
});
