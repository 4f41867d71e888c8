/**
 * Curation for the UI: runs the pipeline and trims its report to what the page shows — counts,
 * a few examples per rule, and the largest duplicate clusters with the start of each member.
 */
import type { CurationOptions, CurationProgress, DuplicateCluster } from '../../data/curate';
import { CLEANER_ORDER, CLEANERS, curate } from '../../data/curate';
import { snippet } from '../../data/curate/text';
import type { ClusterView, CurationSummary } from './protocol';

/** Clusters listed in the report (the largest ones). */
export const CLUSTERS_SHOWN = 20;

/** Members listed per cluster. */
export const MEMBERS_SHOWN = 5;

/** The text of a document as deduplication saw it: after the enabled cleaners. */
function cleaned(text: string, options: CurationOptions): string {
  let out = text;
  for (const name of CLEANER_ORDER) {
    if (options.rules[name].enabled) out = CLEANERS[name].clean(out);
  }
  return out;
}

/** The largest clusters (ties: first found first), each with its first members' snippets. */
export function describeClusters(
  clusters: readonly DuplicateCluster[],
  documents: readonly string[],
  options: CurationOptions,
): ClusterView[] {
  return clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.members.length - a.cluster.members.length || a.order - b.order)
    .slice(0, CLUSTERS_SHOWN)
    .map(({ cluster }) => ({
      kind: cluster.kind,
      size: cluster.members.length,
      members: cluster.members.slice(0, MEMBERS_SHOWN).map((index, i) => ({
        index,
        snippet: snippet(cleaned(documents[index] ?? '', options)),
        similarity: cluster.similarity[i] ?? 0,
      })),
    }));
}

/**
 * Curates `documents`: the kept documents with their duplicate-cluster ids (for the split), and
 * the report summarised for the UI (its split is filled in by the caller).
 */
export function curateForDisplay(
  documents: readonly string[],
  options: CurationOptions,
  onProgress?: CurationProgress,
): { summary: Omit<CurationSummary, 'split'>; kept: string[]; groups: number[] } {
  const report = curate(documents, options, onProgress);
  const summary = {
    before: report.before,
    after: report.after,
    rules: report.rules,
    emptyAfterCleaning: report.emptyAfterCleaning,
    exactDuplicates: report.exactDuplicates,
    nearDuplicates: report.nearDuplicates,
    clusterCount: report.clusters.length,
    clusters: describeClusters(report.clusters, documents, options),
    milliseconds: report.milliseconds,
  };
  return { summary, kept: report.documents, groups: report.groups };
}
