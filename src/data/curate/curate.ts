/**
 * The curation pipeline: clean every document, drop the empty ones, apply the quality
 * filters one after the other, then remove exact and near duplicates, recording what each
 * rule did.
 */
import { CLEANER_ORDER, CLEANERS } from './clean';
import type { DuplicateCluster } from './dedup';
import { findExactDuplicates, findNearDuplicates } from './dedup';
import { FILTER_ORDER, FILTERS, passesFilter } from './filters';
import type { CorpusSize, CurationReport, RuleReport } from './report';
import type { CurationOptions, RuleName } from './rules';
import { CURATION_RULES, describeRule, thresholdOf } from './rules';
import { countCodePoints, firstDifference, snippet } from './text';
import { UnionFind } from './union-find';

/** Receives the fraction done (0…1) and the name of the rule being applied. */
export type CurationProgress = (fraction: number, stage: RuleName | 'done') => void;

/** Relative cost of near-duplicate detection against any other rule, for the progress bar. */
const NEAR_DEDUP_WEIGHT = 6;

/** The documents still in the corpus: input indices, current texts and their lengths. */
interface Survivors {
  indices: number[];
  texts: string[];
  lengths: number[];
}

/** A document taken out of the survivors. */
interface Removed {
  position: number;
  index: number;
  text: string;
  length: number;
}

function sizeOf(survivors: Survivors): CorpusSize {
  let characters = 0;
  for (const length of survivors.lengths) characters += length;
  return { documents: survivors.indices.length, characters };
}

function startReport(name: RuleName, options: CurationOptions, size: CorpusSize): RuleReport {
  const info = describeRule(name);
  return {
    name,
    stage: info.stage,
    label: info.label,
    enabled: options.rules[name].enabled,
    threshold: info.threshold ? thresholdOf(options, name) : null,
    documentsBefore: size.documents,
    charactersBefore: size.characters,
    documentsRemoved: 0,
    documentsChanged: 0,
    charactersRemoved: 0,
    documentsAfter: size.documents,
    charactersAfter: size.characters,
    examples: [],
  };
}

/** Keeps the survivors at positions where `keep` is true (in order); returns the others. */
function retain(survivors: Survivors, keep: (position: number) => boolean): Removed[] {
  const { indices, texts, lengths } = survivors;
  const removed: Removed[] = [];
  let out = 0;
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] ?? 0;
    const text = texts[i] ?? '';
    const length = lengths[i] ?? 0;
    if (!keep(i)) {
      removed.push({ position: i, index, text, length });
      continue;
    }
    indices[out] = index;
    texts[out] = text;
    lengths[out] = length;
    out += 1;
  }
  indices.length = out;
  texts.length = out;
  lengths.length = out;
  return removed;
}

/** Applies one cleaner to every survivor, counting changes and keeping a few examples. */
function applyCleaner(
  survivors: Survivors,
  cleanText: (text: string) => string,
  report: RuleReport,
  maxExamples: number,
): void {
  const { indices, texts, lengths } = survivors;
  for (let i = 0; i < texts.length; i++) {
    const before = texts[i] ?? '';
    const after = cleanText(before);
    if (after === before) continue;
    const length = countCodePoints(after);
    report.documentsChanged += 1;
    report.charactersRemoved += (lengths[i] ?? 0) - length;
    texts[i] = after;
    lengths[i] = length;
    if (report.examples.length < maxExamples) {
      const at = Math.max(0, firstDifference(before, after) - 30);
      report.examples.push({
        index: indices[i] ?? 0,
        snippet: snippet(before, at),
        after: snippet(after, at),
      });
    }
  }
}

/** Applies one filter, removing the survivors that fail it. */
function applyFilter(
  survivors: Survivors,
  name: (typeof FILTER_ORDER)[number],
  threshold: number,
  report: RuleReport,
  maxExamples: number,
): void {
  const spec = FILTERS[name];
  const values = survivors.texts.map((text) => spec.measure(text));
  const removed = retain(survivors, (i) => passesFilter(spec, values[i] ?? 0, threshold));
  report.documentsRemoved = removed.length;
  for (const r of removed) report.charactersRemoved += r.length;
  report.examples = removed.slice(0, maxExamples).map((r) => ({
    index: r.index,
    snippet: snippet(r.text),
    value: values[r.position] ?? 0,
  }));
}

/**
 * Records the clusters found among the survivors (mapping positions to input indices) and,
 * unless duplicates are kept, removes every member but the representative.
 */
