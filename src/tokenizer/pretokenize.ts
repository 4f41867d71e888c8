/**
 * GPT-2's pre-tokenisation: text is cut into words (a run of letters, of digits or of other
 * symbols, with the space before it) and runs of whitespace, and BPE merges never cross a
 * word boundary. The pieces always concatenate back to the text.
 */

/** GPT-2's pattern: contractions, ` ?letters`, ` ?digits`, ` ?symbols`, whitespace runs. */
const WORD_PATTERN = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Longer pieces are cut into chunks of at most this many UTF-16 units (bounds encoding work). */
const MAX_PIECE_LENGTH = 128;

/** Calls `visit` with each piece of `text`, in order. */
export function forEachPiece(text: string, visit: (piece: string) => void): void {
  let last = 0;
  const emit = (piece: string): void => {
    if (piece.length <= MAX_PIECE_LENGTH) {
      visit(piece);
      return;
    }
    let start = 0;
    while (start < piece.length) {
      let end = Math.min(piece.length, start + MAX_PIECE_LENGTH);
      // Never cut a surrogate pair in two: each half would encode as U+FFFD.
      const unit = piece.charCodeAt(end - 1);
      if (end < piece.length && unit >= 0xd800 && unit <= 0xdbff) end -= 1;
      visit(piece.slice(start, end));
      start = end;
    }
  };
  for (const match of text.matchAll(WORD_PATTERN)) {
    if (match.index > last) emit(text.slice(last, match.index));
    emit(match[0]);
    last = match.index + match[0].length;
  }
  if (last < text.length) emit(text.slice(last));
}

/** The pieces of `text`, in order. */
export function pretokenize(text: string): string[] {
  const pieces: string[] = [];
  forEachPiece(text, (piece) => pieces.push(piece));
  return pieces;
}
