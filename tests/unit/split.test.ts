import { describe, expect, it } from 'vitest';
import {
  curate,
  DEFAULT_CURATION,
  groupIdsFromClusters,
  splitDocuments,
} from '../../src/data/curate';
import { createRng } from '../../src/shared/rng';
import { labelledDocuments, randomText } from './corpus-fixtures';

describe('splitDocuments', () => {
  const rng = createRng(9);
  const docs = Array.from({ length: 200 }, (_, i) => randomText(rng, 20 + (i % 50)));

  it('puts about the asked share of characters into validation, whole documents only', () => {
    const split = splitDocuments(docs, 0.1, 1);
    const chars = (list: string[]): number => list.join('').length;
    const share = chars(split.val) / (chars(split.val) + chars(split.train));
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    expect([...split.trainIndices, ...split.valIndices].sort((a, b) => a - b)).toEqual(
      docs.map((_, i) => i),
    );
    expect(split.val).toEqual(split.valIndices.map((i) => docs[i]));
    expect(split.trainIndices).toEqual([...split.trainIndices].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(splitDocuments(docs, 0.1, 1)).toEqual(splitDocuments(docs, 0.1, 1));
    expect(splitDocuments(docs, 0.1, 2).valIndices).not.toEqual(
      splitDocuments(docs, 0.1, 1).valIndices,
    );
  });

  it('gives both sides a document when there are two, and none to validation at 0', () => {
    const two = splitDocuments(['a long first document', 'b'], 0.1, 3);
    expect(two.train).toHaveLength(1);
    expect(two.val).toHaveLength(1);
    expect(splitDocuments(docs, 0, 1).val).toHaveLength(0);
    expect(splitDocuments(['only'], 0.5, 1)).toEqual({
      train: ['only'],
      val: [],
      trainIndices: [0],
      valIndices: [],
    });
    expect(splitDocuments(docs, 1, 1).train.length).toBeGreaterThan(0);
  });

  it('never puts two members of a duplicate cluster on both sides', () => {
    const { docs: labelled } = labelledDocuments(40, 21);
    const report = curate(labelled, { ...DEFAULT_CURATION, keepDuplicates: true });
    expect(report.clusters.length).toBeGreaterThan(30);
    for (let seed = 0; seed < 20; seed++) {
      const split = splitDocuments(report.documents, 0.3, seed, report.groups);
      const side = new Map<number, 'train' | 'val'>();
      for (const i of split.trainIndices) side.set(report.sourceIndices[i] ?? -1, 'train');
      for (const i of split.valIndices) side.set(report.sourceIndices[i] ?? -1, 'val');
      for (const cluster of report.clusters) {
        const sides = new Set(cluster.members.map((m) => side.get(m)));
        expect(sides.size).toBe(1);
      }
    }
  });

  it('groups by clusters given directly', () => {
    const groups = groupIdsFromClusters(6, [
      { kind: 'near', representative: 1, members: [1, 3, 5], similarity: [1, 0.8, 0.9] },
    ]);
    expect(groups).toEqual([0, 1, 2, 1, 4, 1]);
    for (let seed = 0; seed < 20; seed++) {
      const split = splitDocuments(['a', 'b', 'c', 'd', 'e', 'f'], 0.5, seed, groups);
      const valHas = [1, 3, 5].map((i) => split.valIndices.includes(i));
      expect(new Set(valHas).size).toBe(1);
    }
  });

  it('refuses group ids that do not match the documents', () => {
    expect(() => splitDocuments(['a', 'b'], 0.5, 1, [0])).toThrow(/1 group ids for 2 documents/);
  });
});
