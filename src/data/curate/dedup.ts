/**
 * Deduplication: exact (same text once normalised) and near (MinHash + LSH over word
 * shingles, each candidate pair verified by its estimated Jaccard similarity). Both return
 * clusters whose first member is the one kept.
 */
import { hashString53 } from './hash';
import {
  chooseBandLayout,
  createMinHashFamily,
  estimateJaccard,
  findCandidatePairs,
  minHashSignature,
  shingleHashes,
} from './minhash';
import { UnionFind } from './union-find';

/** A group of documents that duplicate each other. */
export interface DuplicateCluster {
  /** How the duplicates were found. */
  kind: 'exact' | 'near';
  /** The member that is kept: the first one in corpus order. */
  representative: number;
  /** Every member, representative included, ascending. */
  members: number[];
  /** Estimated Jaccard similarity of each member with the representative (1 for exact copies). */
  similarity: number[];
}

/** Settings of near-duplicate detection. */
export interface NearDuplicateOptions {
  /** Estimated Jaccard similarity at or above which two documents are duplicates. */
  threshold: number;
  /** Words per shingle. */
  shingleSize: number;
  /** Hash functions per MinHash signature. */
  hashes: number;
  /** Seed of the hash functions. */
  seed: number;
}

/** The key under which two documents count as exact copies: case and spacing are ignored. */
export function normaliseForHash(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Groups documents whose normalised text is identical (hashed, then compared to rule out collisions). */
export function findExactDuplicates(texts: readonly string[]): DuplicateCluster[] {
  const byHash = new Map<number, { key: string; index: number }[]>();
  const sets = new UnionFind(texts.length);
  texts.forEach((text, index) => {
    const key = normaliseForHash(text);
    const hash = hashString53(key);
    const entries = byHash.get(hash);
    const match = entries?.find((e) => e.key === key);
    if (match) sets.union(match.index, index);
    else if (entries) entries.push({ key, index });
    else byHash.set(hash, [{ key, index }]);
  });
  return sets.groups().map((members) => ({
    kind: 'exact',
    representative: members[0] ?? 0,
    members,
    similarity: members.map(() => 1),
  }));
}

/**
 * Groups documents whose estimated Jaccard similarity over word shingles reaches the
 * threshold (transitively: A≈B and B≈C put A, B and C in one cluster).
 * `onProgress` receives the fraction done.
 */
export function findNearDuplicates(
  texts: readonly string[],
  options: NearDuplicateOptions,
  onProgress?: (fraction: number) => void,
): DuplicateCluster[] {
  const family = createMinHashFamily(options.hashes, options.seed);
  const signatures: (Uint32Array | null)[] = [];
  const every = Math.max(1, Math.floor(texts.length / 20));
  texts.forEach((text, index) => {
    const shingles = shingleHashes(text, options.shingleSize);
    signatures.push(shingles.length === 0 ? null : minHashSignature(shingles, family));
    if (onProgress && index % every === 0) onProgress((0.9 * index) / texts.length);
  });
  const layout = chooseBandLayout(options.threshold, options.hashes);
  const sets = new UnionFind(texts.length);
  for (const [a, b] of findCandidatePairs(signatures, layout)) {
    const sa = signatures[a];
    const sb = signatures[b];
    if (sa && sb && estimateJaccard(sa, sb) >= options.threshold) sets.union(a, b);
  }
  onProgress?.(1);
  return sets.groups().map((members) => {
    const representative = members[0] ?? 0;
    const first = signatures[representative];
    return {
      kind: 'near',
      representative,
      members,
      similarity: members.map((m) => {
        const other = signatures[m];
        return first && other ? estimateJaccard(first, other) : 0;
      }),
    };
  });
}
