/**
 * Train/validation split by document (not by character), after deduplication: documents of
 * one group (a duplicate cluster) always land on the same side, so near-duplicates cannot
 * leak from training into validation.
 */
import { createRng, randomInt } from '../../shared/rng';
import type { DuplicateCluster } from './dedup';
import { countCodePoints } from './text';

/**
 * Share of the data held out for validation: the one definition, used by the page's data
 * step, the CLI and the trainer's legacy token cut (nanoGPT's 90/10).
 */
export const VAL_FRACTION = 0.1;

/** Documents are joined with a blank line between them, as they were in the files. */
export const DOCUMENT_SEPARATOR = '\n\n';

/** Documents split in two, each side in input order. */
export interface DocumentSplit {
  train: string[];
  val: string[];
  /** Input index of each training document. */
  trainIndices: number[];
  /** Input index of each validation document. */
  valIndices: number[];
}

/** A group id per document from clusters over the same indices (a cluster's id is its representative). */
export function groupIdsFromClusters(
  documentCount: number,
  clusters: readonly DuplicateCluster[],
): number[] {
  const groups = Array.from({ length: documentCount }, (_, i) => i);
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      if (member < documentCount) groups[member] = cluster.representative;
    }
  }
  return groups;
}

/**
 * Puts about `valFraction` of the characters into validation, a whole group at a time, groups
 * taken in a seeded random order. With two or more groups and `valFraction` > 0, both sides
 * get at least one group.
 * `groups[i]` is document i's group id (default: every document its own group).
 */
export function splitDocuments(
  documents: readonly string[],
  valFraction: number,
  seed: number,
  groups?: ArrayLike<number>,
): DocumentSplit {
  if (groups && groups.length !== documents.length) {
    throw new Error(
      `splitDocuments: ${groups.length} group ids for ${documents.length} documents.`,
    );
  }
  const members = new Map<number, number[]>();
  documents.forEach((_, i) => {
    const id = groups ? (groups[i] ?? i) : i;
    const list = members.get(id);
    if (list) list.push(i);
    else members.set(id, [i]);
  });
  const order = [...members.values()];
  const rng = createRng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const swap = order[i] ?? [];
    order[i] = order[j] ?? [];
    order[j] = swap;
  }
  const lengths = documents.map(countCodePoints);
  const total = lengths.reduce((sum, n) => sum + n, 0);
  const target = Math.min(1, Math.max(0, valFraction)) * total;
  const sizeOfGroup = (group: number[]): number =>
    group.reduce((sum, i) => sum + (lengths[i] ?? 0), 0);
  const inVal = new Set<number>();
  let valCharacters = 0;
  const take = (group: number[]): void => {
    for (const i of group) inVal.add(i);
    valCharacters += sizeOfGroup(group);
  };
  if (valFraction > 0 && order.length > 1) {
    // Skip groups that would overshoot the target by half; fall back to the smallest group.
    for (const group of order) {
      if (valCharacters >= target) break;
      const leavesTraining = inVal.size + group.length < documents.length;
      if (leavesTraining && valCharacters + sizeOfGroup(group) <= target * 1.5) take(group);
    }
    if (inVal.size === 0) {
      const smallest = order.reduce((a, b) => (sizeOfGroup(b) < sizeOfGroup(a) ? b : a));
      take(smallest);
    }
  }
  const split: DocumentSplit = { train: [], val: [], trainIndices: [], valIndices: [] };
  documents.forEach((text, i) => {
    if (inVal.has(i)) {
      split.val.push(text);
      split.valIndices.push(i);
    } else {
      split.train.push(text);
      split.trainIndices.push(i);
    }
  });
  return split;
}
