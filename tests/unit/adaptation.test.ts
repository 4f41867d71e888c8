import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitTokens } from '../../src/data/batcher';
import { TrainingSession } from '../../src/engine/session';
import { CharTokenizer } from '../../src/tokenizer/char';
import { compareWithScratch, encodeTask, splitTaskExamples } from '../../src/worker/adaptation';
import type { ComparisonCurve } from '../../src/worker/protocol';
import { tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

const taskText = readFileSync('public/tasks/biology-qa.txt', 'utf8');

describe('task data', () => {
  it('splits the built-in task into examples and holds out the last tenth', () => {
    const split = splitTaskExamples(taskText);
    expect(split.train).toHaveLength(54);
    expect(split.val).toHaveLength(6);
    for (const line of [...split.train, ...split.val]) expect(line).toMatch(/^Q: .+\? A: .+\.$/);
    expect(() => splitTaskExamples('one line only')).toThrow(/at least two examples/);
  });

  it('reports the characters the base tokenizer does not know', () => {
    const tokenizer = CharTokenizer.fromText('abc ABC?:.\n');
    const { unknownCharacters, unknownTokens, data } = encodeTask(
      tokenizer,
      { train: ['abc xyz'], val: ['cab?'] },
      8,
    );
    expect(unknownCharacters.sort()).toEqual(['x', 'y', 'z']);
    expect(unknownTokens).toBeGreaterThanOrEqual(3);
    // Little data is repeated until a training window fits, not padded with anything new.
    expect(data.train.length).toBeGreaterThanOrEqual(9);
    expect(data.val.length).toBeGreaterThanOrEqual(9);
  });
});

describe('fine-tune versus scratch', () => {
  it('gives the fine-tuned model the lower task loss, at each amount of data, and measures forgetting', async () => {
    const baseText =
      'Q: What is the cell? A: The unit of life.\nQ: What do plants make? A: Food.\n'.repeat(30) +
      taskText.slice(0, 400);
    const tokenizer = CharTokenizer.fromText(baseText + taskText);
    const model = tinyModel(tokenizer.vocabSize, { blockSize: 32 });
    const baseData = splitTokens(tokenizer.encode(baseText));
    const pretrain = new TrainingSession(
      model,
      tinyTraining({ maxIters: 250, learningRate: 3e-3 }),
      baseData,
    );
    await pretrain.trainSteps(250);
    const state = await pretrain.saveState();
    pretrain.dispose();
    const curves: ComparisonCurve[] = [];
    const budget = tinyTraining({
      maxIters: 30,
      warmupIters: 3,
      evalInterval: 10,
      learningRate: 1e-3,
      minLr: 1e-4,
    });
    const result = await compareWithScratch(
      { state, tokenizer, baseData },
      taskText,
      [0.1, 1],
      budget,
      { embeddings: false, blocks: 0 },
      (c) => curves.push(c),
    );
    expect(result.trainExamples).toBe(54);
    expect(result.curves.map((c) => `${c.kind}@${c.fraction}`)).toEqual([
      'finetune@0.1',
      'scratch@0.1',
      'finetune@1',
      'scratch@1',
    ]);
    for (const fraction of [0.1, 1]) {
      const tuned = result.curves.find((c) => c.kind === 'finetune' && c.fraction === fraction)!;
      const scratch = result.curves.find((c) => c.kind === 'scratch' && c.fraction === fraction)!;
      expect(tuned.points.map((p) => p.step)).toEqual([0, 10, 20, 30]);
      expect(tuned.points.at(-1)!.valLoss).toBeLessThan(scratch.points.at(-1)!.valLoss);
      expect(tuned.taskAccuracy).toBeGreaterThan(scratch.taskAccuracy ?? 1);
    }
    expect(result.forgetting.map((f) => f.fraction)).toEqual([0.1, 1]);
    for (const f of result.forgetting)
      expect(Number.isFinite(f.before) && Number.isFinite(f.after)).toBe(true);
    expect(curves.length).toBeGreaterThan(4); // curves are reported while they grow
  });
});
