/**
 * Tokenizers as plain, versioned JSON (saved with a model), and the validation that refuses
 * a corrupted or foreign file with a message saying what is wrong.
 */
import { BYTE_SYMBOLS } from './bpe-train';
import { BpeTokenizer } from './bpe';
import { ByteTokenizer } from './byte';
import { CharTokenizer } from './char';
import type { Tokenizer } from './tokenizer';
import { SPECIAL_TOKENS } from './tokenizer';
import { errorMessage } from '../shared/errors';

/** Marks a JSON object as a tokenizer of this app. */
export const TOKENIZER_FORMAT = 'pretraining-playground/tokenizer';

/** The current format version. */
export const TOKENIZER_FORMAT_VERSION = 1;

/** A tokenizer any kind of which this app can build. */
export type AnyTokenizer = CharTokenizer | ByteTokenizer | BpeTokenizer;

/** Fields every serialised tokenizer has. */
interface SerializedHeader {
  format: typeof TOKENIZER_FORMAT;
  version: typeof TOKENIZER_FORMAT_VERSION;
  /** The special tokens, in id order (they must match this app's). */
  specials: string[];
  /** Number of ids, special tokens included (a check against truncation). */
  vocabSize: number;
}

/** A tokenizer as plain JSON data. */
export type SerializedTokenizer = SerializedHeader &
  (
    | { kind: 'char'; chars: string[] }
    | { kind: 'byte' }
    | { kind: 'bpe'; pattern: 'gpt2'; merges: [number, number][] }
  );

/** Turns a tokenizer into plain JSON data that `deserializeTokenizer` rebuilds exactly. */
export function serializeTokenizer(tokenizer: Tokenizer): SerializedTokenizer {
  const header: SerializedHeader = {
    format: TOKENIZER_FORMAT,
    version: TOKENIZER_FORMAT_VERSION,
    specials: [...SPECIAL_TOKENS],
    vocabSize: tokenizer.vocabSize,
  };
  if (tokenizer instanceof CharTokenizer)
    return { ...header, kind: 'char', chars: [...tokenizer.chars] };
  if (tokenizer instanceof ByteTokenizer) return { ...header, kind: 'byte' };
  if (tokenizer instanceof BpeTokenizer) {
    const merges = tokenizer.merges.map(([left, right]): [number, number] => [left, right]);
    return { ...header, kind: 'bpe', pattern: 'gpt2', merges };
  }
  throw new Error(`Cannot serialise a tokenizer of kind '${tokenizer.kind}'.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the char alphabet: distinct strings of one code point each. */
function readChars(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Error('"chars" must be an array of characters.');
  const chars: string[] = [];
  const seen = new Set<string>();
  value.forEach((char: unknown, i) => {
    if (typeof char !== 'string' || [...char].length !== 1) {
      throw new Error(`chars[${i}] must be a single character.`);
    }
    if (seen.has(char)) throw new Error(`chars[${i}] (${JSON.stringify(char)}) appears twice.`);
    seen.add(char);
    chars.push(char);
  });
  return chars;
}

/** Checks the merges: pairs of existing symbols (bytes or earlier merges), no pair twice. */
function readMerges(value: unknown): [number, number][] {
  if (!Array.isArray(value)) throw new Error('"merges" must be an array of [left, right] pairs.');
  const merges: [number, number][] = [];
  const seen = new Set<string>();
  value.forEach((pair: unknown, rank) => {
    const symbolsSoFar = BYTE_SYMBOLS + rank;
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new Error(`merges[${rank}] must be a [left, right] pair.`);
    }
    const [left, right]: unknown[] = pair;
    for (const symbol of [left, right]) {
      if (
        typeof symbol !== 'number' ||
        !Number.isInteger(symbol) ||
        symbol < 0 ||
        symbol >= symbolsSoFar
      ) {
        throw new Error(
          `merges[${rank}] refers to symbol ${String(symbol)}, which does not exist yet (0–${symbolsSoFar - 1}).`,
        );
      }
    }
    const id = `${String(left)},${String(right)}`;
    if (seen.has(id)) throw new Error(`merges[${rank}] repeats the pair [${id}].`);
    seen.add(id);
    if (typeof left === 'number' && typeof right === 'number') merges.push([left, right]);
  });
  return merges;
}

/** Builds the tokenizer a checked JSON object describes. */
function buildFrom(data: Record<string, unknown>): AnyTokenizer {
  switch (data.kind) {
    case 'char':
      return new CharTokenizer(readChars(data.chars));
    case 'byte':
      return new ByteTokenizer();
    case 'bpe':
      if (data.pattern !== 'gpt2')
        throw new Error(`unknown pre-tokenisation pattern ${JSON.stringify(data.pattern)}.`);
      return new BpeTokenizer(readMerges(data.merges));
    default:
      throw new Error(
        `unknown tokenizer kind ${JSON.stringify(data.kind)} (expected char, byte or bpe).`,
      );
  }
}

/**
 * Rebuilds a tokenizer from `serializeTokenizer`'s output (the object or its JSON text).
 * Throws an Error starting "Invalid tokenizer:" that says what is wrong.
 */
export function deserializeTokenizer(data: unknown): AnyTokenizer {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    if (!isRecord(parsed)) throw new Error('expected a JSON object.');
    if (parsed.format !== TOKENIZER_FORMAT)
      throw new Error(`not a tokenizer file (format ${JSON.stringify(parsed.format)}).`);
    if (parsed.version !== TOKENIZER_FORMAT_VERSION) {
      throw new Error(
        `version ${String(parsed.version)} is not supported (this app reads version ${TOKENIZER_FORMAT_VERSION}).`,
      );
    }
    const specials = parsed.specials;
    if (!Array.isArray(specials) || specials.join('\u0000') !== SPECIAL_TOKENS.join('\u0000')) {
      throw new Error(`the special tokens must be ${SPECIAL_TOKENS.join(', ')} in this order.`);
    }
    const tokenizer = buildFrom(parsed);
    if (parsed.vocabSize !== tokenizer.vocabSize) {
      throw new Error(
        `it declares ${String(parsed.vocabSize)} tokens but defines ${tokenizer.vocabSize}.`,
      );
    }
    return tokenizer;
  } catch (error) {
    const reason = errorMessage(error);
    throw new Error(`Invalid tokenizer: ${reason.replace(/^Invalid tokenizer: /u, '')}`, {
      cause: error,
    });
  }
}
