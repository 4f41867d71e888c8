import { describe, expect, it } from 'vitest';
import { BpeTokenizer } from '../../src/tokenizer/bpe';
import { learnMerges, pairKey } from '../../src/tokenizer/bpe-train';
import { ByteTokenizer } from '../../src/tokenizer/byte';
import { CharTokenizer } from '../../src/tokenizer/char';
import { pretokenize } from '../../src/tokenizer/pretokenize';
import type { TokenizerKind } from '../../src/tokenizer/registry';
import { buildTokenizer, TOKENIZER_KINDS, TOKENIZERS } from '../../src/tokenizer/registry';
import { FIRST_REGULAR_ID, SPECIAL_IDS, SPECIAL_TOKENS } from '../../src/tokenizer/tokenizer';
import { createRng, randomInt } from '../../src/shared/rng';

const english =
  'The whale is the largest animal in the sea. The sailors watched the whale and the whale watched the sailors. ' +
  "They're sure it's the same whale they'd seen in 1851, 1852 and 1853! Isn't it? ";

/** Text with emoji (incl. ZWJ sequences and flags), CJK, combining marks and other scripts. */
const unicode =
  'Café, naïve — e\u0301 a\u0308\u0301 👨‍👩‍👧‍👦 🇫🇷 🐳🐋 你好世界 日本語のテキスト 한국어 Привет мир ' +
  'مرحبا שלום नमस्ते 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∑∫√ ½ \t tabs\n\nnew lines\r\n   spaces   [MASK] [PAD] ';

/** Random strings over every plane (no lone surrogates, which UTF-8 cannot carry). */
function randomUnicode(seed: number, length: number): string {
  const rng = createRng(seed);
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x2fff],
    [0x3000, 0x9fff],
    [0xac00, 0xd7a3],
    [0xe000, 0xfffd],
    [0x10000, 0x1faff],
    [0x20000, 0x10ffff],
  ];
  let out = '';
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[randomInt(rng, ranges.length)] ?? [0x41, 0x5a];
    out += String.fromCodePoint(low + randomInt(rng, high - low + 1));
  }
  return out;
}

const samples = [unicode, randomUnicode(1, 300), randomUnicode(2, 300), '', ' ', '\n', 'a'];

describe.each(TOKENIZER_KINDS)('%s tokenizer', (kind: TokenizerKind) => {
  it('round-trips arbitrary Unicode exactly', () => {
    for (const sample of samples) {
      // The char tokenizer is built from the text it encodes; BPE learns from English.
      const tokenizer = buildTokenizer(kind, kind === 'char' ? sample : english.repeat(5), {
        vocabSize: 300,
      });
      const ids = tokenizer.encode(sample);
      expect(tokenizer.decode(ids)).toBe(sample);
      expect(ids.every((id) => id >= FIRST_REGULAR_ID && id < tokenizer.vocabSize)).toBe(true);
    }
  });

  it('keeps the special ids and reads literal [MASK] only when asked', () => {
    const tokenizer = buildTokenizer(kind, english + ' [MASK]', { vocabSize: 300 });
    const ids = Array.from(tokenizer.encode('the [MASK] whale', { allowSpecial: true }));
    expect(ids.filter((id) => id === SPECIAL_IDS.mask)).toHaveLength(1);
    expect(tokenizer.decode(ids)).toBe('the [MASK] whale');
    expect(Array.from(tokenizer.encode('the [MASK] whale'))).not.toContain(SPECIAL_IDS.mask);
    expect(tokenizer.decode([SPECIAL_IDS.pad, ...tokenizer.encode('a'), SPECIAL_IDS.pad])).toBe(
      'a',
    );
    expect(tokenizer.tokenText(SPECIAL_IDS.mask)).toBe('[MASK]');
  });

  it('lists its vocabulary, one entry per id, specials first', () => {
    const tokenizer = buildTokenizer(kind, english, { vocabSize: 300 });
    const vocabulary = tokenizer.vocabulary();
    expect(vocabulary).toHaveLength(tokenizer.vocabSize);
    expect(vocabulary.slice(0, FIRST_REGULAR_ID)).toEqual([...SPECIAL_TOKENS]);
    expect(TOKENIZERS[kind].label).not.toBe('');
  });
});

describe('byte tokenizer', () => {
  const tokenizer = new ByteTokenizer();

  it('maps each UTF-8 byte to FIRST_REGULAR_ID + byte', () => {
    expect(tokenizer.vocabSize).toBe(FIRST_REGULAR_ID + 256);
    expect(Array.from(tokenizer.encode('Aé'))).toEqual(
      [65, 0xc3, 0xa9].map((b) => b + FIRST_REGULAR_ID),
    );
    expect(tokenizer.encode('🐳')).toHaveLength(4);
  });

  it('shows stray bytes of a longer character as hex', () => {
    expect(tokenizer.tokenText(FIRST_REGULAR_ID + 65)).toBe('A');
    expect(tokenizer.tokenText(FIRST_REGULAR_ID + 0xc3)).toBe('<0xC3>');
  });
});

