import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../src/config/config';
import { splitTokens } from '../../src/data/batcher';
import { generateBenchmarkSets } from '../../src/data/benchmarks/sets';
import { createModelScorer, runBenchmarks } from '../../src/engine/evaluate/benchmarks';
import { makeEvaluationBatches } from '../../src/engine/evaluate/batches';
import type { ScoringRow } from '../../src/engine/evaluate/likelihood';
import {
  buildCausalRows,
  causalLogLikelihoods,
  maskedLogLikelihoods,
  scoreRows,
} from '../../src/engine/evaluate/likelihood';
import { answerCredit, bitsPerChar, perplexity } from '../../src/engine/evaluate/metrics';
import {
  measureTokenAccuracy,
  measureTokenAccuracySets,
} from '../../src/engine/evaluate/tokenAccuracy';
import { forward, weightedCrossEntropy } from '../../src/engine/model/gpt';
import type { GptParams } from '../../src/engine/model/params';
import { disposeParams, initParams } from '../../src/engine/model/params';
import { TrainingSession } from '../../src/engine/session';
import { createRng, randomInt } from '../../src/shared/rng';
import { CharTokenizer } from '../../src/tokenizer/char';
import { SPECIAL_IDS } from '../../src/tokenizer/tokenizer';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** −Σ log p(targets at weighted positions) of one row, through weightedCrossEntropy. */
async function summedLogLikelihood(
  params: GptParams,
  config: ModelConfig,
  attention: 'causal' | 'bidirectional',
  row: ScoringRow,
): Promise<number> {
  const t = row.ids.length;
  const targets = new Int32Array(t);
  const weights = new Float32Array(t);
  row.positions.forEach((p, k) => {
    targets[p] = row.targets[k] ?? 0;
    weights[p] = 1;
  });
  const loss = tf.tidy(() => {
    const { logits } = forward(params, config, tf.tensor2d(row.ids, [1, t], 'int32'), {
      attention,
      dropoutSeed: null,
    });
    return weightedCrossEntropy(logits, tf.tensor1d(targets, 'int32'), tf.tensor1d(weights));
  });
  const value = (await loss.data())[0] ?? NaN;
  loss.dispose();
  return -value * row.positions.length;
}

const randomIds = (rng: ReturnType<typeof createRng>, length: number, vocab: number): Int32Array =>
  Int32Array.from({ length }, () => 3 + randomInt(rng, vocab - 3));

describe('evaluation metrics', () => {
  it('perplexity is exp(mean loss)', () => {
    expect(perplexity(0)).toBe(1);
    expect(perplexity(Math.log(65))).toBeCloseTo(65, 10);
    expect(perplexity(2.5)).toBeCloseTo(Math.exp(2.5), 12);
  });

  it('bits per character is bits per token times tokens per character', () => {
    // A char tokenizer: one token per character, so just nats → bits.
    expect(bitsPerChar(Math.LN2, 1000, 1000)).toBeCloseTo(1, 12);
    expect(bitsPerChar(1.2, 500, 500)).toBeCloseTo(1.2 / Math.LN2, 12);
    // A tokenizer with 4 characters per token: 2 bits per token are 0.5 bits per character.
    expect(bitsPerChar(2 * Math.LN2, 1000, 4000)).toBeCloseTo(0.5, 12);
    expect(bitsPerChar(1, 10, 0)).toBeNaN();
  });

  it('shares credit on ties and gives none to a beaten answer', () => {
    expect(answerCredit([-1, -2, -3], 0)).toBe(1);
    expect(answerCredit([-1, -2, -3], 1)).toBe(0);
    expect(answerCredit([-1, -1, -3], 1)).toBe(0.5);
    expect(answerCredit([NaN, -5], 1)).toBe(1);
  });
});

