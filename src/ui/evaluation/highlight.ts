/**
 * Turning memorised spans into the pieces of text to draw plain or highlighted.
 */

/** A character span [start, end) of a text. */
export interface CharSpan {
  start: number;
  end: number;
}

/** A run of text that is wholly memorised or wholly not. */
export interface TextSegment {
  /** Offset of the segment in the text. */
  start: number;
  text: string;
  /** True inside a span found verbatim in the training data. */
  memorised: boolean;
}

/**
 * Splits `text` into plain and memorised segments. Spans may come in any order, overlap,
 * touch or stick out of the text: they are clamped, sorted and merged first, so each character
 * belongs to exactly one segment and the segments spell the text.
 */
export function highlightSegments(text: string, spans: readonly CharSpan[]): TextSegment[] {
  const merged: CharSpan[] = [];
  const sorted = spans
    .map((s) => ({
      start: Math.max(0, Math.min(text.length, Math.floor(s.start))),
      end: Math.max(0, Math.min(text.length, Math.ceil(s.end))),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of merged) {
    if (span.start > cursor) {
      segments.push({ start: cursor, text: text.slice(cursor, span.start), memorised: false });
    }
    segments.push({ start: span.start, text: text.slice(span.start, span.end), memorised: true });
    cursor = span.end;
  }
  if (cursor < text.length) {
    segments.push({ start: cursor, text: text.slice(cursor), memorised: false });
  }
  return segments;
}
