import { describe, expect, it } from 'vitest';
import { DEFAULT_CURATION, withRules } from '../../src/data/curate';
import { createRng } from '../../src/shared/rng';
import { deserializeTokenizer } from '../../src/tokenizer/serialize';
import { curateForDisplay, MEMBERS_SHOWN } from '../../src/worker/data/curation';
import { parseSources } from '../../src/worker/data/parse';
import { DOCUMENT_SEPARATOR } from '../../src/data/curate';
import { splitForTraining } from '../../src/worker/data/split';
import { createThrottle } from '../../src/worker/data/throttle';
import {
  buildTokenizerForDisplay,
  PREVIEW_CHARACTERS,
  previewText,
} from '../../src/worker/data/tokenize';
import { randomText } from './corpus-fixtures';

const bytesOf = (text: string): ArrayBuffer => new TextEncoder().encode(text).slice().buffer;

describe('parseSources', () => {
  it('reads several files into documents and refuses unreadable ones with a reason', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]).buffer;
    const parsed = await parseSources([
      { name: 'a.txt', content: bytesOf('First paragraph.\n\nSecond paragraph.') },
      { name: 'b.jsonl', content: bytesOf('{"text":"one"}\n{"text":"two"}\n') },
      { name: 'image.png', content: binary },
      { name: 'empty.md', content: '   \n' },
      { name: 'broken.jsonl', content: bytesOf('{"text":"ok"}\nnot json\n') },
    ]);
    expect(parsed.documents).toEqual(['First paragraph.', 'Second paragraph.', 'one', 'two']);
    expect(parsed.characters).toBe(16 + 17 + 3 + 3);
    expect(parsed.sources.map((s) => s.ok)).toEqual([true, true, false, false, false]);
    const errors = parsed.sources.flatMap((s) => (s.ok ? [] : [s.error]));
    expect(errors[0]).toMatch(/image\.png cannot be used: .*binary/);
    expect(errors[1]).toMatch(/empty\.md cannot be used: it is empty/);
    expect(errors[2]).toMatch(/line 2 is not valid JSON/);
  });
});

describe('curateForDisplay', () => {
  const base = randomText(createRng(3), 80);
  const documents = [
    `<p>${base}</p>`,
    base,
    randomText(createRng(4), 80),
    `${base} extra`,
    base,
    randomText(createRng(5), 80),
  ];

  it('reports the kept documents, the counts and the clusters with cleaned snippets', () => {
    const { summary, kept, groups } = curateForDisplay(documents, DEFAULT_CURATION);
    expect(summary.before.documents).toBe(6);
    expect(summary.exactDuplicates).toBe(2);
    expect(summary.nearDuplicates).toBe(1);
    expect(summary.after.documents).toBe(3);
    expect(kept).toHaveLength(3);
    expect(groups).toHaveLength(3);
    expect(summary.clusterCount).toBe(2);
    const [exact] = summary.clusters;
    expect(exact?.kind).toBe('exact');
    expect(exact?.size).toBe(3);
    expect(exact?.members.map((m) => m.index)).toEqual([0, 1, 4]);
    // Snippets are what deduplication compared: the markup is gone.
    expect(exact?.members[0]?.snippet).not.toContain('<p>');
    expect(exact?.members[0]?.snippet.startsWith(base.slice(0, 40))).toBe(true);
  });

  it('lists the largest clusters first, a few members each', () => {
    const copies = Array.from({ length: 9 }, () => base);
    const { summary } = curateForDisplay([documents[2] ?? '', documents[2] ?? '', ...copies], {
      ...DEFAULT_CURATION,
    });
    expect(summary.clusters.map((c) => c.size)).toEqual([9, 2]);
    expect(summary.clusters[0]?.members).toHaveLength(MEMBERS_SHOWN);
  });

  it('keeps every document when deduplication is off', () => {
    const { summary } = curateForDisplay(
      documents,
      withRules({ exactDuplicates: { enabled: false }, nearDuplicates: { enabled: false } }),
    );
    expect(summary.after.documents).toBe(6);
    expect(summary.clusters).toEqual([]);
  });
});

