/**
 * Learning BPE merges from text, incrementally: pair counts and a pair → words index are
 * built once, and each merge only revisits the words that contain the merged pair, with a
 * heap to find the most frequent pair. Symbols 0–255 are bytes; merge i makes symbol 256 + i.
 */
import { encodeUtf8 } from './bytes';
import { PairHeap } from './pair-heap';
import { forEachPiece } from './pretokenize';

/** Number of byte symbols, the alphabet merges start from. */
export const BYTE_SYMBOLS = 256;

/** Pairs seen fewer times than this are not merged (a merge seen once only memorises). */
const MIN_PAIR_COUNT = 2;

/** A pair of symbols packed into one number (symbols < 65536). */
export function pairKey(left: number, right: number): number {
  return left * 65536 + right;
}

/** Options of `learnMerges`. */
export interface LearnMergesOptions {
  /** Symbols wanted: 256 bytes + merges. Training stops early if no pair repeats. */
  symbols: number;
  /** Receives the fraction of merges done, a few hundred times at most. */
  onProgress?: (fraction: number) => void;
}

/** Replaces every left-to-right occurrence of (left, right) in `word` by `merged`. */
export function mergeWord(word: number[], left: number, right: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === left && word[i + 1] === right) {
      out.push(merged);
      i += 1;
    } else {
      out.push(word[i] ?? 0);
    }
  }
  return out;
}

/** Learns merges, most frequent pair first, as [left, right] symbol pairs in rank order. */
export function learnMerges(text: string, options: LearnMergesOptions): [number, number][] {
  const wanted = Math.max(0, options.symbols - BYTE_SYMBOLS);
  const wordIds = new Map<string, number>();
  const words: number[][] = [];
  const counts: number[] = [];
  forEachPiece(text, (piece) => {
    const id = wordIds.get(piece);
    if (id !== undefined) {
      counts[id] = (counts[id] ?? 0) + 1;
      return;
    }
    wordIds.set(piece, words.length);
    words.push(Array.from(encodeUtf8(piece)));
    counts.push(1);
  });

  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1, touched: Set<number>): void => {
    const word = words[w] ?? [];
    const count = (counts[w] ?? 0) * sign;
    for (let i = 0; i + 1 < word.length; i++) {
      const key = pairKey(word[i] ?? 0, word[i + 1] ?? 0);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      touched.add(key);
      if (sign > 0) {
        const set = pairWords.get(key);
        if (set) set.add(w);
        else pairWords.set(key, new Set([w]));
      }
    }
  };
  const heap = new PairHeap();
  const initial = new Set<number>();
  for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
  for (const key of initial) heap.push(pairCounts.get(key) ?? 0, key);

  const merges: [number, number][] = [];
  const reportEvery = Math.max(1, Math.floor(wanted / 200));
  while (merges.length < wanted) {
    const top = heap.pop();
    if (!top) break;
    if (pairCounts.get(top.key) !== top.count) continue; // stale entry
    if (top.count < MIN_PAIR_COUNT) break;
    const left = Math.floor(top.key / 65536);
    const right = top.key % 65536;
    const merged = BYTE_SYMBOLS + merges.length;
    merges.push([left, right]);
    const touched = new Set<number>();
    for (const w of [...(pairWords.get(top.key) ?? [])]) {
      const before = words[w] ?? [];
      addPairs(w, -1, touched);
      words[w] = mergeWord(before, left, right, merged);
      addPairs(w, 1, touched);
      // Unlink this word from pairs it no longer contains.
      const after = words[w] ?? [];
      for (let i = 0; i + 1 < before.length; i++) {
        const key = pairKey(before[i] ?? 0, before[i + 1] ?? 0);
        if (!containsPair(after, key)) pairWords.get(key)?.delete(w);
      }
    }
    for (const key of touched) {
      const count = pairCounts.get(key) ?? 0;
      if (count <= 0) {
        pairCounts.delete(key);
        pairWords.delete(key);
      } else {
        heap.push(count, key);
      }
    }
    if (options.onProgress && merges.length % reportEvery === 0) {
      options.onProgress(merges.length / wanted);
    }
  }
  options.onProgress?.(1);
  return merges;
}

function containsPair(word: number[], key: number): boolean {
  for (let i = 0; i + 1 < word.length; i++) {
    if (pairKey(word[i] ?? 0, word[i + 1] ?? 0) === key) return true;
  }
  return false;
}
