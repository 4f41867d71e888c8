/**
 * The scaling sweep's plan and queue: N counts every parameter but the embeddings (checked
 * against the model's own parameter shapes), C = 6·N·D, one width/depth rule, runs ordered by
 * compute, each with a cosine schedule to its own length; the mixture's training streams; and a
 * small queue that trains, reports progress, and keeps finished runs when cancelled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterShapes } from '../../src/engine/model/params';
import { mixTrainingTokens } from '../../src/scaling/mixture';
import {
  checkSweepSpec,
  DEFAULT_SWEEP,
  nonEmbeddingParameters,
  planSweep,
  shapeForWidth,
  SWEEP_WIDTHS,
} from '../../src/scaling/plan';
import { RunQueue, type QueueProgress } from '../../src/engine/scaling/runner';
import { sampleData, useBackend } from './helpers';

beforeAll(() => useBackend('cpu'));

describe('sweep plan', () => {
  it('counts N as the model’s parameters without the token and position embeddings', () => {
    for (const width of SWEEP_WIDTHS) {
      const model = { ...shapeForWidth(width, 64), vocabSize: 300 };
      const shapes = parameterShapes(model);
      const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
      const all = shapes.reduce((sum, p) => sum + size(p.shape), 0);
      const embeddings = shapes
        .filter((p) => p.name === 'transformer.wte.weight' || p.name === 'transformer.wpe.weight')
        .reduce((sum, p) => sum + size(p.shape), 0);
      expect(embeddings).toBe(300 * width + 64 * width);
      expect(nonEmbeddingParameters(model)).toBe(all - embeddings);
    }
  });

  it('spans more than 30× in N and plans C = 6·N·D for every run, cheapest first', () => {
    const runs = planSweep({ ...DEFAULT_SWEEP, budgets: [40_000, 120_000] }, 300);
    expect(runs).toHaveLength(DEFAULT_SWEEP.widths.length * 2);
    const ns = runs.map((r) => r.params);
    expect(Math.max(...ns) / Math.min(...ns)).toBeGreaterThan(30);
    for (const run of runs) {
      expect(run.compute).toBe(6 * run.params * run.tokens);
      expect(run.tokens).toBe(run.training.maxIters * run.training.batchSize * run.model.blockSize);
      // The schedule ends at the run's own last step; warm-up is 5% of it.
      expect(run.training.maxIters).toBe(Math.round(run.tokens / (16 * 64)));
      expect(run.training.warmupIters).toBe(Math.max(1, Math.round(run.training.maxIters * 0.05)));
      expect(run.training.minLr).toBeCloseTo(run.training.learningRate / 10, 12);
      expect(run.training.seed).toBe(DEFAULT_SWEEP.seed);
    }
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]?.compute ?? 0).toBeGreaterThanOrEqual(runs[i - 1]?.compute ?? 0);
    }
  });

  it('trains each size on 20 tokens per parameter when asked for compute-optimal budgets', () => {
    const runs = planSweep({ ...DEFAULT_SWEEP, widths: [16, 32], budgets: 'optimal' }, 300);
    for (const run of runs) expect(run.tokens / run.params).toBeCloseTo(20, 0);
  });

  it('refuses widths it has no shape for and empty budgets', () => {
    expect(checkSweepSpec({ ...DEFAULT_SWEEP, widths: [17] })).toMatch(/widths/);
    expect(checkSweepSpec({ ...DEFAULT_SWEEP, budgets: [] })).toMatch(/budget/);
    expect(checkSweepSpec(DEFAULT_SWEEP)).toBeNull();
  });
});

describe('mixture streams', () => {
  it('takes the share of A first, then B, as long as the shorter corpus', () => {
    const a = Int32Array.from({ length: 100 }, () => 1);
    const b = Int32Array.from({ length: 80 }, () => 2);
    const mixed = mixTrainingTokens(a, b, 0.25);
    expect(mixed).toHaveLength(80);
    expect(mixed.filter((t) => t === 1)).toHaveLength(20);
    expect(mixTrainingTokens(a, b, 0).every((t) => t === 2)).toBe(true);
    expect(mixTrainingTokens(a, b, 1).every((t) => t === 1)).toBe(true);
  });
});

describe('run queue', () => {
  it('trains the runs in order with progress, and keeps finished runs when cancelled', async () => {
    const { tokenizer, split } = sampleData();
    const spec = {
      ...DEFAULT_SWEEP,
      widths: [16, 24],
      budgets: [256, 512],
      blockSize: 16,
      batchSize: 4,
      evalIters: 2,
    };
    const runs = planSweep(spec, tokenizer.vocabSize);
    const jobs = runs.map((run) => ({ run, train: split.train }));
    const progress: QueueProgress[] = [];
    const queue = new RunQueue(jobs, { val: split.val }, tokenizer.vocabSize, {
      onProgress: (p) => progress.push(p),
      onRun: () => {
        if (queue.results.length === 1) queue.cancel();
      },
    });
    const outcome = await queue.run();
    expect(outcome).toBe('cancelled');
    expect(queue.results.length).toBeGreaterThanOrEqual(1);
    expect(queue.results.length).toBeLessThan(runs.length);
    const first = queue.results[0];
    expect(first?.id).toBe(runs[0]?.id);
    // Evaluated at the start and at the end, on the same validation batches.
    expect(first?.points[0]?.tokens).toBe(0);
    expect(first?.points.at(-1)?.tokens).toBe(runs[0]?.tokens);
    expect(first?.valLoss).toBeLessThan(first?.points[0]?.valLoss ?? 0);
    expect(progress.some((p) => p.etaMs !== null && p.fraction > 0)).toBe(true);
  });
});
