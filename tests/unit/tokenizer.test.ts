import { describe, expect, it } from 'vitest';
import { CharTokenizer } from '../../src/tokenizer/char';
import { FIRST_REGULAR_ID, SPECIAL_IDS, SPECIAL_TOKENS } from '../../src/tokenizer/tokenizer';

describe('CharTokenizer', () => {
  const text = 'Call me Ishmael. Some years ago — never mind how long precisely… 🐳';
  const tokenizer = CharTokenizer.fromText(text);

  it('round-trips any text made of its vocabulary', () => {
    const sample = 'Some me Ishmael 🐳… never';
    expect(tokenizer.decode(tokenizer.encode(sample))).toBe(sample);
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
  });

  it('gives one id per code point, after the special tokens', () => {
    expect(tokenizer.vocabSize).toBe(SPECIAL_TOKENS.length + new Set(Array.from(text)).size);
    expect(Math.min(...tokenizer.encode(text))).toBeGreaterThanOrEqual(FIRST_REGULAR_ID);
    expect(tokenizer.encode('🐳')).toHaveLength(1);
  });

  it('maps unknown characters to [UNK]', () => {
    const ids = tokenizer.encode('Szq');
    expect(Array.from(ids)).toEqual([tokenizer.encode('S')[0], SPECIAL_IDS.unk, SPECIAL_IDS.unk]);
    expect(tokenizer.decode(ids)).toBe('S[UNK][UNK]');
  });

  it('reads literal [MASK] only when asked to', () => {
    const withSpecial = tokenizer.encode('me [MASK].', { allowSpecial: true });
    expect(Array.from(withSpecial)).toContain(SPECIAL_IDS.mask);
    expect(withSpecial).toHaveLength(5);
    expect(Array.from(tokenizer.encode('me [MASK].'))).not.toContain(SPECIAL_IDS.mask);
  });
});
