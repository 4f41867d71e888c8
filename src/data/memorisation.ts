/**
 * Memorisation: which parts of a generated sample appear verbatim in the training data. Every
 * n-gram (n consecutive tokens) of the training tokens goes into a hash table, keyed by a rolling
 * hash and verified token by token, so hash collisions never produce a false match. A sample's
 * memorised spans are its runs of overlapping n-grams found in the table.
 */

/** A half-open range [start, end) of token (or character) offsets. */
export interface Span {
  start: number;
  end: number;
}

/** What part of a sample was found verbatim in the training data. */
export interface Memorisation {
  /** Maximal runs of overlapping matched n-grams, in order; adjacent runs stay separate. */
  spans: Span[];
  /** Number of sample tokens inside some span. */
  memorisedTokens: number;
  /** memorisedTokens / sample length (0 for an empty sample). */
  fraction: number;
}

// Polynomial hash modulo 2³² (Math.imul wraps): fast, and collisions only cost a verification.
const BASE = 0x01000193;

function powBase(exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, BASE);
  return result;
}

/** Spreads a hash over the table's slots (murmur3's finaliser). */
function slotOf(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/** Calls `visit(start, hash)` for every window of n tokens, with a rolling hash. */
function forEachWindow(
  tokens: ArrayLike<number>,
  n: number,
  visit: (start: number, hash: number) => void,
): void {
  if (tokens.length < n) return;
  const drop = powBase(n - 1);
  let hash = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i >= n) hash = (hash - Math.imul((tokens[i - n] ?? 0) + 1, drop)) | 0;
    hash = (Math.imul(hash, BASE) + (tokens[i] ?? 0) + 1) | 0;
    if (i >= n - 1) visit(i - n + 1, hash);
  }
}

/** Every distinct n-gram of a token sequence, for verbatim lookups. */
export class NgramIndex {
  /** Number of distinct n-grams stored. */
  readonly size: number;
  private readonly tokens: Int32Array;
  private readonly hashes: Int32Array;
  /** Start of the stored n-gram in `tokens`, or −1 for an empty slot. */
  private readonly starts: Int32Array;
  private readonly mask: number;

  /** Indexes every window of `n` tokens of `tokens` (token ids, or code points for text). */
  constructor(
    tokens: ArrayLike<number>,
    readonly n: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram length must be ≥ 1, got ${n}.`);
    this.tokens = tokens instanceof Int32Array ? tokens : Int32Array.from(tokens);
    const windows = Math.max(0, this.tokens.length - n + 1);
    let capacity = 16;
    while (capacity < 2 * windows) capacity *= 2;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity).fill(-1);
    let size = 0;
    forEachWindow(this.tokens, n, (start, hash) => {
      const slot = this.probe(this.tokens, start, hash);
      if (this.starts[slot] !== -1) return; // already stored
      this.hashes[slot] = hash;
      this.starts[slot] = start;
      size++;
    });
    this.size = size;
  }

  /** The slot holding this n-gram, or the empty slot where it would go. */
  private probe(source: ArrayLike<number>, start: number, hash: number): number {
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const stored = this.starts[slot] ?? -1;
      if (stored === -1) return slot;
      if (this.hashes[slot] === hash && this.equalAt(stored, source, start)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private equalAt(stored: number, source: ArrayLike<number>, start: number): boolean {
    for (let k = 0; k < this.n; k++) {
      if (this.tokens[stored + k] !== source[start + k]) return false;
    }
    return true;
  }

  /** Whether `source[start … start+n)` occurs verbatim in the indexed tokens. */
  has(source: ArrayLike<number>, start: number): boolean {
    if (start < 0 || start + this.n > source.length) return false;
    let hash = 0;
    for (let k = 0; k < this.n; k++)
      hash = (Math.imul(hash, BASE) + (source[start + k] ?? 0) + 1) | 0;
    return this.starts[this.probe(source, start, hash)] !== -1;
  }

  /** Calls `visit(start)` for every window of `sample` that occurs verbatim, in order. */
  forEachMatch(sample: ArrayLike<number>, visit: (start: number) => void): void {
    forEachWindow(sample, this.n, (start, hash) => {
      if (this.starts[this.probe(sample, start, hash)] !== -1) visit(start);
    });
  }
}

/**
 * An n that spans about `chars` characters of text. Eight tokens of a character tokenizer are a
 * word or two, found in any English text; about 32 characters (8 BPE tokens) says memorised.
 */
export function ngramLengthFor(charsPerToken: number, chars = 32): number {
  if (!(charsPerToken > 0)) return 8;
  return Math.max(4, Math.round(chars / charsPerToken));
}

/** Builds the n-gram index of training tokens (e.g. n = 8). */
export function buildNgramIndex(tokens: ArrayLike<number>, n: number): NgramIndex {
  return new NgramIndex(tokens, n);
}

/** The code points of a text, for indexing text rather than token ids. */
export function codePointsOf(text: string): Int32Array {
  return Int32Array.from(text, (c) => c.codePointAt(0) ?? 0);
}

/** Finds the spans of `sample` made of n-grams that occur verbatim in the indexed data. */
export function findMemorisedSpans(index: NgramIndex, sample: ArrayLike<number>): Memorisation {
  const spans: Span[] = [];
  let current: Span | null = null;
  index.forEachMatch(sample, (start) => {
    const end = start + index.n;
    // Overlapping windows join one run; a window starting where the run ends does not.
    if (current && start < current.end) current.end = end;
    else {
      current = { start, end };
      spans.push(current);
    }
  });
  const memorisedTokens = spans.reduce((sum, s) => sum + s.end - s.start, 0);
  return {
    spans,
    memorisedTokens,
    fraction: sample.length > 0 ? memorisedTokens / sample.length : 0,
  };
}

/** Turns token spans into character spans of the decoded text, given each token's text. */
export function toCharSpans(tokenTexts: readonly string[], spans: readonly Span[]): Span[] {
  const offsets = [0];
  for (const text of tokenTexts) offsets.push((offsets[offsets.length - 1] ?? 0) + text.length);
  const at = (i: number): number => offsets[Math.min(i, offsets.length - 1)] ?? 0;
  return spans.map((s) => ({ start: at(s.start), end: at(s.end) }));
}
