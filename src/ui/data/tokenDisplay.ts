/**
 * How a token's text is drawn: whitespace becomes a visible marker (kept apart so it can be
 * drawn faintly), and a newline also breaks the line.
 */

/** A run of a token's text: ordinary text, or one whitespace character shown as a marker. */
export interface TokenSegment {
  kind: 'text' | 'space' | 'newline';
  /** What is drawn. */
  text: string;
}

const MARKERS: Record<string, string> = { ' ': '·', '\t': '⇥', '\r': '␍', '\n': '⏎' };

/** Splits a token's text into text runs and whitespace markers. */
export function tokenSegments(text: string): TokenSegment[] {
  const segments: TokenSegment[] = [];
  let run = '';
  for (const char of text) {
    const marker = MARKERS[char];
    if (marker === undefined) {
      run += char;
      continue;
    }
    if (run !== '') segments.push({ kind: 'text', text: run });
    run = '';
    segments.push({ kind: char === '\n' ? 'newline' : 'space', text: marker });
  }
  if (run !== '') segments.push({ kind: 'text', text: run });
  return segments;
}

/** A token's text with its whitespace as markers, as one string (empty text shows ∅). */
export function visibleText(text: string): string {
  return text === ''
    ? '∅'
    : tokenSegments(text)
        .map((segment) => segment.text)
        .join('');
}
