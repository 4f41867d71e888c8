/**
 * A run's corpus as the worker keeps it (the text, or the data stage's prepared split) and
 * its encoding into train/validation tokens, with a new tokenizer or a saved one.
 */
import type { TokenSplit } from '../data/batcher';
import { splitTokens } from '../data/batcher';
import { CharTokenizer } from '../tokenizer/char';
import { deserializeTokenizer } from '../tokenizer/serialize';
import type { Tokenizer } from '../tokenizer/tokenizer';
import type { PreparedData } from './protocol';

/** What a run was trained on; saved in checkpoints so a run can resume after a reload. */
export interface RunCorpus {
  text: string;
  prepared?: PreparedData;
}

/** Reads a corpus saved in a checkpoint, or null if there is none. */
export function readCorpus(value: unknown): RunCorpus | null {
  if (typeof value !== 'object' || value === null) return null;
  const { text, prepared } = value as Record<string, unknown>;
  if (typeof text !== 'string') return null;
  if (typeof prepared !== 'object' || prepared === null) return { text };
  const { trainText, valText, tokenizer } = prepared as Record<string, unknown>;
  if (typeof trainText !== 'string' || typeof valText !== 'string') return { text };
  return {
    text,
    prepared: { trainText, valText, tokenizer: tokenizer as PreparedData['tokenizer'] },
  };
}

/** Encodes a corpus with `tokenizer`: the prepared split, or the text cut 90/10. */
export function encodeCorpus(corpus: RunCorpus, tokenizer: Tokenizer): TokenSplit {
  if (corpus.prepared) {
    return {
      train: tokenizer.encode(corpus.prepared.trainText),
      val: tokenizer.encode(corpus.prepared.valText),
    };
  }
  return splitTokens(tokenizer.encode(corpus.text));
}

/** The tokenizer for a new run: the prepared one, or characters of the text. */
export function tokenizerFor(corpus: RunCorpus): Tokenizer {
  if (corpus.prepared) {
    if (corpus.prepared.trainText.trim() === '')
      throw new Error('No training text is left after curation.');
    return deserializeTokenizer(corpus.prepared.tokenizer);
  }
  if (corpus.text.trim() === '')
    throw new Error('The corpus is empty: choose a built-in text or paste your own.');
  return CharTokenizer.fromText(corpus.text);
}
