import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { copyBox } from '../../src/engine/kernels/copy';
import { batchLoss } from '../../src/engine/loss';
import { initParams, listParameters, disposeParams } from '../../src/engine/model/params';
import { makeCausalBatch } from '../../src/engine/objectives/causal';
import { makeMaskedBatch } from '../../src/engine/objectives/masked';
import { createRng } from '../../src/shared/rng';
import { tinyModel, useBackend } from './helpers';

afterAll(() => useBackend('cpu'));

/** Runs `f` on a backend and returns its results' values. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<number[][]> {
  await useBackend(backend);
  const outputs = tf.tidy(f);
  const values = await Promise.all(outputs.map((t) => t.data()));
  tf.dispose(outputs);
  return values.map((v) => Array.from(v));
}

describe('WASM data-movement kernels', () => {
  it('copyBox copies a box of a row-major array', () => {
    // 2×3×4 values 0…23; the box from [1, 1, 1] of size [1, 2, 2].
    const x = Float32Array.from({ length: 24 }, (_, i) => i);
    const out = new Float32Array(4);
    copyBox(x, [2, 3, 4], [1, 1, 1], [1, 2, 2], out);
    expect(Array.from(out)).toEqual([17, 18, 21, 22]);
  });

  it('slice, unstack, split and identity give the CPU backend’s values', async () => {
    const make = (): tf.Tensor[] => {
      const x = tf.range(0, 2 * 3 * 4 * 5).reshape([2, 3, 4, 5]);
      return [
        tf.slice(x, [1, 0, 1, 2], [1, 3, 2, 3]),
        tf.slice(x, [0, 1, 0, 0], [2, 1, 4, 5]),
        ...tf.unstack(x, 0),
        ...tf.unstack(x, 2),
        ...tf.split(x, [1, 3, 1], 3),
        ...tf.split(x, 3, 1),
        tf.clone(x),
        tf.slice(tf.tensor1d([1, 2, 3], 'int32'), [1], [2]),
      ];
    };
    const cpu = await on('cpu', make);
    const wasm = await on('wasm', make);
    expect(wasm).toEqual(cpu);
  });

  it('a GPT’s loss and every gradient on WASM match the CPU backend', async () => {
    const config = tinyModel(12, { blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 });
    const rng = createRng(4);
    const windows = Int32Array.from({ length: 3 * 9 }, () => 3 + Math.floor(rng.next() * 9));
    const batches = {
      causal: makeCausalBatch(windows, 3, 8),
      masked: makeMaskedBatch(
        windows,
        3,
        8,
        0.5,
        { maskId: 1, firstRegularId: 3, vocabSize: 12 },
        createRng(5),
      ),
    };
    for (const objective of ['causal', 'masked'] as const) {
      const run = (): tf.Tensor[] => {
        const params = initParams(config, createRng(3));
        const named = listParameters(params);
        const { value, grads } = tf.variableGrads(
          () => batchLoss(params, config, objective, batches[objective], null),
          named.map((p) => p.variable),
        );
        const out = [value, ...named.map((p) => grads[p.variable.name] as tf.Tensor)];
        disposeParams(params);
        return out;
      };
      const cpu = await on('cpu', run);
      const wasm = await on('wasm', run);
      expect(wasm.length).toBe(cpu.length);
      cpu.forEach((values, i) => {
        const other = wasm[i] ?? [];
        const scale = Math.max(1e-6, ...values.map(Math.abs));
        const worst = Math.max(...values.map((v, j) => Math.abs(v - (other[j] ?? NaN))));
        expect(worst / scale).toBeLessThan(1e-4);
      });
    }
  });
});

describe('fused WASM optimiser kernels', () => {
  it('AdamW steps and the global gradient norm match the composite ops on the CPU backend', async () => {
    const { AdamW } = await import('../../src/engine/optim/adamw');
    const { globalNorm, clipScale } = await import('../../src/engine/optim/clip');
    const run = (): tf.Tensor[] => {
      const rng = createRng(9);
      const values = (n: number): number[] => Array.from({ length: n }, () => rng.next() - 0.5);
      const named = [
        { name: 'w', decay: true, variable: tf.variable(tf.tensor(values(12), [3, 4])) },
        { name: 'b', decay: false, variable: tf.variable(tf.tensor(values(4), [4])) },
      ];
      const optimizer = new AdamW(named, {
        beta1: 0.9,
        beta2: 0.95,
        weightDecay: 0.1,
        epsilon: 1e-8,
      });
      const norms: tf.Tensor[] = [];
      for (let step = 0; step < 3; step++) {
        const grads = named.map((p) =>
          tf.mul(tf.tensor(values(p.variable.size), p.variable.shape), 3),
        );
        const norm = globalNorm(grads);
        norms.push(norm);
        optimizer.applyGradients(grads, 1e-2, clipScale(norm, 1));
      }
      const state = optimizer.getState();
      const out = [
        ...named.map((p) => tf.clone(p.variable)),
        ...state.firstMoments.map((t) => tf.clone(t)),
        ...state.secondMoments.map((t) => tf.clone(t)),
        ...norms,
      ];
      optimizer.dispose();
      named.forEach((p) => p.variable.dispose());
      return out;
    };
    const cpu = await on('cpu', run);
    const wasm = await on('wasm', run);
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((values, i) => {
      values.forEach((v, j) => expect(wasm[i]?.[j]).toBeCloseTo(v, 5));
    });
  });
});

/** The largest difference between the fused LayerNorm (value and gradient) and plain ops. */
async function layerNormError(rows: number, width: number): Promise<number> {
  const { layerNorm } = await import('../../src/engine/model/layers');
  const worst = tf.tidy(() => {
    const x = tf.randomNormal([rows, width], 0, 1, 'float32', 7) as tf.Tensor2D;
    const gain = tf.randomNormal([width], 1, 0.1, 'float32', 8);
    const bias = tf.randomNormal([width], 0, 0.1, 'float32', 9);
    const weights = tf.randomNormal([rows, width], 0, 1, 'float32', 10);
    const reference = (input: tf.Tensor): tf.Tensor => {
      const centred = tf.sub(input, tf.mean(input, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), gain), bias);
    };
    const fused = layerNorm(x, gain, bias);
    const fusedGrad = tf.grad((input: tf.Tensor) =>
      tf.sum(tf.mul(layerNorm(input as tf.Tensor2D, gain, bias), weights)),
    )(x);
    const referenceGrad = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(reference(input), weights)))(
      x,
    );
    return tf.maximum(
      tf.max(tf.abs(tf.sub(fused, reference(x)))),
      tf.max(tf.abs(tf.sub(fusedGrad, referenceGrad))),
    );
  });
  const value = (await worst.data())[0] ?? NaN;
  worst.dispose();
  return value;
}

describe('fused WASM LayerNorm', () => {
  it('stays exact, gradient included, when allocating outputs grows the WASM heap', async () => {
    await useBackend('wasm');
    const heapBytes = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8
      .length;
    // An input as large as the whole heap: its outputs cannot fit without growing it.
    const width = 64;
    expect(await layerNormError(Math.ceil(heapBytes / 4 / width), width)).toBeLessThan(1e-4);
  });

  it('is exact for a width the vectorised kernel does not take (not a multiple of 4)', async () => {
    await useBackend('wasm');
    expect(await layerNormError(40, 6)).toBeLessThan(1e-4);
  });
});
