/**
 * Small text measurements shared by the cleaners, filters and deduplication: code-point
 * counts, letter and script tests with an ASCII fast path, word lists and snippets.
 */

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Class bit: a letter of any script. */
export const IS_LETTER = 1;
/** Class bit: a digit or other number character. */
export const IS_NUMBER = 2;
/** Class bit: a letter of the Latin script. */
export const IS_LATIN = 4;
/** Class bit: whitespace. */
export const IS_SPACE = 8;

/** Whether a UTF-16 code unit is whitespace (ASCII, NBSP, and the Unicode space separators). */
export function isSpaceUnit(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

/** Classes of the ASCII characters, by code. */
const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, code) => {
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return IS_LETTER | IS_LATIN;
  if (code >= 0x30 && code <= 0x39) return IS_NUMBER;
  return isSpaceUnit(code) ? IS_SPACE : 0;
});

/** Classes of the non-ASCII code points met so far (Unicode regexes are slow per character). */
const classCache = new Map<number, number>();

function classifyRare(codePoint: number): number {
  let bits = classCache.get(codePoint);
  if (bits === undefined) {
    const char = String.fromCodePoint(codePoint);
    bits = LETTER.test(char) ? IS_LETTER | (LATIN.test(char) ? IS_LATIN : 0) : 0;
    if (NUMBER.test(char)) bits |= IS_NUMBER;
    if (codePoint <= 0xffff && isSpaceUnit(codePoint)) bits |= IS_SPACE;
    classCache.set(codePoint, bits);
  }
  return bits;
}

/** The class bits of a code point (`IS_LETTER`, `IS_NUMBER`, `IS_LATIN`, `IS_SPACE`). */
export function classify(codePoint: number): number {
  return codePoint < 0x80 ? (ASCII_CLASSES[codePoint] ?? 0) : classifyRare(codePoint);
}

/** The code point at `i` (a whole surrogate pair when `i` is its first half). */
export function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff)
      return ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
  }
  return unit;
}

/** Counts Unicode code points (a surrogate pair is one character). */
export function countCodePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count -= 1;
    }
  }
  return count;
}

/** Whether a code point is a letter or a number, i.e. part of a word. */
export function isWordCharacter(codePoint: number): boolean {
  return (classify(codePoint) & (IS_LETTER | IS_NUMBER)) !== 0;
}

/** Lower-cased words: maximal runs of letters and digits. */
export function lowerWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A single-line excerpt of `text` of about `length` characters starting near `start`. */
export function snippet(text: string, start = 0, length = 120): string {
  const from = Math.max(0, Math.min(start, text.length));
  const piece = text.slice(from, from + length).replace(/\s+/gu, ' ');
  return (from > 0 ? '…' : '') + piece + (from + length < text.length ? '…' : '');
}

/** The index of the first UTF-16 unit where `a` and `b` differ (their common prefix length). */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
