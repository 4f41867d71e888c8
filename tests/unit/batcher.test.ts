import { describe, expect, it } from 'vitest';
import { sampleWindows, splitTokens } from '../../src/data/batcher';
import { createRng } from '../../src/shared/rng';

describe('batcher', () => {
  const tokens = Int32Array.from({ length: 1000 }, (_, i) => i);

  it('splits 90/10 without losing tokens', () => {
    const { train, val } = splitTokens(tokens);
    expect(train.length).toBe(900);
    expect(val.length).toBe(100);
    expect(val[0]).toBe(900);
  });

  it('samples windows of consecutive tokens from anywhere in the stream', () => {
    const windows = sampleWindows(tokens, 50, 17, createRng(1));
    const starts = new Set<number>();
    for (let b = 0; b < 50; b++) {
      const row = windows.subarray(b * 17, (b + 1) * 17);
      for (let t = 1; t < 17; t++) expect(row[t]).toBe((row[0] ?? 0) + t);
      starts.add(row[0] ?? -1);
    }
    expect(Math.max(...starts)).toBeLessThanOrEqual(1000 - 17);
    expect(starts.size).toBeGreaterThan(40);
  });

  it('is reproducible for a seed', () => {
    expect(sampleWindows(tokens, 4, 9, createRng(7))).toEqual(
      sampleWindows(tokens, 4, 9, createRng(7)),
    );
    expect(sampleWindows(tokens, 4, 9, createRng(7))).not.toEqual(
      sampleWindows(tokens, 4, 9, createRng(8)),
    );
  });

  it('refuses a stream shorter than a window', () => {
    expect(() => sampleWindows(tokens.subarray(0, 5), 1, 9, createRng(1))).toThrow(
      /at least 9 tokens/,
    );
  });
});
