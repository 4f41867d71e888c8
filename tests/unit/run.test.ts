import { beforeAll, describe, expect, it } from 'vitest';
import type { RunProgress, RunStatus } from '../../src/engine/run';
import { TrainingRun } from '../../src/engine/run';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

function makeRun(overrides: Parameters<typeof tinyTraining>[0] = {}) {
  const { tokenizer, split } = sampleData();
  const progress: RunProgress[] = [];
  const statuses: { status: RunStatus; step: number; message?: string }[] = [];
  const { vocabSize: _vocabSize, ...model } = tinyModel(tokenizer.vocabSize);
  const run = new TrainingRun(
    'r1',
    { model, training: tinyTraining({ evalInterval: 5, ...overrides }) },
    tokenizer,
    split,
    {
      progress: (p) => progress.push(p),
      status: (status, step, message) => statuses.push({ status, step, message }),
    },
    { burstMs: 20, progressMs: 0 },
  );
  return { run, progress, statuses, tokenizer };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
};

describe('TrainingRun', () => {
  it('steps exactly once per step-once, and pause stops the counter', async () => {
    const { run, progress } = makeRun();
    await run.stepOnce();
    await run.stepOnce();
    expect(run.session.step).toBe(2);
    expect(progress.flatMap((p) => p.steps.map((s) => s.step))).toEqual([1, 2]);
    run.start();
    await until(() => run.session.step >= 6);
    await run.pause();
    const stopped = run.session.step;
    await new Promise((r) => setTimeout(r, 100));
    expect(run.session.step).toBe(stopped);
    expect(run.status).toBe('paused');
    // Every step is reported once, in order, and evaluations arrive on the interval.
    const reported = progress.flatMap((p) => p.steps.map((s) => s.step));
    expect(reported).toEqual(Array.from({ length: stopped }, (_, i) => i + 1));
    const evals = progress.flatMap((p) => p.evals.map((e) => e.step));
    expect(evals[0]).toBe(2);
    expect(evals.slice(1).every((s) => s % 5 === 0)).toBe(true);
    await run.dispose();
  });

  it('runs to maxIters and reports done', async () => {
    const { run, statuses } = makeRun({ maxIters: 12, warmupIters: 2 });
    run.start();
    await until(() => run.status === 'done');
    expect(run.session.step).toBe(12);
    expect(statuses.at(-1)).toEqual({ status: 'done', step: 12, message: undefined });
    await run.dispose();
  });

  it('stops a diverging run with a message and keeps what it trained', async () => {
    const { run, statuses, progress } = makeRun({
      learningRate: 1e6,
      minLr: 1e5,
      gradClip: 0,
      warmupIters: 0,
    });
    run.start();
    await until(() => run.status === 'diverged');
    const last = statuses.at(-1);
    expect(last?.message).toMatch(/diverged.*lower learning rate/);
    expect(
      progress
        .flatMap((p) => p.steps)
        .some((s) => !Number.isFinite(s.loss) || !Number.isFinite(s.gradNorm)),
    ).toBe(true);
    await run.dispose();
  });

  it('answers predictions while training, between bursts', async () => {
    const { run } = makeRun({ maxIters: 1000 });
    run.start();
    const options = {
      topK: 5,
      temperature: 1,
      sampleTopK: 0,
      sampleLength: 10,
      attentionLayer: 1,
      attentionHead: 1,
    };
    const next = await run.predictNext('It is a truth', options);
    expect(next.top).toHaveLength(5);
    expect(next.top.reduce((s, c) => s + c.probability, 0)).toBeLessThanOrEqual(1.0001);
    expect(next.sample).toHaveLength(10);
    expect(next.attention.tokens).toHaveLength(13);
    expect(next.attention.weights).toHaveLength(13 * 13);
    const fill = await run.predictFill('a [MASK]ruth', {
      topK: 5,
      attentionLayer: 0,
      attentionHead: 0,
    });
    expect(fill.masks.map((m) => m.position)).toEqual([2]);
    await expect(
      run.predictFill('no mask here', { topK: 5, attentionLayer: 0, attentionHead: 0 }),
    ).rejects.toThrow(/\[MASK\]/);
    await run.dispose();
  });
});
