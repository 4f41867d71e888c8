import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src/data/curate';
import { corpusFileName, parseCorpusIndex } from '../../src/ui/data/corpora';
import { checkFileSize, nameOfFiles, readFiles } from '../../src/ui/data/dataset';
import { formatChange, formatMeasure, formatShare, plural } from '../../src/ui/data/format';
import { checkContextFits } from '../../src/app/blockers';
import { tokenSegments, visibleText } from '../../src/ui/data/tokenDisplay';
import type { TokenizerResult } from '../../src/worker/data/protocol';

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

  it('stops at the total limit of one upload and names files by their folder path', () => {
    // Sparse 45 MB blobs: under the per-file limit, five of them over the 200 MB total.
    const big = (name: string): File => new File([new Uint8Array(45 * 1024 * 1024)], name);
    const files = [1, 2, 3, 4, 5].map((i) => big(`part${i}.txt`));
    const inFolder = new File(['hello'], 'a.txt');
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'notes/week1/a.txt' });
    const { sources, errors } = readFiles([inFolder, ...files]);
    expect(sources.map((source) => source.name)).toEqual([
      'notes/week1/a.txt',
      'part1.txt',
      'part2.txt',
      'part3.txt',
      'part4.txt',
    ]);
    expect(errors).toEqual([
      'part5.txt cannot be used: the files together pass the 200 MB limit of one upload.',
    ]);
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

describe('checkContextFits', () => {
  const tokens: TokenizerResult = {
    kind: 'char',
    vocabSize: 6,
    charsPerToken: 1,
    trainTokens: 1000,
    valTokens: 100,
    merges: [],
    alphabet: ['\n', 'a', 'b'],
    preview: [],
    milliseconds: 1,
    sampleText: 'ab',
  };

  it('says when a split is shorter than the context needs', () => {
    expect(checkContextFits(tokens, 64)).toBeNull();
    expect(checkContextFits(tokens, 128)).toMatch(/validation split has 100 tokens.*at least 129/);
    expect(checkContextFits({ ...tokens, trainTokens: 10 }, 64)).toMatch(/training split has 10/);
  });
});
