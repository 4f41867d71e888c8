/**
 * Building the tokenizer the run will use and measuring it: the vocabulary, characters per
 * token, the tokens of each split, the first merges (BPE) and a preview of the text in tokens.
 */
import { countCodePoints } from '../../data/curate';
import type { TokenizerKind } from '../../tokenizer/registry';
import { buildTokenizer, serializeTokenizer } from '../../tokenizer/registry';
import type { AnyTokenizer } from '../../tokenizer/serialize';
import type { MergeView, PreparedTokens, TokenPiece, TokenizerResult } from './protocol';

/** Characters of the training text handed to the page for default prompts. */
export const SAMPLE_CHARACTERS = 20_000;

/** A built tokenizer and the ids of both splits. */
export type BuiltTokens = PreparedTokens;

/** Characters of the training text shown as tokens. */
export const PREVIEW_CHARACTERS = 2000;

/** BPE merges listed. */
export const MERGES_SHOWN = 30;

/** Share of the progress bar given to learning merges (the rest is encoding). */
const TRAINING_SHARE = 0.85;

/** The start of `text`: about `limit` characters, ending at a space when one is near. */
export function previewText(text: string, limit: number = PREVIEW_CHARACTERS): string {
  if (text.length <= limit) return text;
  let end = limit;
  const space = text.lastIndexOf(' ', end);
  if (space > limit * 0.9) end = space;
  const unit = text.charCodeAt(end - 1);
  if (unit >= 0xd800 && unit <= 0xdbff) end += 1;
  return text.slice(0, end);
}

/** `text` as tokens: each id with the text it stands for. */
export function tokenPieces(tokenizer: AnyTokenizer, text: string): TokenPiece[] {
  return Array.from(tokenizer.encode(text), (id) => ({ id, text: tokenizer.tokenText(id) }));
}

function mergesOf(tokenizer: AnyTokenizer): MergeView[] {
  return tokenizer.kind === 'bpe' ? tokenizer.describeMerges(MERGES_SHOWN) : [];
}

/**
 * Builds a tokenizer of `kind` as the CLI does (the character alphabet from both splits, so
 * validation has no [UNK]; BPE merges from the training split only) and encodes both splits:
 * what the tokenization step shows, and the ids a run trains on. `onProgress` receives the
 * fraction done and what is being done.
 */
export function buildTokenizerForDisplay(
  kind: TokenizerKind,
  vocabSize: number,
  trainText: string,
  valText: string,
  onProgress?: (fraction: number, stage: string) => void,
): { result: TokenizerResult; tokens: Omit<BuiltTokens, 'trainCharacters' | 'valCharacters'> } {
  const started = performance.now();
  onProgress?.(0, kind === 'bpe' ? 'Learning merges' : 'Building the vocabulary');
  const tokenizer = buildTokenizer(kind, kind === 'char' ? `${trainText}${valText}` : trainText, {
    vocabSize,
    onProgress: (fraction) => onProgress?.(fraction * TRAINING_SHARE, 'Learning merges'),
  });
  onProgress?.(TRAINING_SHARE, 'Encoding the text');
  const train = tokenizer.encode(trainText);
  const val = tokenizer.encode(valText);
  const trainTokens = train.length;
  const valTokens = val.length;
  const trainCharacters = countCodePoints(trainText);
  const serialized = serializeTokenizer(tokenizer);
  const result: TokenizerResult = {
    kind,
    vocabSize: tokenizer.vocabSize,
    charsPerToken: trainTokens === 0 ? 0 : trainCharacters / trainTokens,
    trainTokens,
    valTokens,
    merges: mergesOf(tokenizer),
    alphabet: tokenizer.kind === 'char' ? [...tokenizer.chars] : [],
    preview: tokenPieces(tokenizer, previewText(trainText)),
    milliseconds: performance.now() - started,
    sampleText: trainText.slice(0, SAMPLE_CHARACTERS),
  };
  return { result, tokens: { tokenizer: serialized, train, val } };
}
