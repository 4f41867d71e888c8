import { describe, expect, it } from 'vitest';
import {
  curate,
  DEFAULT_CURATION,
  findExactDuplicates,
  findNearDuplicates,
  withRules,
} from '../../src/data/curate';
import {
  chooseBandLayout,
  collisionProbability,
  createMinHashFamily,
  estimateJaccard,
  minHashSignature,
  shingleHashes,
} from '../../src/data/curate/minhash';
import { createRng } from '../../src/shared/rng';
import { labelledDocuments, randomText } from './corpus-fixtures';

const near = { threshold: 0.7, shingleSize: 3, hashes: 128, seed: 1337 };

/** Whether a and b ended up in one cluster. */
function together(clusters: { members: number[] }[], a: number, b: number): boolean {
  return clusters.some((c) => c.members.includes(a) && c.members.includes(b));
}

describe('exact deduplication', () => {
  it('groups exact copies (ignoring case and spacing) and keeps the first', () => {
    const docs = ['The whale.', 'A ship.', 'the  WHALE.', 'The whale!', 'a ship.\n'];
    const clusters = findExactDuplicates(docs);
    expect(clusters).toEqual([
      { kind: 'exact', representative: 0, members: [0, 2], similarity: [1, 1] },
      { kind: 'exact', representative: 1, members: [1, 4], similarity: [1, 1] },
    ]);
  });

  it('removes the copies in the pipeline and reports them', () => {
    const rng = createRng(3);
    const a = randomText(rng, 80);
    const b = randomText(rng, 80);
    const report = curate([a, b, a, a, b], DEFAULT_CURATION);
    expect(report.exactDuplicates).toBe(3);
    expect(report.sourceIndices).toEqual([0, 1]);
    const rule = report.rules.find((r) => r.name === 'exactDuplicates');
    expect(rule?.documentsRemoved).toBe(3);
    expect(rule?.examples.map((e) => [e.index, e.duplicateOf])).toEqual([
      [2, 0],
      [3, 0],
      [4, 1],
    ]);
  });
});

describe('MinHash', () => {
  it('estimates Jaccard similarity within a few points', () => {
    const rng = createRng(11);
    const words = randomText(rng, 400).split(' ');
    const a = words.slice(0, 300).join(' ');
    const b = words.slice(100, 400).join(' ');
    const setA = new Set(shingleHashes(a, 3));
    const setB = new Set(shingleHashes(b, 3));
    const union = new Set([...setA, ...setB]).size;
    const exact = [...setA].filter((h) => setB.has(h)).length / union;
    const family = createMinHashFamily(256, 5);
    const estimate = estimateJaccard(
      minHashSignature(shingleHashes(a, 3), family),
      minHashSignature(shingleHashes(b, 3), family),
    );
    expect(Math.abs(estimate - exact)).toBeLessThan(0.08);
  });

  it('chooses bands so that pairs above the threshold collide and pairs far below do not', () => {
    for (const threshold of [0.5, 0.7, 0.9]) {
      const layout = chooseBandLayout(threshold, 128);
      expect(layout.bands * layout.rows).toBeLessThanOrEqual(128);
      expect(collisionProbability(Math.min(1, threshold + 0.1), layout)).toBeGreaterThan(0.8);
      expect(collisionProbability(threshold - 0.3, layout)).toBeLessThan(0.2);
    }
  });

  it('treats short documents as one shingle and empty ones as none', () => {
    expect(shingleHashes('two words', 3)).toHaveLength(1);
    expect(shingleHashes('... !!!', 3)).toHaveLength(0);
    expect(shingleHashes('one two three four', 3)).toHaveLength(2);
  });
});

describe('near-duplicate detection on a labelled set', () => {
  const { docs, base, edited, halfShared } = labelledDocuments(30);
  const clusters = findNearDuplicates(docs, near);
  // Labelled pairs: few-word edits are duplicates; half-shared texts and unrelated texts are not.
  const positives = base.map((b, i) => [b, edited[i] ?? 0] as const);
  const negatives = [
    ...base.map((b, i) => [b, halfShared[i] ?? 0] as const),
    ...base.map((b, i) => [b, base[(i + 1) % base.length] ?? 0] as const),
    ...edited.map((e, i) => [e, halfShared[(i + 3) % halfShared.length] ?? 0] as const),
  ];

  it('has precision and recall of at least 0.9 on 120 labelled pairs', () => {
    expect(positives.length + negatives.length).toBeGreaterThanOrEqual(120);
    const truePositives = positives.filter(([a, b]) => together(clusters, a, b)).length;
    const falsePositives = negatives.filter(([a, b]) => together(clusters, a, b)).length;
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / positives.length;
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the first member of each cluster and reports similarities', () => {
    for (const cluster of clusters) {
      expect(cluster.representative).toBe(Math.min(...cluster.members));
      expect(cluster.similarity[0]).toBe(1);
      expect(cluster.similarity).toHaveLength(cluster.members.length);
    }
  });

  it('catches more pairs at a lower threshold and fewer at a higher one', () => {
    const count = (threshold: number): number =>
      findNearDuplicates(docs, { ...near, threshold }).reduce(
        (sum, c) => sum + c.members.length - 1,
        0,
      );
    expect(count(0.3)).toBeGreaterThanOrEqual(count(0.7));
    expect(count(0.7)).toBeGreaterThanOrEqual(count(0.98));
  });

  it('is removed by the pipeline after exact duplicates, each with the document kept', () => {
    const report = curate(docs, DEFAULT_CURATION);
    expect(report.nearDuplicates).toBeGreaterThanOrEqual(27);
    const nearRule = report.rules.find((r) => r.name === 'nearDuplicates');
    expect(nearRule?.documentsRemoved).toBe(report.nearDuplicates);
    for (const example of nearRule?.examples ?? []) {
      expect(example.duplicateOf).toBeLessThan(example.index);
    }
    expect(report.clusters.every((c) => c.kind === 'near')).toBe(true);
  });

  it('keeps every member with keepDuplicates and gives a cluster one group id', () => {
    const report = curate(docs, { ...withRules({}), keepDuplicates: true });
    expect(report.documents).toHaveLength(docs.length);
    for (const cluster of report.clusters) {
      const groups = new Set(
        cluster.members.map((m) => report.groups[report.sourceIndices.indexOf(m)]),
      );
      expect(groups.size).toBe(1);
    }
  });
});

describe('curation speed', () => {
  it('curates 10,000 documents (about 5 MB) in a few seconds', () => {
    const rng = createRng(5);
    const docs = Array.from({ length: 10_000 }, () => randomText(rng, 90));
    const bytes = docs.reduce((sum, d) => sum + d.length, 0);
    expect(bytes).toBeGreaterThan(4_000_000);
    const report = curate(docs, DEFAULT_CURATION);
    expect(report.after.documents).toBeGreaterThan(9_900);
    // Generous: about 1.5 s on a 2-core development machine.
    expect(report.milliseconds).toBeLessThan(15_000);
  });
});
