import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src/data/curate';
import { serializeTokenizer } from '../../src/tokenizer/serialize';
import { CharTokenizer } from '../../src/tokenizer/char';
import { corpusFileName, parseCorpusIndex } from '../../src/ui/data/corpora';
import { checkFileSize, nameOfFiles } from '../../src/ui/data/dataset';
import { formatChange, formatMeasure, formatShare, plural } from '../../src/ui/data/format';
import { buildPrepared, checkContextFits } from '../../src/ui/data/summary';
import { tokenSegments, visibleText } from '../../src/ui/data/tokenDisplay';
import type { CurationSummary, SplitResult, TokenizerResult } from '../../src/worker/data-protocol';

describe('parseCorpusIndex', () => {
  it('reads the entries of index.json and skips malformed ones', () => {
    const entries = parseCorpusIndex([
      {
        id: 'spam',
        name: 'Spam',
        description: 'Mail',
        source: 'npm',
        licence: 'CC0',
        bytes: 10,
        documents: 3,
        format: 'jsonl',
        url: 'corpora/spam.jsonl',
      },
      { id: 'bare', name: 'Bare', bytes: 5, url: 'corpora/bare.txt' },
      { id: 'no-url', name: 'Broken', bytes: 5 },
      'not an object',
    ]);
    expect(entries.map((e) => e.id)).toEqual(['spam', 'bare']);
    expect(entries[1]).toEqual({
      id: 'bare',
      name: 'Bare',
      url: 'corpora/bare.txt',
      bytes: 5,
      description: '',
      source: '',
      licence: '',
      documents: 0,
      format: 'text',
    });
    expect(entries.map(corpusFileName)).toEqual(['spam.jsonl', 'bare.txt']);
    expect(() => parseCorpusIndex({})).toThrow(/not a list/);
  });
});

describe('uploads', () => {
  it('refuses a file over the limit before reading it', () => {
    expect(checkFileSize('a.txt', MAX_UPLOAD_BYTES)).toBeNull();
    expect(checkFileSize('huge.txt', 60 * 1024 * 1024)).toBe(
      'huge.txt cannot be used: it is 60 MB, over the 50 MB limit.',
    );
  });

  it('names one file by its name and several by their number', () => {
    expect(nameOfFiles(['notes.md'])).toBe('notes.md');
    expect(nameOfFiles(['a.txt', 'b.txt'])).toBe('2 files');
  });
});

describe('formatting', () => {
  it('counts nouns', () => {
    expect(plural(1, 'document')).toBe('1 document');
    expect(plural(2345, 'doc')).toBe('2,345 docs');
  });

  it('shows shares with two decimals and counts as whole numbers', () => {
    expect(formatMeasure(0.6, true)).toBe('0.60');
    expect(formatMeasure(1234.4, false)).toBe('1,234');
    expect(formatChange(3_023_037, 960_004)).toBe('3.02 M → 960 k');
    expect(formatShare(1, 1000)).toBe('<1%');
    expect(formatShare(0, 10)).toBe('0%');
    expect(formatShare(1, 10)).toBe('10%');
  });
});

describe('token display', () => {
  it('turns whitespace into markers, apart from the text', () => {
    expect(tokenSegments(' the')).toEqual([
      { kind: 'space', text: '·' },
      { kind: 'text', text: 'the' },
    ]);
    expect(tokenSegments('a\n\tb')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'newline', text: '⏎' },
      { kind: 'space', text: '⇥' },
      { kind: 'text', text: 'b' },
    ]);
    expect(visibleText(' é😀 ')).toBe('·é😀·');
    expect(visibleText('')).toBe('∅');
  });
});

describe('buildPrepared', () => {
  const tokenizer = serializeTokenizer(CharTokenizer.fromText('ab\n'));
  const curation: CurationSummary = {
    documents: ['a', 'b'],
    groups: [0, 1],
    before: { documents: 3, characters: 4 },
    after: { documents: 2, characters: 2 },
    rules: [],
    emptyAfterCleaning: 0,
    exactDuplicates: 1,
    nearDuplicates: 0,
    clusterCount: 1,
    clusters: [],
    milliseconds: 1,
  };
  const split: SplitResult = {
    trainText: 'a',
    valText: 'b',
    trainDocuments: 1,
    valDocuments: 1,
    trainCharacters: 1,
    valCharacters: 1,
    mode: 'documents',
  };
  const tokens: TokenizerResult = {
    tokenizer,
    kind: 'char',
    vocabSize: 6,
    charsPerToken: 1,
    trainTokens: 1,
    valTokens: 1,
    merges: [],
    alphabet: ['\n', 'a', 'b'],
    preview: [],
    milliseconds: 1,
  };

  it('hands the trainer the split and tokenizer, and summarises them as the CLI does', () => {
    const prepared = buildPrepared('Tiny', curation, split, tokens);
    expect(prepared.data).toEqual({ trainText: 'a', valText: 'b', tokenizer });
    expect(prepared.text).toBe('a\n\nb');
    expect(prepared.summary).toEqual({
      corpusName: 'Tiny',
      documentsBefore: 3,
      documentsAfter: 2,
      exactDuplicates: 1,
      nearDuplicates: 0,
      tokenizer: 'char',
      vocabSize: 6,
      charsPerToken: 1,
      trainTokens: 1,
      valTokens: 1,
    });
    const cut = buildPrepared('Tiny', curation, { ...split, mode: 'characters' }, tokens);
    expect(cut.text).toBe('ab');
  });

  it('says when a split is shorter than the context needs', () => {
    const long = { ...tokens, trainTokens: 1000, valTokens: 100 };
    expect(checkContextFits(long, 64)).toBeNull();
    expect(checkContextFits(long, 128)).toMatch(/validation split has 100 tokens.*at least 129/);
    expect(checkContextFits({ ...long, trainTokens: 10 }, 64)).toMatch(/training split has 10/);
  });
});