function applyDedup(
  survivors: Survivors,
  clusters: DuplicateCluster[],
  report: RuleReport,
  options: CurationOptions,
): DuplicateCluster[] {
  const keptInstead = new Map<number, number>();
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      if (member !== cluster.representative) keptInstead.set(member, cluster.representative);
    }
  }
  const indexOf = (position: number): number => survivors.indices[position] ?? 0;
  const mapped = clusters.map((cluster) => ({
    ...cluster,
    representative: indexOf(cluster.representative),
    members: cluster.members.map(indexOf),
  }));
  const duplicates = [...keptInstead.keys()].sort((a, b) => a - b);
  report.examples = duplicates.slice(0, options.examplesPerRule).map((position) => ({
    index: indexOf(position),
    snippet: snippet(survivors.texts[position] ?? ''),
    duplicateOf: indexOf(keptInstead.get(position) ?? 0),
  }));
  if (!options.keepDuplicates) {
    report.documentsRemoved = duplicates.length;
    for (const r of retain(survivors, (position) => !keptInstead.has(position))) {
      report.charactersRemoved += r.length;
    }
  }
  return mapped;
}

/**
 * Runs the pipeline on `documents` and reports what each rule did. Synchronous; for large
 * inputs call it in a worker and forward `onProgress`.
 */
export function curate(
  documents: readonly string[],
  options: CurationOptions,
  onProgress?: CurationProgress,
): CurationReport {
  const started = performance.now();
  const survivors: Survivors = {
    indices: documents.map((_, i) => i),
    texts: [...documents],
    lengths: documents.map(countCodePoints),
  };
  const before = sizeOf(survivors);
  const cost = (name: RuleName): number =>
    !options.rules[name].enabled ? 0 : name === 'nearDuplicates' ? NEAR_DEDUP_WEIGHT : 1;
  const totalCost = CURATION_RULES.reduce((sum, rule) => sum + cost(rule.name), 0) || 1;
  let costDone = 0;
  const rules: RuleReport[] = [];
  /** Runs one rule (when enabled) and records the corpus size after it. */
  const run = (name: RuleName, apply: (report: RuleReport) => void): void => {
    const report = startReport(name, options, sizeOf(survivors));
    if (report.enabled) {
      onProgress?.(costDone / totalCost, name);
      apply(report);
      costDone += cost(name);
    }
    const size = sizeOf(survivors);
    report.documentsAfter = size.documents;
    report.charactersAfter = size.characters;
    rules.push(report);
  };

  for (const name of CLEANER_ORDER) {
    run(name, (report) =>
      applyCleaner(survivors, CLEANERS[name].clean, report, options.examplesPerRule),
    );
  }
  const emptyAfterCleaning = retain(
    survivors,
    (i) => (survivors.texts[i] ?? '').trim() !== '',
  ).length;
  for (const name of FILTER_ORDER) {
    run(name, (report) =>
      applyFilter(survivors, name, thresholdOf(options, name), report, options.examplesPerRule),
    );
  }

  const clusters: DuplicateCluster[] = [];
  run('exactDuplicates', (report) => {
    clusters.push(...applyDedup(survivors, findExactDuplicates(survivors.texts), report, options));
  });
  // With duplicates kept, compare only one copy of each exact cluster.
  const exactCopies = new Set(clusters.flatMap((c) => c.members.slice(1)));
  run('nearDuplicates', (report) => {
    const candidates = retainView(survivors, (i) => !exactCopies.has(survivors.indices[i] ?? -1));
    const near = findNearDuplicates(
      candidates.texts,
      {
        threshold: thresholdOf(options, 'nearDuplicates'),
        shingleSize: options.shingleSize,
        hashes: options.minHashes,
        seed: options.seed,
      },
      (fraction) =>
        onProgress?.((costDone + fraction * NEAR_DEDUP_WEIGHT) / totalCost, 'nearDuplicates'),
    );
    const positions = near.map((cluster) => ({
      ...cluster,
      representative: candidates.positions[cluster.representative] ?? 0,
      members: cluster.members.map((m) => candidates.positions[m] ?? 0),
    }));
    clusters.push(...applyDedup(survivors, positions, report, options));
  });
  onProgress?.(1, 'done');

  const sets = new UnionFind(documents.length);
  for (const cluster of clusters) {
    for (const member of cluster.members) sets.union(cluster.representative, member);
  }
  return {
    documents: [...survivors.texts],
    sourceIndices: [...survivors.indices],
    groups: survivors.indices.map((index) => sets.find(index)),
    before,
    after: sizeOf(survivors),
    rules,
    emptyAfterCleaning,
    clusters,
    exactDuplicates: countDuplicates(clusters, 'exact'),
    nearDuplicates: countDuplicates(clusters, 'near'),
    milliseconds: performance.now() - started,
  };
}

/** The survivors at positions where `keep` is true, without changing the survivors. */
function retainView(
  survivors: Survivors,
  keep: (position: number) => boolean,
): { texts: string[]; positions: number[] } {
  const texts: string[] = [];
  const positions: number[] = [];
  survivors.texts.forEach((text, position) => {
    if (!keep(position)) return;
    texts.push(text);
    positions.push(position);
  });
  return { texts, positions };
}

function countDuplicates(clusters: DuplicateCluster[], kind: DuplicateCluster['kind']): number {
  return clusters
    .filter((cluster) => cluster.kind === kind)
    .reduce((sum, cluster) => sum + cluster.members.length - 1, 0);
}
