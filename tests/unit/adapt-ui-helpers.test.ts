import { describe, expect, it } from 'vitest';
import {
  comparisonRows,
  comparisonProgress,
  curveKey,
  finalLoss,
  forgettingRows,
  summarise,
  upsertCurve,
} from '../../src/ui/adapt/comparison';
import {
  checkAdaptSettings,
  DEFAULT_ADAPT_SETTINGS,
  fractionLabel,
  freezeFor,
  trainingFor,
} from '../../src/ui/adapt/settings';
import {
  firstLine,
  heldOutPrompts,
  promptOf,
  taskExamples,
  taskSplitSizes,
} from '../../src/ui/adapt/taskExamples';
import type { ComparisonCurve } from '../../src/worker/protocol';
import { splitTaskExamples } from '../../src/worker/adaptation';

const curve = (
  kind: ComparisonCurve['kind'],
  fraction: number,
  losses: number[],
  taskAccuracy: number | null = null,
): ComparisonCurve => ({
  kind,
  fraction,
  points: losses.map((valLoss, i) => ({ step: i * 10, valLoss })),
  taskAccuracy,
});

describe('adapt settings', () => {
  it('maps what to train to freeze settings', () => {
    expect(freezeFor({ ...DEFAULT_ADAPT_SETTINGS, trainWhat: 'all', frozenBlocks: 3 })).toEqual({
      embeddings: false,
      blocks: 0,
    });
    expect(freezeFor({ ...DEFAULT_ADAPT_SETTINGS, trainWhat: 'freeze-embeddings' })).toEqual({
      embeddings: true,
      blocks: 0,
    });
    expect(
      freezeFor({ ...DEFAULT_ADAPT_SETTINGS, trainWhat: 'freeze-blocks', frozenBlocks: 2 }),
    ).toEqual({ embeddings: false, blocks: 2 });
  });

  it('builds a short, low-rate recipe with the base objective', () => {
    const training = trainingFor(
      { ...DEFAULT_ADAPT_SETTINGS, stepBudget: 30, evalInterval: 50 },
      'masked',
    );
    expect(training.objective).toBe('masked');
    expect(training.learningRate).toBe(3e-4);
    expect(training.minLr).toBeCloseTo(3e-5);
    expect(training.maxIters).toBe(30);
    expect(training.evalInterval).toBe(30); // never beyond the budget
    expect(training.warmupIters).toBe(3);
  });

  it('defaults to learning rate 3e-4 and 200 steps, and they are valid', () => {
    expect(DEFAULT_ADAPT_SETTINGS.learningRate).toBe(3e-4);
    expect(DEFAULT_ADAPT_SETTINGS.stepBudget).toBe(200);
    expect(checkAdaptSettings(DEFAULT_ADAPT_SETTINGS, null)).toEqual([]);
  });

  it('reports bad numbers in words', () => {
    const problems = checkAdaptSettings(
      {
        trainWhat: 'freeze-blocks',
        frozenBlocks: 5,
        learningRate: 0,
        stepBudget: 2.5,
        evalInterval: 0,
      },
      2,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/only 2 blocks/);
    expect(checkAdaptSettings({ ...DEFAULT_ADAPT_SETTINGS, learningRate: NaN }, null)).toHaveLength(
      1,
    );
  });

  it('labels fractions as percentages', () => {
    expect([0.01, 0.1, 1].map(fractionLabel)).toEqual(['1%', '10%', '100%']);
  });
});

describe('task examples', () => {
  const text = Array.from({ length: 20 }, (_, i) => `Q: question ${i}? A: answer ${i}.`).join('\n');

  it('splits like the worker does', () => {
    for (const n of [2, 5, 9, 10, 11, 15, 60]) {
      const lines = Array.from({ length: n }, (_, i) => `line ${i}`).join('\n\n');
      const worker = splitTaskExamples(lines);
      expect(taskSplitSizes(taskExamples(lines).length)).toEqual({
        train: worker.train.length,
        val: worker.val.length,
      });
    }
  });

  it('cuts Q/A examples after "A:" and others in half', () => {
    expect(promptOf('Q: What is the basic unit of life? A: The cell.')).toEqual({
      prompt: 'Q: What is the basic unit of life? A:',
      expected: 'The cell.',
    });
    expect(promptOf('abcdefgh')).toEqual({ prompt: 'abcd', expected: 'efgh' });
  });

  it('takes prompts from the held-out examples only', () => {
    const prompts = heldOutPrompts(text, 3);
    expect(prompts.map((p) => p.prompt)).toEqual(['Q: question 18? A:', 'Q: question 19? A:']);
  });

  it('keeps a sample to its first line', () => {
    expect(firstLine(' The cell.\nQ: next')).toBe('The cell.');
    expect(firstLine('no newline ')).toBe('no newline');
    expect(firstLine('\nthe dog sat.\nthe cat')).toBe('⏎ the dog sat.');
    expect(firstLine('\n\n')).toBe('⏎');
    expect(firstLine('')).toBe('');
  });
});

describe('comparison tables', () => {
  const curves = [
    curve('finetune', 1, [3, 1.5, 1.0], 0.6),
    curve('scratch', 1, [3.2, 2.5, 2.0], 0.2),
    curve('finetune', 0.1, [3, 2.0], 0.4),
  ];

  it('joins curves into one row per step', () => {
    const rows = comparisonRows(curves);
    expect(rows.map((r) => r.step)).toEqual([0, 10, 20]);
    expect(rows[2]).toEqual({ step: 20, [curveKey(curves[0]!)]: 1.0, [curveKey(curves[1]!)]: 2.0 });
  });

  it('drops non-finite points', () => {
    expect(comparisonRows([curve('scratch', 1, [NaN, 2])])).toEqual([{ step: 10, 'scratch@1': 2 }]);
  });

  it('summarises the end of each curve per fraction, in order', () => {
    const summary = summarise(curves);
    expect(summary.map((s) => s.fraction)).toEqual([0.1, 1]);
    expect(summary[0]?.scratch).toBeNull();
    expect(summary[1]).toEqual({
      fraction: 1,
      finetune: { loss: 1.0, accuracy: 0.6 },
      scratch: { loss: 2.0, accuracy: 0.2 },
    });
    expect(finalLoss(undefined)).toBeNull();
  });

  it('computes forgetting as the change in base-corpus loss', () => {
    const rows = forgettingRows({
      forgetting: [
        { fraction: 1, before: 1, after: 1.5 },
        { fraction: 0.01, before: 1, after: 1.1 },
      ],
    });
    expect(rows.map((r) => r.fraction)).toEqual([0.01, 1]);
    expect(rows[1]?.change).toBeCloseTo(0.5);
  });

  it('replaces partial curves as progress arrives and counts finished runs', () => {
    let curves: ComparisonCurve[] = [];
    curves = upsertCurve(curves, curve('finetune', 1, [3]));
    curves = upsertCurve(curves, curve('finetune', 1, [3, 2]));
    expect(curves).toHaveLength(1);
    expect(comparisonProgress(curves)).toEqual({
      finished: 0,
      current: { kind: 'finetune', fraction: 1, step: 10 },
    });
    curves = upsertCurve(curves, curve('finetune', 1, [3, 2, 1], 0.5));
    curves = upsertCurve(curves, curve('scratch', 1, [3]));
    expect(curves).toHaveLength(2);
    expect(comparisonProgress(curves).finished).toBe(1);
    expect(comparisonProgress(curves).current?.kind).toBe('scratch');
  });
});
