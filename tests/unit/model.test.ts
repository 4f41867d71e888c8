import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchLoss } from '../../src/engine/loss';
import { forward } from '../../src/engine/model/gpt';
import {
  disposeParams,
  initParams,
  listParameters,
  parameterShapes,
} from '../../src/engine/model/params';
import { makeCausalBatch } from '../../src/engine/objectives/causal';
import { makeMaskedBatch } from '../../src/engine/objectives/masked';
import { TrainingSession } from '../../src/engine/session';
import { countParameters } from '../../src/config/size';
import { createRng } from '../../src/shared/rng';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

describe('GPT model', () => {
  it('starts at a loss within 0.1 of ln(vocabSize) for both objectives', async () => {
    const { tokenizer, split } = sampleData();
    for (const objective of ['causal', 'masked'] as const) {
      const session = new TrainingSession(
        tinyModel(tokenizer.vocabSize, { blockSize: 32 }),
        tinyTraining({ objective, evalIters: 8 }),
        split,
      );
      const { trainLoss, valLoss } = await session.evaluate();
      session.dispose();
      expect(Math.abs(trainLoss - Math.log(tokenizer.vocabSize))).toBeLessThan(0.1);
      expect(Math.abs(valLoss - Math.log(tokenizer.vocabSize))).toBeLessThan(0.1);
    }
  });

  it('has the parameter count the size formula predicts', () => {
    const config = tinyModel(50, { nLayer: 3 });
    const params = initParams(config, createRng(1));
    const list = listParameters(params);
    const total = list.reduce((n, p) => n + p.variable.size, 0);
    expect(list.map((p) => ({ name: p.name, shape: p.variable.shape }))).toEqual(
      parameterShapes(config),
    );
    // Weight matrices decay; biases, LayerNorm parameters and embeddings do not.
    expect(list.filter((p) => p.decay).map((p) => p.name.split('.').slice(3).join('.'))).toEqual(
      Array.from({ length: 3 }, () => [
        'attn.c_attn.weight',
        'attn.c_proj.weight',
        'mlp.c_fc.weight',
        'mlp.c_proj.weight',
      ]).flat(),
    );
    disposeParams(params);
    expect(total).toBe(countParameters(config));
  });

  it('causal attention: later tokens never change earlier logits; bidirectional: they do', () => {
    const config = tinyModel(20);
    const params = initParams(config, createRng(2));
    const t = 12;
    const cut = 5;
    const a = Int32Array.from({ length: t }, (_, i) => 3 + ((i * 7) % 17));
    const b = a.map((id, i) => (i > cut ? 3 + ((id + 5) % 17) : id));
    const logitsOf = (ids: Int32Array, attention: 'causal' | 'bidirectional'): Float32Array =>
      tf
        .tidy(
          () =>
            forward(params, config, tf.tensor2d(ids, [1, t], 'int32'), {
              attention,
              dropoutSeed: null,
            }).logits,
        )
        .dataSync() as Float32Array;
    const maxDiffUpTo = (x: Float32Array, y: Float32Array): number => {
      let max = 0;
      for (let i = 0; i < (cut + 1) * config.vocabSize; i++)
        max = Math.max(max, Math.abs((x[i] ?? 0) - (y[i] ?? 0)));
      return max;
    };
    expect(maxDiffUpTo(logitsOf(a, 'causal'), logitsOf(b, 'causal'))).toBeLessThan(1e-5);
    expect(maxDiffUpTo(logitsOf(a, 'bidirectional'), logitsOf(b, 'bidirectional'))).toBeGreaterThan(
      1e-3,
    );
    disposeParams(params);
  });

  it('gradients match central finite differences (relative error < 1e-2)', () => {
    const config = tinyModel(12, { blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 });
    const params = initParams(config, createRng(3));
    const named = listParameters(params);
    // Larger weights than the 0.02 init, so every gradient is well above float32 noise.
    for (const p of named)
      if (p.name.endsWith('weight') && !p.name.includes('ln_'))
        p.variable.assign(tf.mul(p.variable, 10));
    const rng = createRng(4);
    const windows = Int32Array.from({ length: 2 * 7 }, () => 3 + Math.floor(rng.next() * 9));
    const batches = {
      causal: makeCausalBatch(windows, 2, 6),
      masked: makeMaskedBatch(
        windows,
        2,
        6,
        0.5,
        { maskId: 1, firstRegularId: 3, vocabSize: 12 },
        createRng(5),
      ),
    };
    for (const objective of ['causal', 'masked'] as const) {
      const batch = batches[objective];
      const lossValue = (): number =>
        tf.tidy(() => batchLoss(params, config, objective, batch, null).dataSync()[0] ?? NaN);
      const { grads } = tf.variableGrads(
        () => batchLoss(params, config, objective, batch, null),
        named.map((p) => p.variable),
      );
      const checked = [
        'transformer.wte.weight',
        'transformer.wpe.weight',
        'transformer.h.0.attn.c_attn.weight',
        'transformer.h.1.mlp.c_fc.weight',
        'transformer.h.0.ln_1.weight',
        'transformer.h.1.attn.c_proj.bias',
      ];
      for (const name of checked) {
        const param = named.find((p) => p.name === name);
        if (!param) throw new Error(name);
        const analytic = grads[param.variable.name]?.dataSync() ?? new Float32Array();
        // Check the entry with the largest gradient: the one float32 differences resolve best.
        let index = 0;
        analytic.forEach((g, i) => {
          if (Math.abs(g) > Math.abs(analytic[index] ?? 0)) index = i;
        });
        const original = param.variable.dataSync().slice();
        const h = 1e-2;
        const at = (delta: number): number => {
          const values = original.slice();
          values[index] = (values[index] ?? 0) + delta;
          param.variable.assign(tf.tensor(values, param.variable.shape));
          return lossValue();
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        param.variable.assign(tf.tensor(original, param.variable.shape));
        const exact = analytic[index] ?? 0;
        expect(
          Math.abs(numeric - exact) / Math.max(Math.abs(exact), 1e-3),
          `${objective} ${name}`,
        ).toBeLessThan(1e-2);
      }
      tf.dispose(grads);
    }
    disposeParams(params);
  });
});
