import { describe, expect, it } from 'vitest';
import {
  buildTokenizer,
  deserializeTokenizer,
  serializeTokenizer,
  TOKENIZER_KINDS,
} from '../../src/tokenizer/registry';

const text =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. 🐳 Café 你好 ';
const probe = `${text} Some unseen words: xylophone quagmire. [MASK] 𝔘𝔫𝔦𝔠𝔬𝔡𝔢`;

describe.each(TOKENIZER_KINDS)('serialising a %s tokenizer', (kind) => {
  const tokenizer = buildTokenizer(kind, text.repeat(4), { vocabSize: 320 });

  it('gives identical encodings after a JSON round trip', () => {
    const json = JSON.stringify(serializeTokenizer(tokenizer));
    const restored = deserializeTokenizer(JSON.parse(json));
    expect(restored.kind).toBe(kind);
    expect(restored.vocabSize).toBe(tokenizer.vocabSize);
    expect(restored.vocabulary()).toEqual(tokenizer.vocabulary());
    for (const allowSpecial of [false, true]) {
      expect(Array.from(restored.encode(probe, { allowSpecial }))).toEqual(
        Array.from(tokenizer.encode(probe, { allowSpecial })),
      );
    }
    expect(deserializeTokenizer(json).vocabSize).toBe(tokenizer.vocabSize);
  });
});

describe('a corrupted serialised tokenizer', () => {
  const bpe = serializeTokenizer(buildTokenizer('bpe', text.repeat(4), { vocabSize: 300 }));
  const char = serializeTokenizer(buildTokenizer('char', text));

  it.each([
    ['not JSON', '{"format": ', /Invalid tokenizer: .*JSON/],
    ['not an object', [1, 2], /expected a JSON object/],
    ['another format', { ...bpe, format: 'other' }, /not a tokenizer file/],
    ['a future version', { ...bpe, version: 2 }, /version 2 is not supported/],
    ['other special tokens', { ...bpe, specials: ['[PAD]', '[UNK]', '[MASK]'] }, /special tokens/],
    ['an unknown kind', { ...bpe, kind: 'wordpiece' }, /unknown tokenizer kind "wordpiece"/],
    [
      'a merge of a later symbol',
      { ...bpe, merges: [[300, 1]] },
      /merges\[0\] refers to symbol 300/,
    ],
    [
      'a merge that is not a pair',
      { ...bpe, merges: [[1]] },
      /merges\[0\] must be a \[left, right\] pair/,
    ],
    [
      'a repeated merge',
      {
        ...bpe,
        merges: [
          [1, 2],
          [1, 2],
        ],
        vocabSize: 261,
      },
      /repeats the pair/,
    ],
    [
      'a truncated merge list',
      { ...bpe, merges: bpe.kind === 'bpe' ? bpe.merges.slice(0, 3) : [] },
      /declares \d+ tokens but defines/,
    ],
    ['a duplicated character', { ...char, chars: ['a', 'a'] }, /appears twice/],
    ['a multi-character entry', { ...char, chars: ['ab'] }, /single character/],
  ])('is refused when it is %s', (_name, data, reason) => {
    expect(() => deserializeTokenizer(data)).toThrow(/^Invalid tokenizer: /);
    expect(() => deserializeTokenizer(data)).toThrow(reason);
  });
});
