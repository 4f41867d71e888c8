/**
 * MinHash signatures over word shingles and locality-sensitive hashing (LSH) by bands, the
 * standard way to find near-duplicate documents without comparing every pair: two documents
 * with Jaccard similarity s share a band with probability 1 − (1 − s^rows)^bands.
 */
import { createRng } from '../../shared/rng';
import { mix32 } from './hash';
import { codePointAt, isWordCharacter } from './text';

/** The random hash functions of a MinHash family. */
export interface MinHashFamily {
  /** Odd multipliers, one per hash function. */
  multipliers: Uint32Array;
  /** XOR masks, one per hash function. */
  masks: Uint32Array;
}

/** How the signature is cut into LSH bands. */
export interface BandLayout {
  bands: number;
  rows: number;
}

/** Makes `count` seeded hash functions (each a bijection of 32-bit integers). */
export function createMinHashFamily(count: number, seed: number): MinHashFamily {
  const rng = createRng(seed);
  const multipliers = new Uint32Array(count);
  const masks = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    multipliers[i] = (Math.floor(rng.next() * 4294967296) | 1) >>> 0;
    masks[i] = Math.floor(rng.next() * 4294967296) >>> 0;
  }
  return { multipliers, masks };
}

/** Hashes of the lower-cased words of `text` (runs of letters and digits), in order. */
export function wordHashes(text: string): number[] {
  const lower = text.toLowerCase();
  const hashes: number[] = [];
  let h = 0;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const codePoint = codePointAt(lower, i);
    const wide = codePoint > 0xffff;
    if (isWordCharacter(codePoint)) {
      if (!inWord) h = 0x811c9dc5;
      inWord = true;
      h = Math.imul(h ^ codePoint, 0x01000193);
    } else if (inWord) {
      hashes.push(mix32(h));
      inWord = false;
    }
    if (wide) i += 1;
  }
  if (inWord) hashes.push(mix32(h));
  return hashes;
}

/**
 * Hashes of the document's word shingles (runs of `size` consecutive lower-cased words); a
 * document with fewer words is one shingle, one with no words has none.
 */
export function shingleHashes(text: string, size: number): Uint32Array {
  const words = wordHashes(text);
  if (words.length === 0) return new Uint32Array(0);
  const width = Math.min(size, words.length);
  const out = new Uint32Array(words.length - width + 1);
  for (let start = 0; start < out.length; start++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < width; j++) {
      h = Math.imul(h ^ (words[start + j] ?? 0), 0x01000193) + 0x7f4a7c15;
    }
    out[start] = mix32(h);
  }
  return out;
}

/** The MinHash signature: for each hash function, the smallest hash over the shingles. */
export function minHashSignature(shingles: Uint32Array, family: MinHashFamily): Uint32Array {
  const { multipliers, masks } = family;
  const signature = new Uint32Array(multipliers.length);
  for (let i = 0; i < multipliers.length; i++) {
    const mask = masks[i] ?? 0;
    const multiplier = multipliers[i] ?? 1;
    let min = 0xffffffff;
    for (let s = 0; s < shingles.length; s++) {
      const v = Math.imul((shingles[s] ?? 0) ^ mask, multiplier) >>> 0;
      if (v < min) min = v;
    }
    signature[i] = min;
  }
  return signature;
}

/** The share of equal positions of two signatures: an unbiased estimate of their Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal += 1;
  return equal / n;
}

/** Probability that a pair with similarity `s` shares at least one band. */
export function collisionProbability(s: number, layout: BandLayout): number {
  return 1 - (1 - s ** layout.rows) ** layout.bands;
}

/**
 * Chooses bands × rows ≤ `hashes` so that pairs above `threshold` are very likely to collide
 * and pairs below it are not: minimises the false-positive plus false-negative areas (the
 * rule used by the datasketch library).
 */
export function chooseBandLayout(threshold: number, hashes: number): BandLayout {
  const steps = 40;
  const area = (from: number, to: number, f: (s: number) => number): number => {
    let sum = 0;
    const width = (to - from) / steps;
    for (let i = 0; i < steps; i++) sum += f(from + (i + 0.5) * width) * width;
    return sum;
  };
  let best: BandLayout = { bands: 1, rows: hashes };
  let bestError = Infinity;
  for (let bands = 1; bands <= hashes; bands++) {
    const rows = Math.floor(hashes / bands);
    const layout = { bands, rows };
    const falsePositive = area(0, threshold, (s) => collisionProbability(s, layout));
    const falseNegative = area(threshold, 1, (s) => 1 - collisionProbability(s, layout));
    const error = falsePositive + falseNegative;
    if (error < bestError) {
      bestError = error;
      best = layout;
    }
  }
  return best;
}

/**
 * Pairs of documents that share at least one LSH band, as [i, j] with i < j. Documents
 * without a signature are skipped. In a crowded bucket each document is paired with at most
 * `maxPartners` earlier ones, which bounds the work while still linking the whole bucket.
 */
export function findCandidatePairs(
  signatures: readonly (Uint32Array | null)[],
  layout: BandLayout,
  maxPartners = 32,
): [number, number][] {
  const pairs: [number, number][] = [];
  const seen = new Set<number>();
  const n = signatures.length;
  for (let band = 0; band < layout.bands; band++) {
    const buckets = new Map<number, number[]>();
    const offset = band * layout.rows;
    for (let doc = 0; doc < n; doc++) {
      const signature = signatures[doc];
      if (!signature) continue;
      let h = 0x811c9dc5 ^ band;
      for (let r = 0; r < layout.rows; r++) {
        h = Math.imul(h ^ (signature[offset + r] ?? 0), 0x01000193);
      }
      const key = mix32(h);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(doc);
      else buckets.set(key, [doc]);
    }
    for (const bucket of buckets.values()) {
      for (let j = 1; j < bucket.length; j++) {
        const second = bucket[j] ?? 0;
        for (let i = Math.max(0, j - maxPartners); i < j; i++) {
          const first = bucket[i] ?? 0;
          const id = first * n + second;
          if (seen.has(id)) continue;
          seen.add(id);
          pairs.push([first, second]);
        }
      }
    }
  }
  return pairs;
}