describe('pre-tokenisation', () => {
  it('cuts text into GPT-2 words that concatenate back to it', () => {
    expect(pretokenize("Hello world, it's 2024!  Ok")).toEqual([
      'Hello',
      ' world',
      ',',
      ' it',
      "'s",
      ' 2024',
      '!',
      ' ',
      ' Ok',
    ]);
    for (const sample of samples) expect(pretokenize(sample).join('')).toBe(sample);
  });

  it('cuts very long pieces without splitting a surrogate pair', () => {
    const long = '🐳'.repeat(500) + '='.repeat(1000);
    const pieces = pretokenize(long);
    expect(pieces.join('')).toBe(long);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(128);
    // A lone surrogate would not survive UTF-8.
    const utf8 = (piece: string): string =>
      new TextDecoder().decode(new TextEncoder().encode(piece));
    for (const piece of pieces) expect(utf8(piece)).toBe(piece);
  });
});

/** The textbook algorithm: recount every pair before each merge. */
function naiveMerges(text: string, symbols: number): [number, number][] {
  const counts = new Map<string, number>();
  for (const piece of pretokenize(text)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  const words = [...counts.keys()].map((w) => Array.from(new TextEncoder().encode(w)));
  const freq = [...counts.values()];
  const merges: [number, number][] = [];
  while (256 + merges.length < symbols) {
    const pairs = new Map<number, number>();
    words.forEach((word, w) => {
      for (let i = 0; i + 1 < word.length; i++) {
        const key = pairKey(word[i] ?? 0, word[i + 1] ?? 0);
        pairs.set(key, (pairs.get(key) ?? 0) + (freq[w] ?? 0));
      }
    });
    let best = -1;
    let bestCount = 1;
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && count > 1 && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best < 0) break;
    const left = Math.floor(best / 65536);
    const right = best % 65536;
    const merged = 256 + merges.length;
    merges.push([left, right]);
    for (let w = 0; w < words.length; w++) {
      const word = words[w] ?? [];
      const out: number[] = [];
      for (let i = 0; i < word.length; i++) {
        if (word[i] === left && word[i + 1] === right) {
          out.push(merged);
          i += 1;
        } else out.push(word[i] ?? 0);
      }
      words[w] = out;
    }
  }
  return merges;
}

describe('BPE', () => {
  it('learns the same merges as recounting every pair before each merge', () => {
    const text = english.repeat(3) + unicode + 'aaaa bbbb aaaa abab ';
    expect(learnMerges(text, { symbols: 400 })).toEqual(naiveMerges(text, 400));
  });

  it('is deterministic for the same input', () => {
    const a = BpeTokenizer.train(english.repeat(4), 350);
    const b = BpeTokenizer.train(english.repeat(4), 350);
    expect(a.merges).toEqual(b.merges);
    expect(a.merges.length).toBeGreaterThan(20);
  });

  it('merges frequent words into single tokens and compresses the text', () => {
    const tokenizer = BpeTokenizer.train(english.repeat(10), 400);
    expect(tokenizer.encode(' whale')).toHaveLength(1);
    expect(tokenizer.tokenText(tokenizer.encode(' whale')[0] ?? 0)).toBe(' whale');
    const bytes = new TextEncoder().encode(english).length;
    expect(tokenizer.encode(english).length).toBeLessThan(bytes / 2);
    expect(tokenizer.describeMerges(1)[0]).toEqual(
      expect.objectContaining({ rank: 0, id: FIRST_REGULAR_ID + 256 }),
    );
  });

  it('has 256 + merges regular ids and stops when no pair repeats', () => {
    const small = BpeTokenizer.train('abc abd', 4096);
    expect(small.vocabSize).toBe(FIRST_REGULAR_ID + 256 + small.merges.length);
    expect(small.merges.length).toBeLessThan(5);
    const bytesOnly = BpeTokenizer.train(english, 256);
    expect(bytesOnly.merges).toHaveLength(0);
    expect(bytesOnly.decode(bytesOnly.encode(unicode))).toBe(unicode);
  });

  it('reports training progress up to 1', () => {
    const fractions: number[] = [];
    BpeTokenizer.train(english.repeat(5), 320, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('refuses a vocabulary size outside 256–4096', () => {
    expect(() => buildTokenizer('bpe', english, { vocabSize: 100 })).toThrow(/256 to 4096/);
    expect(() => buildTokenizer('bpe', english, { vocabSize: 5000 })).toThrow(/256 to 4096/);
  });

  it('encodes a character split across tokens back exactly', () => {
    const tokenizer = BpeTokenizer.train('日本 日本 日本 本日', 300);
    const ids = tokenizer.encode('本日本');
    expect(tokenizer.decode(ids)).toBe('本日本');
    expect(tokenizer.decode(ids.slice(0, 1))).not.toBe('');
  });
});

describe('char tokenizer', () => {
  it('is built from exactly the characters of its text', () => {
    const tokenizer = CharTokenizer.fromText(unicode);
    expect(tokenizer.vocabSize).toBe(FIRST_REGULAR_ID + new Set(unicode).size);
  });
});
