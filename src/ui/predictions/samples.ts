/**
 * Default prompts taken from the training text, so the predictions panel shows something
 * meaningful before the learner types their own.
 */

const MASK = '[MASK]';

/** The first line of the text that looks like prose or a pattern (has a space, ≥ 20 chars). */
function sampleLine(text: string): string {
  const head = text.slice(0, 20_000);
  const lines = head.split('\n').map((line) => line.trim());
  return (
    lines.find((line) => line.length >= 20 && line.includes(' ')) ??
    lines.find((line) => line.length >= 8) ??
    head.trim().slice(0, 40)
  );
}

/** Cuts a line after a word, near `length` characters (keeps the trailing space). */
function cutAtWord(line: string, length: number): string {
  if (line.length <= length) return line;
  const space = line.lastIndexOf(' ', length);
  return space > length / 2 ? line.slice(0, space + 1) : line.slice(0, length);
}

/** A prompt for next-token prediction: the start of a line of the text. */
export function samplePrompt(text: string): string {
  return cutAtWord(sampleLine(text), 22);
}

/**
 * A sentence for fill-in with one letter masked, near the middle; at most `maxTokens` tokens
 * (the model reads no more than its context length).
 */
export function sampleFillIn(
  text: string,
  maxTokens: number,
): { text: string; masked: number; original: string } {
  const chars = Array.from(cutAtWord(sampleLine(text), Math.min(40, maxTokens)).trimEnd());
  const middle = Math.floor(chars.length / 2);
  let position = -1;
  for (let offset = 0; offset < chars.length && position < 0; offset++) {
    for (const candidate of [middle + offset, middle - offset]) {
      const c = chars[candidate];
      if (c !== undefined && /\p{L}|\p{N}/u.test(c)) {
        position = candidate;
        break;
      }
    }
  }
  if (position < 0) return { text: chars.join(''), masked: -1, original: '' };
  const original = chars[position] ?? '';
  chars[position] = MASK;
  return { text: chars.join(''), masked: position, original };
}
