import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClozeItems, matchCase } from '../../src/data/benchmarks/cloze';
import { generateMultipleChoiceItems } from '../../src/data/benchmarks/multipleChoice';
import { generateBenchmarkSets } from '../../src/data/benchmarks/sets';
import type { BenchmarkItem, BenchmarkSet } from '../../src/data/benchmarks/types';
import type { CandidateScorer } from '../../src/engine/evaluate/benchmarks';
import {
  createModelScorer,
  gradeBenchmark,
  runBenchmarks,
} from '../../src/engine/evaluate/benchmarks';
import { disposeParams, initParams, listParameters } from '../../src/engine/model/params';
import { createRng } from '../../src/shared/rng';
import { CharTokenizer } from '../../src/tokenizer/char';
import { tinyModel, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

/** Two paragraphs of Moby-Dick (public domain). */
const TEXT = `Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation. Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul; whenever I find myself involuntarily pausing before coffin warehouses, and bringing up the rear of every funeral I meet; and especially whenever my hypos get such an upper hand of me, that it requires a strong moral principle to prevent me from deliberately stepping into the street, and methodically knocking people's hats off—then, I account it high time to get to sea as soon as I can. This is my substitute for pistol and ball. With a philosophical flourish Cato throws himself upon his sword; I quietly take to the ship. There is nothing surprising in this. If they but knew it, almost all men in their degree, some time or other, cherish very nearly the same feelings towards the ocean with me.
There now is your insular city of the Manhattoes, belted round by wharves as Indian isles by coral reefs—commerce surrounds it with her surf. Right and left, the streets take you waterward. Its extreme downtown is the battery, where that noble mole is washed by waves, and cooled by breezes, which a few hours previous were out of sight of land. Look at the crowds of water-gazers there.`;

const MC = { count: 20, contextChars: 48, continuationChars: 16, choices: 4 };
const CLOZE = { count: 20, windowChars: 48, choices: 4, minWordLength: 3 };

/** A synthetic set: `count` items of `choices` one-letter candidates, answers spread by seed. */
function syntheticSet(count: number, choices: number, seed: number): BenchmarkSet {
  const rng = createRng(seed);
  const items: BenchmarkItem[] = Array.from({ length: count }, (_, id) => ({
    id,
    before: `item ${id} `,
    after: '',
    candidates: Array.from({ length: choices }, (_, k) => String.fromCharCode(97 + k)),
    answer: Math.floor(rng.next() * choices),
  }));
  return { kind: 'multiple-choice', name: 'synthetic', items };
}

describe('benchmark item generation', () => {
  it('multiple choice: the true continuation and same-length distractors from elsewhere', () => {
    const items = generateMultipleChoiceItems(TEXT, { ...MC, seed: 1 });
    expect(items).toHaveLength(20);
    for (const item of items) {
      expect(item.candidates).toHaveLength(4);
      expect(item.before).toHaveLength(48);
      expect(TEXT.includes(item.before + item.candidates[item.answer])).toBe(true);
      expect(new Set(item.candidates).size).toBe(4); // no distractor equals the truth
      for (const candidate of item.candidates) {
        expect(candidate).toHaveLength(16);
        expect(TEXT.includes(candidate)).toBe(true);
        expect(candidate.trimStart()).toBe(candidate); // starts at a word
      }
    }
    expect(new Set(items.map((i) => i.answer)).size).toBeGreaterThan(1);
  });

  it('cloze: a passage with one word out, distractors of the same length from the text', () => {
    const items = generateClozeItems(TEXT, { ...CLOZE, seed: 1 });
    expect(items.length).toBeGreaterThanOrEqual(15);
    const vocabulary = new Set(Array.from(TEXT.matchAll(/\p{L}+/gu), (m) => m[0].toLowerCase()));
    for (const item of items) {
      const truth = item.candidates[item.answer] ?? '';
      expect(TEXT.includes(item.before + truth + item.after)).toBe(true);
      expect((item.before + truth + item.after).length).toBe(48);
      expect(new Set(item.candidates.map((c) => c.toLowerCase())).size).toBe(4);
      for (const candidate of item.candidates) {
        expect(candidate).toHaveLength(truth.length);
        expect(vocabulary.has(candidate.toLowerCase())).toBe(true);
      }
    }
    expect(matchCase('whale', 'Ship')).toBe('Whale');
    expect(matchCase('Whale', 'SHIP')).toBe('WHALE');
    expect(matchCase('WHALE', 'ship')).toBe('whale');
  });

  it('gives the same items for the same text and seed, other items for another seed', () => {
    const first = generateBenchmarkSets(TEXT, 42, { multipleChoice: MC, cloze: CLOZE });
    expect(generateBenchmarkSets(TEXT, 42, { multipleChoice: MC, cloze: CLOZE })).toEqual(first);
    expect(generateBenchmarkSets(TEXT, 43, { multipleChoice: MC, cloze: CLOZE })).not.toEqual(
      first,
    );
    expect(first.map((s) => s.kind)).toEqual(['multiple-choice', 'cloze']);
  });

  it('skips degenerate items and survives empty or tiny texts', () => {
    const repetitive = 'abc abc abc abc '.repeat(200);
    expect(generateMultipleChoiceItems(repetitive, { ...MC, seed: 1 })).toEqual([]);
    expect(generateClozeItems(repetitive, { ...CLOZE, seed: 1 })).toEqual([]);
    for (const text of ['', 'short', '\n\n\n']) {
      const sets = generateBenchmarkSets(text, 1);
      expect(sets.every((s) => s.items.length === 0)).toBe(true);
    }
  });
});

describe('benchmark grading', () => {
  it('a scorer that gives the right answer probability 1 scores 100%', async () => {
    const set = syntheticSet(50, 4, 1);
    const perfect: CandidateScorer = async (items) =>
      items.map((item) => ({
        scores: item.candidates.map((_, k) => (k === item.answer ? 0 : -Infinity)),
        tokens: item.candidates.map(() => 1),
      }));
    const [result] = await runBenchmarks([set], perfect);
    expect(result?.accuracy).toBe(1);
    expect(result?.normalisedAccuracy).toBe(1);
    expect(result?.chance).toBe(0.25);
    expect(result?.items.every((r) => r.correct && r.chosen === r.item.answer)).toBe(true);
  });

  it('a scorer without information scores at chance over many items', async () => {
    const rng = createRng(2);
    const noise: CandidateScorer = async (items) =>
      items.map((item) => ({
        scores: item.candidates.map(() => Math.log(rng.next())),
        tokens: item.candidates.map(() => 1),
      }));
    const uniform: CandidateScorer = async (items) =>
      items.map((item) => ({
        scores: item.candidates.map(() => -Math.log(4)),
        tokens: item.candidates.map(() => 1),
      }));
    const sets = [syntheticSet(4000, 4, 3), syntheticSet(4000, 5, 4)];
    const [four, five] = await runBenchmarks(sets, noise);
    // Binomial standard deviation ≈ 0.007 at n = 4000: allow about 4 of them.
    expect(Math.abs((four?.accuracy ?? 0) - 0.25)).toBeLessThan(0.03);
    expect(Math.abs((five?.accuracy ?? 0) - 0.2)).toBeLessThan(0.03);
    expect(five?.chance).toBeCloseTo(0.2, 12);
    // Exactly uniform scores tie everywhere: each item earns 1/K, exactly chance.
    const [tied] = await runBenchmarks([syntheticSet(30, 4, 5)], uniform);
    expect(tied?.accuracy).toBeCloseTo(0.25, 12);
  });

  it('reports raw and length-normalised accuracy separately', () => {
    const set = syntheticSet(1, 2, 6);
    const item = set.items[0] as BenchmarkItem;
    const other = 1 - item.answer;
    const scores = [0, 0];
    scores[item.answer] = -4; // 4 tokens at −1 each: better per token
    scores[other] = -3; // 1 token at −3
    const tokens = [0, 0];
    tokens[item.answer] = 4;
    tokens[other] = 1;
    const result = gradeBenchmark(set, [{ scores, tokens }]);
    expect(result.accuracy).toBe(0);
    expect(result.normalisedAccuracy).toBe(1);
    expect(result.items[0]?.chosen).toBe(other);
  });

  it('a model with all-zero weights (uniform predictions) scores exactly chance', async () => {
    const tokenizer = CharTokenizer.fromText(TEXT);
    const sets = generateBenchmarkSets(TEXT, 7, { multipleChoice: MC, cloze: CLOZE });
    // A context of 8 is shorter than the items: long spans fall back to one mask per row.
    for (const blockSize of [64, 8]) {
      const config = tinyModel(tokenizer.vocabSize, { blockSize });
      const params = initParams(config, createRng(1));
      for (const p of listParameters(params)) p.variable.assign(tf.zerosLike(p.variable));
      for (const objective of ['causal', 'masked'] as const) {
        const before = tf.memory().numTensors;
        const scorer = createModelScorer({ params, config, tokenizer }, objective);
        const results = await runBenchmarks(sets, scorer);
        expect(tf.memory().numTensors).toBe(before);
        for (const result of results) {
          expect(result.items.length).toBeGreaterThan(10);
          expect(result.accuracy).toBeCloseTo(result.chance, 6);
          for (const { scores } of result.items) expect(scores.every(Number.isFinite)).toBe(true);
        }
      }
      disposeParams(params);
    }
  });
});
