/**
 * UTF-8 helpers shared by the byte-level tokenizers: showing a token's bytes as text, and
 * decoding a mix of byte tokens and special tokens.
 */
import {
  FIRST_REGULAR_ID,
  SPECIAL_IDS,
  SPECIAL_TOKENS,
  specialId,
  splitOnSpecials,
} from './tokenizer';
import type { EncodeOptions } from './tokenizer';

const utf8 = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** Encodes text as UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8.encode(text);
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Shows bytes as text: complete UTF-8 characters as themselves, stray bytes (half of a
 * character split across tokens) as `<0xE2>`.
 */
export function displayBytes(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const length = sequenceLength(bytes[i] ?? 0);
      if (length > 0 && i + length <= bytes.length) {
        try {
          out += strictDecoder.decode(bytes.subarray(i, i + length));
          i += length;
          continue;
        } catch {
          // not a valid sequence after all: show the lead byte as hex below
        }
      }
      out += `<0x${(bytes[i] ?? 0).toString(16).toUpperCase().padStart(2, '0')}>`;
      i += 1;
    }
    return out;
  }
}

/**
 * Encodes text with `encodeBytes` (UTF-8 → ids), reading literal special-token names as
 * their ids when `allowSpecial` is set.
 */
export function encodeWithSpecials(
  text: string,
  options: EncodeOptions,
  encodeBytes: (piece: string, out: number[]) => void,
): Int32Array {
  const ids: number[] = [];
  const pieces = options.allowSpecial ? splitOnSpecials(text) : [{ text, special: null }];
  for (const piece of pieces) {
    if (piece.special) ids.push(specialId(piece.special));
    else if (piece.text !== '') encodeBytes(piece.text, ids);
  }
  return Int32Array.from(ids);
}

/**
 * Decodes ids whose regular tokens stand for byte strings (`bytesOf(id)`): the bytes are
 * joined and decoded as UTF-8 once, so characters split across tokens come back whole.
 * `[PAD]` decodes to nothing; other specials and unknown ids to their names.
 */
export function decodeByteTokens(
  ids: ArrayLike<number>,
  bytesOf: (id: number) => Uint8Array | undefined,
): string {
  let out = '';
  let buffer: number[] = [];
  const flush = (): void => {
    if (buffer.length > 0) out += lenientDecoder.decode(Uint8Array.from(buffer));
    buffer = [];
  };
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? SPECIAL_IDS.pad;
    const bytes = id >= FIRST_REGULAR_ID ? bytesOf(id) : undefined;
    if (bytes) {
      for (const byte of bytes) buffer.push(byte);
      continue;
    }
    flush();
    if (id !== SPECIAL_IDS.pad) out += SPECIAL_TOKENS[id] ?? SPECIAL_TOKENS[SPECIAL_IDS.unk];
  }
  flush();
  return out;
}
