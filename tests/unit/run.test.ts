import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunProgress, RunStatus } from '../../src/engine/run';
import { TrainingRun } from '../../src/engine/run';
import { splitTokens } from '../../src/data/batcher';
import { CharTokenizer } from '../../src/tokenizer/char';
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

  it('reports its first steps before evaluating the starting model, and that evaluation is of the starting weights', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const reference = makeRun();
    const atStart = await reference.run.session.evaluate();
    await reference.run.dispose();

    const { run, progress } = makeRun({ maxIters: 1000 });
    run.start();
    await until(() => progress.some((p) => p.evals.some((e) => e.step === 0)));
    await run.pause();
    const firstSteps = progress.findIndex((p) => p.steps.length > 0);
    const startEval = progress.findIndex((p) => p.evals.some((e) => e.step === 0));
    expect(firstSteps).toBeGreaterThanOrEqual(0);
    expect(firstSteps).toBeLessThan(startEval);
    const evaluated = progress[startEval]!.evals.find((e) => e.step === 0)!;
    expect(evaluated.tokensSeen).toBe(0);
    expect(evaluated.valLoss).toBeCloseTo(atStart.valLoss, 5);
    expect(evaluated.trainLoss).toBeCloseTo(atStart.trainLoss, 5);
    // Training had moved on: the weights evaluated were a copy, freed once evaluated.
    expect(run.session.step).toBeGreaterThan(0);
    await run.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
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

describe('TrainingRun evaluations', () => {
  it('reports perplexity, bits per character, benchmarks and checkpoint samples with memorised spans', async () => {
    const text = 'the cat sat on the mat. the dog sat on the log. the cow ate the hay.\n'.repeat(
      60,
    );
    const tokenizer = CharTokenizer.fromText(text);
    const progress: RunProgress[] = [];
    const { vocabSize: _vocabSize, ...model } = tinyModel(tokenizer.vocabSize, {
      blockSize: 32,
      nEmbd: 48,
    });
    const run = new TrainingRun(
      'eval',
      {
        model,
        training: tinyTraining({
          maxIters: 400,
          evalInterval: 200,
          learningRate: 5e-3,
          minLr: 5e-4,
        }),
      },
      tokenizer,
      splitTokens(tokenizer.encode(text)),
      { progress: (p) => progress.push(p), status: () => undefined },
      { burstMs: 50, progressMs: 0 },
    );
    run.start();
    await until(() => run.status === 'done');
    await run.dispose();
    const evals = progress.flatMap((p) => p.evals);
    expect(evals.map((e) => e.step)).toEqual([0, 200, 400]);
    const last = evals.at(-1)!;
    expect(last.valPerplexity).toBeCloseTo(Math.exp(last.valLoss), 4);
    expect(last.valBitsPerChar).toBeCloseTo(last.valLoss / Math.LN2, 4); // one character per token
    expect(last.valTop1).toBeGreaterThan(0.6);
    expect(last.benchmarks.map((b) => b.kind)).toEqual(['multiple-choice', 'cloze']);
    for (const b of last.benchmarks) expect(b.accuracy).toBeGreaterThan(b.chance);
    const samples = progress.flatMap((p) => p.samples);
    expect(samples.map((s) => s.step)).toEqual([0, 200, 400]);
    expect(new Set(samples.map((s) => s.prompt)).size).toBe(1);
    // A model trained on a repeated text copies it: long verbatim spans, at the right places.
    const final = samples.at(-1)!;
    expect(samples[0]?.memorisedFraction).toBeLessThan(0.2);
    expect(final.memorisedFraction).toBeGreaterThan(0.5);
    for (const span of final.memorised)
      expect(text).toContain(final.text.slice(span.start, span.end));
  });
});
