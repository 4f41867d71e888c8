/**
 * What every tokenizer offers: text ⇄ ids, the vocabulary, and the special tokens. The engine
 * only needs `vocabSize` and the special ids; the UI shows `tokenText` and `vocabulary`.
 * Serialisation lives in `registry.ts` (`serializeTokenizer` / `deserializeTokenizer`).
 */

/** Special tokens shared by every tokenizer; their ids are 0…n-1 in this order. */
export const SPECIAL_TOKENS = ['[PAD]', '[MASK]', '[UNK]'] as const;

/** The name of a special token. */
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

/** Ids of the special tokens (the same for every tokenizer). */
export const SPECIAL_IDS = {
  pad: 0,
  mask: 1,
  unk: 2,
} as const;

/** The first id that stands for ordinary text. */
export const FIRST_REGULAR_ID = SPECIAL_TOKENS.length;

/** Options for `encode`. */
export interface EncodeOptions {
  /** Recognise literal special-token names such as `[MASK]` in the text. */
  allowSpecial?: boolean;
}

/** A tokenizer: text ⇄ ids. */
export interface Tokenizer {
  /** Short name of the algorithm, e.g. `char`. */
  readonly kind: string;
  /** Number of ids, special tokens included. */
  readonly vocabSize: number;
  /** Turns text into ids. */
  encode(text: string, options?: EncodeOptions): Int32Array;
  /** Turns ids back into text; `[PAD]` decodes to nothing. */
  decode(ids: ArrayLike<number>): string;
  /** The text one id stands for, for display. */
  tokenText(id: number): string;
  /** The display text of every id in id order, special tokens by name. */
  vocabulary(): string[];
}

/** Splits text on literal special-token names, keeping them as separate pieces. */
export function splitOnSpecials(text: string): { text: string; special: SpecialToken | null }[] {
  const pattern = new RegExp(SPECIAL_TOKENS.map((s) => s.replace(/[[\]]/g, '\\$&')).join('|'), 'g');
  const pieces: { text: string; special: SpecialToken | null }[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index), special: null });
    const special = SPECIAL_TOKENS.find((name) => name === match[0]) ?? null;
    pieces.push({ text: match[0], special });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), special: null });
  return pieces;
}

/** The id of a special token. */
export function specialId(token: SpecialToken): number {
  return SPECIAL_TOKENS.indexOf(token);
}
