/**
 * Character-level tokenizer: one id per Unicode code point seen in the training text, after
 * the special tokens. Characters it has not seen encode to `[UNK]`.
 */
import type { EncodeOptions, Tokenizer } from './tokenizer';
import {
  FIRST_REGULAR_ID,
  SPECIAL_IDS,
  SPECIAL_TOKENS,
  specialId,
  splitOnSpecials,
} from './tokenizer';

/** A character tokenizer with a fixed alphabet. */
export class CharTokenizer implements Tokenizer {
  /** Algorithm name. */
  readonly kind = 'char';
  /** The alphabet, in id order (without the special tokens). */
  readonly chars: readonly string[];
  private readonly idOf: Map<string, number>;

  /** Builds a tokenizer for exactly these characters (code points), in this order. */
  constructor(chars: readonly string[]) {
    this.chars = chars;
    this.idOf = new Map(chars.map((c, i) => [c, i + FIRST_REGULAR_ID]));
    if (this.idOf.size !== chars.length) throw new Error('CharTokenizer: duplicate characters.');
  }

  /** Builds a tokenizer whose alphabet is every code point in `text`, sorted. */
  static fromText(text: string): CharTokenizer {
    const set = new Set<string>();
    for (const c of text) set.add(c);
    return new CharTokenizer([...set].sort());
  }

  /** Number of ids, special tokens included. */
  get vocabSize(): number {
    return FIRST_REGULAR_ID + this.chars.length;
  }

  /** Turns text into ids; unknown characters become `[UNK]`. */
  encode(text: string, options: EncodeOptions = {}): Int32Array {
    const ids: number[] = [];
    const pieces = options.allowSpecial ? splitOnSpecials(text) : [{ text, special: null }];
    for (const piece of pieces) {
      if (piece.special) {
        ids.push(specialId(piece.special));
        continue;
      }
      for (const c of piece.text) ids.push(this.idOf.get(c) ?? SPECIAL_IDS.unk);
    }
    return Int32Array.from(ids);
  }

  /** Turns ids back into text. */
  decode(ids: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < ids.length; i++) out += this.tokenText(ids[i] ?? SPECIAL_IDS.pad);
    return out;
  }

  /** The text of one id; `[PAD]` is empty, other specials show their name. */
  tokenText(id: number): string {
    if (id === SPECIAL_IDS.pad) return '';
    if (id < FIRST_REGULAR_ID) return SPECIAL_TOKENS[id] ?? '';
    return this.chars[id - FIRST_REGULAR_ID] ?? SPECIAL_TOKENS[SPECIAL_IDS.unk];
  }

  /** The display text of every id in id order, special tokens by name. */
  vocabulary(): string[] {
    return [...SPECIAL_TOKENS, ...this.chars];
  }
}
