/**
 * Byte-level BPE tokenizer (as in GPT-2): text is cut into words by the GPT-2 pattern, each
 * word's UTF-8 bytes are merged pair by pair in the order the merges were learned. Ids:
 * special tokens, then the 256 bytes, then one id per merge.
 */
import type { LearnMergesOptions } from './bpe-train';
import { BYTE_SYMBOLS, learnMerges, mergeWord, pairKey } from './bpe-train';
import { decodeByteTokens, displayBytes, encodeUtf8, encodeWithSpecials } from './bytes';
import { forEachPiece } from './pretokenize';
import type { EncodeOptions, Tokenizer } from './tokenizer';
import { FIRST_REGULAR_ID, SPECIAL_IDS, SPECIAL_TOKENS } from './tokenizer';

/** Cached word encodings are dropped past this many words. */
const MAX_CACHED_WORDS = 100_000;

/** A learned merge, for display. */
export interface MergeInfo {
  /** 0 for the first merge learned (the most frequent pair). */
  rank: number;
  /** The id of the merged token. */
  id: number;
  left: string;
  right: string;
  /** The merged token's text. */
  text: string;
}

/** A byte-level BPE tokenizer defined by its merges. */
export class BpeTokenizer implements Tokenizer {
  /** Algorithm name. */
  readonly kind = 'bpe';
  /** The merges in rank order, as [left, right] symbols (bytes are 0–255, merge i is 256 + i). */
  readonly merges: readonly (readonly [number, number])[];
  /** The bytes each symbol stands for. */
  private readonly symbolBytes: Uint8Array[];
  private readonly rankOf = new Map<number, number>();
  private readonly cache = new Map<string, number[]>();

  /** Builds a tokenizer from merges; each merge may only use bytes and earlier merges. */
  constructor(merges: readonly (readonly [number, number])[]) {
    this.merges = merges;
    this.symbolBytes = Array.from({ length: BYTE_SYMBOLS }, (_, b) => Uint8Array.of(b));
    merges.forEach(([left, right], rank) => {
      const a = this.symbolBytes[left];
      const b = this.symbolBytes[right];
      if (!a || !b) throw new Error(`BPE merge ${rank} uses a symbol that does not exist yet.`);
      const bytes = new Uint8Array(a.length + b.length);
      bytes.set(a);
      bytes.set(b, a.length);
      this.symbolBytes.push(bytes);
      const key = pairKey(left, right);
      if (!this.rankOf.has(key)) this.rankOf.set(key, rank);
    });
  }

  /** Learns `vocabSize − 256` merges from `text` (fewer if no pair repeats). */
  static train(
    text: string,
    vocabSize: number,
    onProgress?: LearnMergesOptions['onProgress'],
  ): BpeTokenizer {
    return new BpeTokenizer(learnMerges(text, { symbols: vocabSize, onProgress }));
  }

  /** Number of ids, special tokens included. */
  get vocabSize(): number {
    return FIRST_REGULAR_ID + this.symbolBytes.length;
  }

  /** Turns text into ids, word by word. */
  encode(text: string, options: EncodeOptions = {}): Int32Array {
    return encodeWithSpecials(text, options, (piece, out) => {
      forEachPiece(piece, (word) => {
        for (const symbol of this.encodeWord(word)) out.push(FIRST_REGULAR_ID + symbol);
      });
    });
  }

  /** Turns ids back into text (bytes decoded as UTF-8 together). */
  decode(ids: ArrayLike<number>): string {
    return decodeByteTokens(ids, (id) => this.symbolBytes[id - FIRST_REGULAR_ID]);
  }

  /** The text of one id; a byte that is part of a longer character shows as `<0xE2>`. */
  tokenText(id: number): string {
    if (id === SPECIAL_IDS.pad) return '';
    const bytes = this.symbolBytes[id - FIRST_REGULAR_ID];
    if (id < FIRST_REGULAR_ID || !bytes)
      return SPECIAL_TOKENS[id] ?? SPECIAL_TOKENS[SPECIAL_IDS.unk];
    return displayBytes(bytes);
  }

  /** The display text of every id in id order, special tokens by name. */
  vocabulary(): string[] {
    return [...SPECIAL_TOKENS, ...this.symbolBytes.map(displayBytes)];
  }

  /** The first `limit` merges learned, for display. */
  describeMerges(limit = this.merges.length): MergeInfo[] {
    return this.merges.slice(0, limit).map(([left, right], rank) => {
      const id = FIRST_REGULAR_ID + BYTE_SYMBOLS + rank;
      return {
        rank,
        id,
        left: this.tokenText(FIRST_REGULAR_ID + left),
        right: this.tokenText(FIRST_REGULAR_ID + right),
        text: this.tokenText(id),
      };
    });
  }

  /** The symbols of one word: its bytes, merged lowest rank first until no merge applies. */
  private encodeWord(word: string): number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    let symbols = Array.from(encodeUtf8(word));
    for (;;) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = this.rankOf.get(pairKey(symbols[i] ?? 0, symbols[i + 1] ?? 0));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      const merge = this.merges[bestRank];
      if (!merge) break;
      symbols = mergeWord(symbols, merge[0], merge[1], BYTE_SYMBOLS + bestRank);
    }
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, symbols);
    return symbols;
  }
}
