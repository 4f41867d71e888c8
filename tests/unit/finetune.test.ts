import { beforeAll, describe, expect, it } from 'vitest';
import { splitTokens } from '../../src/data/batcher';
import { isFrozen, TrainingSession } from '../../src/engine/session';
import { CharTokenizer } from '../../src/tokenizer/char';
import { tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const base = 'the cat sat on the mat. the dog sat on the log. a bird sat on the wall. '.repeat(40);
const task = 'the cat sat on the wall. the bird sat on the mat. ';

describe('fine-tuning', () => {
  it('freezes embeddings and lower blocks by name', () => {
    const freeze = { embeddings: true, blocks: 1 };
    expect(isFrozen('transformer.wte.weight', freeze)).toBe(true);
    expect(isFrozen('transformer.h.0.attn.c_attn.weight', freeze)).toBe(true);
    expect(isFrozen('transformer.h.1.attn.c_attn.weight', freeze)).toBe(false);
    expect(isFrozen('transformer.ln_f.weight', freeze)).toBe(false);
    expect(isFrozen('transformer.wte.weight', { embeddings: false, blocks: 2 })).toBe(false);
  });

  it('starts from the base weights and never changes frozen ones', async () => {
    const tokenizer = CharTokenizer.fromText(base);
    const baseSession = new TrainingSession(
      tinyModel(tokenizer.vocabSize),
      tinyTraining(),
      splitTokens(tokenizer.encode(base)),
    );
    await baseSession.trainSteps(20);
    const baseState = await baseSession.saveState();
    baseSession.dispose();
    const taskData = { train: tokenizer.encode(task.repeat(3)), val: tokenizer.encode(task) };
    const freeze = { embeddings: true, blocks: 1 };
    const tuned = TrainingSession.fromBase(
      baseState,
      tinyTraining({ learningRate: 1e-3 }),
      taskData,
      freeze,
    );
    const start = await tuned.saveState();
    expect(start.step).toBe(0);
    start.tensors
      .slice(0, baseState.tensors.length / 3)
      .forEach((t, i) => expect(t.values).toEqual(baseState.tensors[i]?.values));
    await tuned.trainSteps(10);
    const after = await tuned.saveState();
    tuned.dispose();
    for (const [i, t] of after.tensors.slice(0, after.tensors.length / 3).entries()) {
      const changed = t.values.some((v, j) => v !== start.tensors[i]?.values[j]);
      expect(changed, t.name).toBe(!isFrozen(t.name, freeze));
    }
  });

  it('fine-tuning a pre-trained base beats training from scratch on little task data', async () => {
    const tokenizer = CharTokenizer.fromText(base);
    const model = tinyModel(tokenizer.vocabSize);
    const pretrain = new TrainingSession(
      model,
      tinyTraining({ maxIters: 300 }),
      splitTokens(tokenizer.encode(base)),
    );
    await pretrain.trainSteps(300);
    const baseState = await pretrain.saveState();
    pretrain.dispose();
    const taskData = {
      train: tokenizer.encode(task.repeat(2)),
      val: tokenizer.encode(task),
    };
    const budget = tinyTraining({ maxIters: 40, warmupIters: 4, learningRate: 1e-3, minLr: 1e-4 });
    const tuned = TrainingSession.fromBase(baseState, budget, taskData, {
      embeddings: false,
      blocks: 0,
    });
    const scratch = new TrainingSession(model, budget, taskData);
    await tuned.trainSteps(40);
    await scratch.trainSteps(40);
    const [a, b] = [await tuned.evaluate(), await scratch.evaluate()];
    tuned.dispose();
    scratch.dispose();
    expect(a.valLoss).toBeLessThan(b.valLoss - 0.5);
  });
});