describe('splitForTraining', () => {
  const documents = Array.from({ length: 40 }, (_, i) => randomText(createRng(i), 30));

  it('splits by document, every document on exactly one side', () => {
    const split = splitForTraining(
      documents,
      documents.map((_, i) => i),
      0.1,
      1,
    );
    expect(split.mode).toBe('documents');
    expect(split.trainDocuments + split.valDocuments).toBe(40);
    expect(split.valDocuments).toBeGreaterThan(0);
    const pieces = [
      ...split.trainText.split(DOCUMENT_SEPARATOR),
      ...split.valText.split(DOCUMENT_SEPARATOR),
    ];
    expect(pieces.sort()).toEqual([...documents].sort());
  });

  it('keeps a group together', () => {
    const groups = documents.map((_, i) => (i < 20 ? 0 : i));
    for (let seed = 0; seed < 10; seed++) {
      const split = splitForTraining(documents, groups, 0.5, seed);
      const inVal = documents.slice(0, 20).filter((d) => split.valText.includes(d)).length;
      expect([0, 20]).toContain(inVal);
    }
  });

  it('cuts a single document near the end, at a line break', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${randomText(createRng(i), 5)}`);
    const text = lines.join('\n');
    const split = splitForTraining([text], [0], 0.1, 1);
    expect(split.mode).toBe('characters');
    expect(split.trainText + split.valText).toBe(text);
    expect(split.trainText.endsWith('\n')).toBe(true);
    expect(split.valCharacters / text.length).toBeGreaterThan(0.05);
    expect(split.valCharacters / text.length).toBeLessThan(0.16);
  });

  it('does not cut an emoji in two', () => {
    const text = '😀'.repeat(50);
    const split = splitForTraining([text], [0], 0.1, 1);
    expect(split.trainText + split.valText).toBe(text);
    expect([...split.valText].every((c) => c === '😀')).toBe(true);
  });

  it('refuses an empty corpus', () => {
    expect(() => splitForTraining([], [], 0.1, 1)).toThrow(/No documents/);
  });
});

describe('buildTokenizerForDisplay', () => {
  const trainText = `${randomText(createRng(1), 3000)} café`;
  const valText = randomText(createRng(2), 300);

  it('builds each kind, with counts that match encoding the splits', () => {
    for (const kind of ['char', 'byte', 'bpe'] as const) {
      const { result, tokens } = buildTokenizerForDisplay(kind, 512, trainText, valText);
      const tokenizer = deserializeTokenizer(tokens.tokenizer);
      // The ids a run trains on are the tokenizer's encoding of each split.
      expect(Array.from(tokens.train)).toEqual(Array.from(tokenizer.encode(trainText)));
      expect(Array.from(tokens.val)).toEqual(Array.from(tokenizer.encode(valText)));
      expect(result.kind).toBe(kind);
      expect(result.vocabSize).toBe(tokenizer.vocabSize);
      expect(result.trainTokens).toBe(tokenizer.encode(trainText).length);
      expect(result.valTokens).toBe(tokenizer.encode(valText).length);
      expect(result.charsPerToken).toBeCloseTo([...trainText].length / result.trainTokens, 6);
      expect(tokenizer.decode(result.preview.map((p) => p.id))).toBe(previewText(trainText));
    }
  });

  it('learns merges for BPE (fewer, longer tokens) and lists the alphabet for characters', () => {
    const progress: number[] = [];
    const bpe = buildTokenizerForDisplay('bpe', 512, trainText, valText, (f) =>
      progress.push(f),
    ).result;
    const char = buildTokenizerForDisplay('char', 512, trainText, valText).result;
    const byte = buildTokenizerForDisplay('byte', 512, trainText, valText).result;
    expect(bpe.merges.length).toBeGreaterThan(10);
    expect(bpe.merges[0]?.rank).toBe(0);
    expect(bpe.charsPerToken).toBeGreaterThan(2);
    expect(char.charsPerToken).toBe(1);
    expect(byte.charsPerToken).toBeLessThan(1);
    expect(char.alphabet).toContain('é');
    expect(char.merges).toEqual([]);
    expect(progress.at(-1)).toBeGreaterThan(0.8);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('previews about the first 2,000 characters', () => {
    const preview = previewText('word '.repeat(1000));
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_CHARACTERS);
    expect(preview.length).toBeGreaterThan(PREVIEW_CHARACTERS * 0.9);
    expect(previewText('short')).toBe('short');
  });
});

describe('createThrottle', () => {
  it('lets a call through at most once per interval', () => {
    let time = 0;
    const due = createThrottle(100, () => time);
    const passed: number[] = [];
    for (time = 0; time <= 350; time += 10) if (due()) passed.push(time);
    expect(passed).toEqual([0, 100, 200, 300]);
  });
});