describe('evaluation batches and token accuracy', () => {
  it('evaluation batches are identical across calls for a seed, and match the session', async () => {
    const { tokenizer, split } = sampleData();
    for (const objective of ['causal', 'masked'] as const) {
      const model = tinyModel(tokenizer.vocabSize);
      const training = tinyTraining({ objective, evalIters: 3, seed: 11 });
      const batches = makeEvaluationBatches(split.val, 'val', model, training);
      expect(makeEvaluationBatches(split.val, 'val', model, training)).toEqual(batches);
      const other = makeEvaluationBatches(split.val, 'val', model, { ...training, seed: 12 });
      expect(other).not.toEqual(batches);
      expect(makeEvaluationBatches(split.train, 'train', model, training)).not.toEqual(batches);

      const session = new TrainingSession(model, training, split);
      await session.trainSteps(3);
      const first = await session.evaluate();
      expect(await session.evaluate()).toEqual(first);
      // The same batches give the session's validation loss (pooled = averaged for causal).
      const accuracy = await measureTokenAccuracySets(session.params, model, objective, {
        train: makeEvaluationBatches(split.train, 'train', model, training),
        val: batches,
      });
      if (objective === 'causal') {
        expect(accuracy.val.loss).toBeCloseTo(first.valLoss, 4);
        expect(accuracy.train.loss).toBeCloseTo(first.trainLoss, 4);
      } else {
        expect(Math.abs(accuracy.val.loss - first.valLoss)).toBeLessThan(0.05);
      }
      session.dispose();
    }
  });

  it('top-1 and top-5 match a count made in JavaScript from the logits', async () => {
    const { tokenizer, split } = sampleData();
    const model = tinyModel(tokenizer.vocabSize);
    const params = initParams(model, createRng(3));
    for (const objective of ['causal', 'masked'] as const) {
      const training = tinyTraining({ objective, evalIters: 1, batchSize: 4 });
      const [batch] = makeEvaluationBatches(split.val, 'val', model, training);
      if (!batch) throw new Error('no batch');
      const measured = await measureTokenAccuracy(params, model, objective, [batch]);
      const logits = tf.tidy(
        () =>
          forward(params, model, tf.tensor2d(batch.inputs, [4, model.blockSize], 'int32'), {
            attention: objective === 'causal' ? 'causal' : 'bidirectional',
            dropoutSeed: null,
          }).logits,
      );
      const values = await logits.data();
      logits.dispose();
      const v = model.vocabSize;
      let top1 = 0;
      let top5 = 0;
      let count = 0;
      batch.targets.forEach((target, i) => {
        if (batch.weights[i] === 0) return;
        const own = values[i * v + target] ?? 0;
        let rank = 0;
        for (let id = 3; id < v; id++) if ((values[i * v + id] ?? 0) > own) rank++;
        top1 += rank < 1 ? 1 : 0;
        top5 += rank < 5 ? 1 : 0;
        count++;
      });
      expect(measured.positions).toBe(count);
      expect(measured.top1).toBeCloseTo(top1 / count, 6);
      expect(measured.top5).toBeCloseTo(top5 / count, 6);
    }
    disposeParams(params);
  });

  it('keeps the number of tensors flat', async () => {
    const { tokenizer, split } = sampleData();
    const model = tinyModel(tokenizer.vocabSize);
    const params = initParams(model, createRng(4));
    const batches = makeEvaluationBatches(split.val, 'val', model, tinyTraining());
    const before = tf.memory().numTensors;
    for (const objective of ['causal', 'masked'] as const) {
      await measureTokenAccuracy(params, model, objective, batches);
      await measureTokenAccuracySets(params, model, objective, { a: batches, b: [] });
      await causalLogLikelihoods(params, model, [
        { context: Int32Array.of(4, 5), continuation: Int32Array.of(6, 7) },
      ]);
      await maskedLogLikelihoods(
        params,
        model,
        [{ left: Int32Array.of(4), span: Int32Array.of(5, 6), right: Int32Array.of(7) }],
        'pseudo',
      );
      expect(tf.memory().numTensors).toBe(before);
    }
    disposeParams(params);
  });

  it('is well above chance after brief training on a regular pattern (tokens and benchmarks)', async () => {
    const text = [
      'abcabcabcabcabcabcabcabcabcabcabcabc',
      'the cat sat on the mat. the dog sat on the log.',
      '0123456789 0123456789 0123456789',
      'zyxwvutsrqponmlkjihgfedcba',
      '',
    ]
      .join('\n')
      .repeat(40);
    const tokenizer = CharTokenizer.fromText(text);
    const split = splitTokens(tokenizer.encode(text));
    const model = tinyModel(tokenizer.vocabSize, { blockSize: 32 });
    const training = tinyTraining({ batchSize: 16, learningRate: 3e-3, evalIters: 4 });
    const session = new TrainingSession(model, training, split);
    const batches = makeEvaluationBatches(split.val, 'val', model, training);
    const untrained = await measureTokenAccuracy(session.params, model, 'causal', batches);
    await session.trainSteps(120);
    const trained = await measureTokenAccuracy(session.params, model, 'causal', batches);
    const chance = 1 / (tokenizer.vocabSize - 3);
    expect(untrained.top1).toBeLessThan(0.2);
    expect(trained.top1).toBeGreaterThan(Math.max(0.6, 10 * chance));
    expect(trained.top5).toBeGreaterThan(trained.top1);
    expect(trained.loss).toBeLessThan(untrained.loss);

    const sets = generateBenchmarkSets(tokenizer.decode(split.val), 1, {
      multipleChoice: { count: 40, contextChars: 24, continuationChars: 8 },
      cloze: { count: 40, windowChars: 24 },
    });
    const scorer = createModelScorer(
      { params: session.params, config: model, tokenizer },
      'causal',
    );
    const results = await runBenchmarks(sets, scorer);
    session.dispose();
    for (const result of results) {
      console.log(
        `${result.name}: ${result.accuracy} (chance ${result.chance}, ${result.items.length} items)`,
      );
      expect(result.items.length).toBeGreaterThanOrEqual(20);
      expect(result.accuracy).toBeGreaterThan(result.chance + 0.3);
    }
  });
});

