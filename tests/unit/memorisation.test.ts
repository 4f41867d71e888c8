import { describe, expect, it } from 'vitest';
import {
  buildNgramIndex,
  codePointsOf,
  findMemorisedSpans,
  ngramLengthFor,
  toCharSpans,
} from '../../src/data/memorisation';
import { createRng, randomInt } from '../../src/shared/rng';

const training = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const spansOf = (sample: number[], n = 3): { start: number; end: number }[] =>
  findMemorisedSpans(buildNgramIndex(training, n), sample).spans;

describe('memorisation finder', () => {
  it('marks nothing when no n-gram of the sample occurs in the training data', () => {
    const result = findMemorisedSpans(buildNgramIndex(training, 3), [20, 21, 22, 23, 1, 2]);
    expect(result).toEqual({ spans: [], memorisedTokens: 0, fraction: 0 });
  });

  it('marks spans at both edges of the sample', () => {
    const result = findMemorisedSpans(buildNgramIndex(training, 3), [1, 2, 3, 50, 51, 8, 9, 10]);
    expect(result.spans).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 8 },
    ]);
    expect(result.memorisedTokens).toBe(6);
    expect(result.fraction).toBeCloseTo(6 / 8, 12);
  });

  it('joins overlapping matched n-grams into one span', () => {
    expect(spansOf([99, 2, 3, 4, 5, 6, 99])).toEqual([{ start: 1, end: 6 }]);
  });

  it('keeps adjacent but separate verbatim runs apart', () => {
    // [1,2,3] and [7,8,9] occur, but no n-gram across their boundary does.
    expect(spansOf([1, 2, 3, 7, 8, 9])).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
    ]);
  });

  it('marks a whole copied sample, and nothing in samples shorter than n', () => {
    const all = findMemorisedSpans(buildNgramIndex(training, 3), Array.from(training));
    expect(all.spans).toEqual([{ start: 0, end: 10 }]);
    expect(all.fraction).toBe(1);
    expect(spansOf([1, 2])).toEqual([]);
    expect(findMemorisedSpans(buildNgramIndex(training, 3), []).fraction).toBe(0);
    expect(findMemorisedSpans(buildNgramIndex([1, 2], 3), [1, 2, 3]).spans).toEqual([]);
  });

  it('never reports a hash collision as a match', () => {
    // The rolling hash is Σ (token+1)·BASE^k mod 2³² with BASE = 0x01000193 = 2²⁴ + 403, so
    // 256·BASE ≡ 103168 and [256, 5] hashes exactly like [0, 103173].
    const index = buildNgramIndex([0, 103173], 2);
    const colliding = [256, 5];
    expect(index.has(colliding, 0)).toBe(false);
    expect(index.has([0, 103173], 0)).toBe(true);
    expect(findMemorisedSpans(index, colliding).spans).toEqual([]);
  });

  it('agrees with a naive lookup on random text over a small alphabet', () => {
    const rng = createRng(7);
    const data = Int32Array.from({ length: 5000 }, () => randomInt(rng, 4));
    const n = 6;
    const naive = new Set<string>();
    for (let i = 0; i + n <= data.length; i++) naive.add(data.slice(i, i + n).join(','));
    const index = buildNgramIndex(data, n);
    expect(index.size).toBe(naive.size);
    const sample = Int32Array.from({ length: 2000 }, () => randomInt(rng, 5));
    for (let i = 0; i + n <= sample.length; i++) {
      expect(index.has(sample, i)).toBe(naive.has(sample.slice(i, i + n).join(',')));
    }
  });

  it('indexes a million tokens and scans a sample in well under a second', () => {
    const rng = createRng(8);
    const data = Int32Array.from({ length: 1_000_000 }, () => randomInt(rng, 80));
    const started = performance.now();
    const index = buildNgramIndex(data, 8);
    const sample = data.slice(500_000, 500_400);
    const result = findMemorisedSpans(index, sample);
    const ms = performance.now() - started;
    console.log(`n-gram index of 1M tokens + lookup: ${ms.toFixed(0)} ms`);
    expect(result.spans).toEqual([{ start: 0, end: 400 }]);
    expect(ms).toBeLessThan(1000);
  });

  it('picks n from characters per token', () => {
    expect(ngramLengthFor(1)).toBe(32);
    expect(ngramLengthFor(4)).toBe(8);
    expect(ngramLengthFor(20)).toBe(4);
    expect(ngramLengthFor(0)).toBe(8);
  });

  it('works on text through code points and maps token spans to character spans', () => {
    const text = 'the quick brown fox jumps over the lazy dog';
    const index = buildNgramIndex(codePointsOf(text), 8);
    const sample = 'a quick brown cat jumps over the lazy dog!';
    const { spans } = findMemorisedSpans(index, codePointsOf(sample));
    const marked = spans.map((s) => sample.slice(s.start, s.end));
    expect(marked).toEqual([' quick brown ', ' jumps over the lazy dog']);
    // Tokens of several characters: spans over tokens become spans over the decoded text.
    expect(toCharSpans(['ab', 'c', 'def', 'g'], [{ start: 1, end: 3 }])).toEqual([
      { start: 2, end: 6 },
    ]);
  });
});
