/**
 * The exported `tokenizer.json` is a real Hugging Face tokenizer: loaded with the
 * `@huggingface/tokenizers` package it encodes a sample of a corpus to exactly our ids, for
 * characters, bytes and BPE; and it reads back into the same tokenizer.
 */
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  gpt2VocabFiles,
  hfTokenizerConfig,
  hfTokenizerJson,
  readHfTokenizer,
} from '../../src/interop/hf-tokenizer';
import type { BpeTokenizer } from '../../src/tokenizer/bpe';
import { buildTokenizer, type TokenizerKind } from '../../src/tokenizer/registry';

const corpus = readFileSync('public/corpora/moby-dick.txt', 'utf8');
const trainText = corpus.slice(0, 200_000);
/** A sample the tokenizers did not learn from, with accents, digits and a long space run. */
const sample = `${corpus.slice(300_000, 340_000)}\nnaïve café — 1851 “Ahab”    spaces\t\ttabs 😀 end`;

function agreement(kind: TokenizerKind): { ours: number[]; theirs: number[] } {
  const ours = buildTokenizer(kind, kind === 'char' ? `${trainText}${sample}` : trainText, {
    vocabSize: 512,
  });
  const hf = new HfTokenizer(hfTokenizerJson(ours), hfTokenizerConfig(64));
  return { ours: [...ours.encode(sample)], theirs: hf.encode(sample).ids };
}

describe('tokenizer.json in the Hugging Face format', () => {
  it.each(['char', 'byte', 'bpe'] as const)('%s: @huggingface/tokenizers gives our ids', (kind) => {
    const { ours, theirs } = agreement(kind);
    expect(ours.length).toBeGreaterThan(1000);
    const firstDifference = ours.findIndex((id, i) => id !== theirs[i]);
    expect(firstDifference).toBe(-1);
    expect(theirs.length).toBe(ours.length);
  });

  it.each(['char', 'byte', 'bpe'] as const)('%s: reads back into the same tokenizer', (kind) => {
    const ours = buildTokenizer(kind, trainText, { vocabSize: 384 });
    const back = readHfTokenizer(JSON.parse(JSON.stringify(hfTokenizerJson(ours))));
    expect(back.kind).toBe(kind);
    expect(back.vocabulary()).toEqual(ours.vocabulary());
    expect([...back.encode(sample)]).toEqual([...ours.encode(sample)]);
  });

  it("writes GPT-2's vocab.json and merges.txt for BPE", () => {
    const bpe = buildTokenizer('bpe', trainText, { vocabSize: 300 }) as BpeTokenizer;
    const { vocab, merges } = gpt2VocabFiles(bpe);
    const ids = JSON.parse(vocab) as Record<string, number>;
    expect(Object.keys(ids)).toHaveLength(bpe.vocabSize);
    expect(ids['[MASK]']).toBe(1);
    const lines = merges.trimEnd().split('\n');
    expect(lines[0]).toBe('#version: 0.2');
    expect(lines).toHaveLength(1 + bpe.merges.length);
    // The first merge's halves joined name the first merged token (id 259).
    const [left, right] = (lines[1] ?? '').split(' ');
    expect(ids[`${left}${right}`]).toBe(259);
  });

  it('refuses a tokenizer whose ids it cannot map, in words', () => {
    const foreign = {
      model: { type: 'BPE', vocab: { a: 0, b: 1, ab: 2 }, merges: ['a b'] },
    };
    expect(() => readHfTokenizer(foreign)).toThrow(/ids 0–2 to \[PAD\], \[MASK\], \[UNK\]/u);
    expect(() => readHfTokenizer({ model: { type: 'Unigram', vocab: [] } })).toThrow(
      /uses a "Unigram" model/u,
    );
    expect(() => readHfTokenizer({ nothing: true })).toThrow(/not a Hugging Face tokenizer/u);
  });
});