describe('log-likelihood scoring', () => {
  const config = tinyModel(30, { blockSize: 16 });

  it('causal log-likelihood equals −(sum of per-position losses) from weightedCrossEntropy', async () => {
    const params = initParams(config, createRng(5));
    const rng = createRng(6);
    const context = randomIds(rng, 7, 30);
    const continuation = randomIds(rng, 5, 30);
    const [score] = await causalLogLikelihoods(params, config, [{ context, continuation }]);
    // By hand: read context+continuation minus its last token; score the continuation's tokens.
    const full = Int32Array.from([...context, ...continuation]);
    const row: ScoringRow = {
      ids: full.slice(0, -1),
      positions: [6, 7, 8, 9, 10],
      targets: Array.from(continuation),
    };
    expect(score).toBeCloseTo(await summedLogLikelihood(params, config, 'causal', row), 4);
    expect(score).toBeLessThan(0);
    disposeParams(params);
  });

  it('crops long contexts from the left and splits continuations longer than the context', () => {
    const context = Int32Array.from({ length: 30 }, (_, i) => 100 + i);
    const continuation = Int32Array.from({ length: 20 }, (_, i) => 200 + i);
    const rows = buildCausalRows(context, continuation, 16);
    expect(rows.map((r) => r.ids.length)).toEqual([16, 16]);
    const scored = rows.flatMap((r) => r.targets);
    expect(scored).toEqual(Array.from(continuation));
    for (const r of rows) {
      r.positions.forEach((p, k) => {
        const readBefore = r.ids[p];
        const target = r.targets[k] ?? 0;
        // The token read at p is the one just before the target in context+continuation.
        const whole = [...context, ...continuation];
        expect(whole[whole.indexOf(target) - 1]).toBe(readBefore);
      });
    }
    expect(buildCausalRows(new Int32Array(0), Int32Array.of(5, 6, 7), 16)[0]?.targets).toEqual([
      6, 7,
    ]);
  });

  it('scores the same in one batched call as one request at a time', async () => {
    const params = initParams(config, createRng(7));
    const rng = createRng(8);
    const pairs = [3, 20, 9, 1, 15].map((contextLength, i) => ({
      context: randomIds(rng, contextLength, 30),
      continuation: randomIds(rng, [4, 6, 1, 25, 12][i] ?? 1, 30),
    }));
    const together = await causalLogLikelihoods(params, config, pairs);
    const small = { maxTokensPerPass: 40, maxLogitsPerPass: 1 << 20 };
    const squeezed = await causalLogLikelihoods(params, config, pairs, small);
    for (const [i, pair] of pairs.entries()) {
      const [alone] = await causalLogLikelihoods(params, config, [pair]);
      expect(together[i]).toBeCloseTo(alone ?? NaN, 3);
      expect(squeezed[i]).toBeCloseTo(alone ?? NaN, 3);
    }
    const spans = [2, 5, 2, 3].map((length) => ({
      left: randomIds(rng, 4, 30),
      span: randomIds(rng, length, 30),
      right: randomIds(rng, length, 30),
    }));
    for (const method of ['span', 'pseudo'] as const) {
      const all = await maskedLogLikelihoods(params, config, spans, method);
      for (const [i, span] of spans.entries()) {
        const [alone] = await maskedLogLikelihoods(params, config, [span], method);
        expect(all[i]).toBeCloseTo(alone ?? NaN, 3);
      }
    }
    disposeParams(params);
  });

  it('masked span scoring masks the whole span and scores its tokens (cross-check)', async () => {
    const params = initParams(config, createRng(9));
    const rng = createRng(10);
    const left = randomIds(rng, 12, 30);
    const span = randomIds(rng, 3, 30);
    const right = randomIds(rng, 12, 30);
    const [score] = await maskedLogLikelihoods(params, config, [{ left, span, right }], 'span');
    // Cropped evenly to 16 tokens: 7 on the left (12 − 5 dropped), 3 masks, 6 on the right.
    const ids = Int32Array.from([
      ...left.slice(5),
      ...Array(3).fill(SPECIAL_IDS.mask),
      ...right.slice(0, 6),
    ]);
    const row: ScoringRow = { ids, positions: [7, 8, 9], targets: Array.from(span) };
    expect(score).toBeCloseTo(await summedLogLikelihood(params, config, 'bidirectional', row), 4);
    // One masked token: the span and pseudo-log-likelihood methods agree.
    const one = { left, span: span.slice(0, 1), right };
    const [bySpan] = await maskedLogLikelihoods(params, config, [one], 'span');
    const [byPseudo] = await maskedLogLikelihoods(params, config, [one], 'pseudo');
    expect(bySpan).toBeCloseTo(byPseudo ?? NaN, 5);
    await expect(
      maskedLogLikelihoods(params, config, [{ left, span: randomIds(rng, 17, 30), right }], 'span'),
    ).rejects.toThrow(/context length/);
    expect(await scoreRows(params, config, 'causal', [])).toHaveLength(0);
    disposeParams(params);
  });
});
