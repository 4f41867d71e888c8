/**
 * The tokenizers the app offers, by kind: what the UI says about each, how to build one from
 * a corpus, and (re-exported) how to save and load one with a model.
 */
import { BpeTokenizer } from './bpe';
import { ByteTokenizer } from './byte';
import { CharTokenizer } from './char';
import type { AnyTokenizer } from './serialize';

export {
  deserializeTokenizer,
  serializeTokenizer,
  TOKENIZER_FORMAT,
  TOKENIZER_FORMAT_VERSION,
  type AnyTokenizer,
  type SerializedTokenizer,
} from './serialize';

/** The kinds of tokenizer. */
export type TokenizerKind = 'char' | 'byte' | 'bpe';

/** Every kind, in the order the UI lists them. */
export const TOKENIZER_KINDS: readonly TokenizerKind[] = ['char', 'byte', 'bpe'];

/** Options for building a tokenizer. */
export interface BuildTokenizerOptions {
  /** For BPE: regular tokens wanted (256 bytes + merges), special tokens not counted. */
  vocabSize?: number;
  /** For BPE: receives the fraction of merges learned. */
  onProgress?: (fraction: number) => void;
}

/** A tokenizer kind and what the UI says about it. */
export interface TokenizerInfo {
  /** Short label for the picker. */
  label: string;
  /** One sentence on how it splits text and what that costs. */
  description: string;
  /** Whether the vocabulary size control applies. */
  usesVocabSize: boolean;
  /** Builds a tokenizer of this kind for `text`. */
  build(text: string, options: BuildTokenizerOptions): AnyTokenizer;
}

/** The range of the BPE vocabulary size control (regular tokens, special tokens not counted). */
export const BPE_VOCAB_SIZE = { min: 256, max: 4096, step: 64, value: 1024 } as const;

/** Every tokenizer kind. */
export const TOKENIZERS: Record<TokenizerKind, TokenizerInfo> = {
  char: {
    label: 'Characters',
    description:
      'One token per character seen in the corpus: a small vocabulary and long sequences; unseen characters become [UNK].',
    usesVocabSize: false,
    build: (text) => CharTokenizer.fromText(text),
  },
  byte: {
    label: 'Bytes (UTF-8)',
    description:
      'One token per UTF-8 byte: 256 tokens cover any text with no [UNK], but accents, CJK and emoji take 2–4 tokens each.',
    usesVocabSize: false,
    build: () => new ByteTokenizer(),
  },
  bpe: {
    label: 'BPE',
    description:
      'Byte-level byte-pair encoding (as in GPT-2): starts from bytes and merges the most frequent pairs into word pieces, so common words become single tokens.',
    usesVocabSize: true,
    build: (text, options) =>
      BpeTokenizer.train(text, options.vocabSize ?? BPE_VOCAB_SIZE.value, options.onProgress),
  },
};

/** Whether a string names a tokenizer kind. */
export function isTokenizerKind(value: string): value is TokenizerKind {
  return value === 'char' || value === 'byte' || value === 'bpe';
}

/** Builds a tokenizer of `kind` for `text` (BPE learns its merges from it). */
export function buildTokenizer(
  kind: TokenizerKind,
  text: string,
  options: BuildTokenizerOptions = {},
): AnyTokenizer {
  const vocabSize = options.vocabSize;
  if (
    kind === 'bpe' &&
    vocabSize !== undefined &&
    (!Number.isInteger(vocabSize) ||
      vocabSize < BPE_VOCAB_SIZE.min ||
      vocabSize > BPE_VOCAB_SIZE.max)
  ) {
    throw new Error(
      `The BPE vocabulary size must be a whole number from ${BPE_VOCAB_SIZE.min} to ${BPE_VOCAB_SIZE.max}, got ${vocabSize}.`,
    );
  }
  return TOKENIZERS[kind].build(text, options);
}
