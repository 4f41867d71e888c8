/**
 * Byte-level tokenizer: one id per UTF-8 byte (256 of them, after the special tokens), so any
 * text encodes without unknown tokens, at about one token per byte.
 */
import { decodeByteTokens, displayBytes, encodeUtf8, encodeWithSpecials } from './bytes';
import type { EncodeOptions, Tokenizer } from './tokenizer';
import { FIRST_REGULAR_ID, SPECIAL_IDS, SPECIAL_TOKENS } from './tokenizer';

/** Number of byte values. */
const BYTE_COUNT = 256;

/** The bytes of each byte token, shared by every instance. */
const SINGLE_BYTES: readonly Uint8Array[] = Array.from({ length: BYTE_COUNT }, (_, b) =>
  Uint8Array.of(b),
);

/** A tokenizer over UTF-8 bytes: id = FIRST_REGULAR_ID + byte value. */
export class ByteTokenizer implements Tokenizer {
  /** Algorithm name. */
  readonly kind = 'byte';
  /** The special tokens and the 256 bytes. */
  readonly vocabSize = FIRST_REGULAR_ID + BYTE_COUNT;

  /** Turns text into one id per UTF-8 byte. */
  encode(text: string, options: EncodeOptions = {}): Int32Array {
    return encodeWithSpecials(text, options, (piece, out) => {
      for (const byte of encodeUtf8(piece)) out.push(FIRST_REGULAR_ID + byte);
    });
  }

  /** Turns ids back into text (bytes decoded as UTF-8 together). */
  decode(ids: ArrayLike<number>): string {
    return decodeByteTokens(ids, (id) => SINGLE_BYTES[id - FIRST_REGULAR_ID]);
  }

  /** The text of one id: the character for ASCII, `<0xE2>` for a byte of a longer character. */
  tokenText(id: number): string {
    if (id === SPECIAL_IDS.pad) return '';
    const bytes = SINGLE_BYTES[id - FIRST_REGULAR_ID];
    if (id < FIRST_REGULAR_ID || !bytes)
      return SPECIAL_TOKENS[id] ?? SPECIAL_TOKENS[SPECIAL_IDS.unk];
    return displayBytes(bytes);
  }

  /** The display text of every id in id order, special tokens by name. */
  vocabulary(): string[] {
    return [...SPECIAL_TOKENS, ...SINGLE_BYTES.map(displayBytes)];
  }
}
