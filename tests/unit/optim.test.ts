import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from '../../src/engine/optim/adamw';
import { clipScale, globalNorm } from '../../src/engine/optim/clip';
import { learningRateAt } from '../../src/engine/optim/schedule';
import { useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

describe('learning-rate schedule', () => {
  const config = { learningRate: 1e-3, minLr: 1e-4, warmupIters: 100, maxIters: 2000 };
  it('warms up linearly, peaks, then decays by cosine to minLr', () => {
    expect(learningRateAt(0, config)).toBeCloseTo(1e-3 / 101, 10);
    expect(learningRateAt(49, config)).toBeCloseTo((1e-3 * 50) / 101, 10);
    expect(learningRateAt(100, config)).toBeCloseTo(1e-3, 10);
    expect(learningRateAt(1050, config)).toBeCloseTo(5.5e-4, 10);
    expect(learningRateAt(2000, config)).toBeCloseTo(1e-4, 10);
    expect(learningRateAt(5000, config)).toBe(1e-4);
    for (let i = 101; i < 2000; i += 50)
      expect(learningRateAt(i, config)).toBeLessThan(learningRateAt(i - 1, config));
  });
});

describe('gradient clipping', () => {
  it('computes the global norm over many tensors and scales only when above the limit', async () => {
    const grads = Array.from({ length: 12 }, () => tf.fill([2, 2], 0.5)); // 12 · 4 · 0.25 = 12
    const norm = globalNorm(grads);
    expect((await norm.data())[0]).toBeCloseTo(Math.sqrt(12), 5);
    expect((await clipScale(norm, 1).data())[0]).toBeCloseTo(1 / Math.sqrt(12), 5);
    expect((await clipScale(norm, 100).data())[0]).toBe(1);
    tf.dispose([...grads, norm]);
  });
});

describe('AdamW', () => {
  it('decays weight matrices only, and takes an lr-sized first step against the gradient', async () => {
    const weight = tf.variable(tf.fill([2, 2], 1));
    const bias = tf.variable(tf.fill([2], 1));
    const optimizer = new AdamW(
      [
        { name: 'w', variable: weight, decay: true },
        { name: 'b', variable: bias, decay: false },
      ],
      { beta1: 0.9, beta2: 0.99, weightDecay: 0.1, epsilon: 1e-8 },
    );
    const one = tf.scalar(1);
    // A zero gradient isolates the decay: weights shrink by (1 − lr·wd), biases stay.
    optimizer.applyGradients([tf.zeros([2, 2]), tf.zeros([2])], 0.5, one);
    expect((await weight.data())[0]).toBeCloseTo(0.95, 6);
    expect((await bias.data())[0]).toBeCloseTo(1, 6);
    // Adam's bias-corrected first step is lr · sign(g).
    const fresh = tf.variable(tf.fill([3], 0));
    const adam = new AdamW([{ name: 'x', variable: fresh, decay: false }], {
      beta1: 0.9,
      beta2: 0.99,
      weightDecay: 0,
      epsilon: 1e-8,
    });
    adam.applyGradients([tf.tensor1d([2, -3, 0.5])], 0.01, one);
    const values = Array.from(await fresh.data());
    expect(values[0]).toBeCloseTo(-0.01, 5);
    expect(values[1]).toBeCloseTo(0.01, 5);
    expect(values[2]).toBeCloseTo(-0.01, 5);
    optimizer.dispose();
    adam.dispose();
  });
});
