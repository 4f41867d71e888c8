/**
 * Cheap statistics of a training text, computed on the main thread when a text is chosen
 * (a built-in corpus is up to a few MB, so this must not build a Set of strings).
 */

/** Number of distinct code points in `text` (what the character tokenizer's alphabet holds). */
export function countDistinctCodePoints(text: string): number {
  const seen = new Uint8Array(0x10000);
  let astral: Set<number> | null = null;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const codePoint = text.codePointAt(i) ?? unit;
      if (codePoint > 0xffff) {
        astral ??= new Set();
        if (!astral.has(codePoint)) {
          astral.add(codePoint);
          count++;
        }
        i++;
        continue;
      }
    }
    if (seen[unit] === 0) {
      seen[unit] = 1;
      count++;
    }
  }
  return count;
}
