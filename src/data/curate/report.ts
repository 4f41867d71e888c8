/**
 * What curation reports: the corpus before and after, what each rule did (with examples the
 * learner can expand), and the duplicate clusters found.
 */
import type { DuplicateCluster } from './dedup';
import type { RuleName, RuleStage } from './rules';

/** A document a rule removed or changed. */
export interface RuleExample {
  /** Index of the document in the input. */
  index: number;
  /** A short excerpt: the start of a removed document, or where a cleaner changed it. */
  snippet: string;
  /** For cleaners: the same excerpt after cleaning. */
  after?: string;
  /** For filters: the measured value that failed the threshold. */
  value?: number;
  /** For deduplication: the index of the document kept instead. */
  duplicateOf?: number;
}

/** What one rule did. */
export interface RuleReport {
  name: RuleName;
  stage: RuleStage;
  label: string;
  enabled: boolean;
  /** The threshold used, for rules that have one. */
  threshold: number | null;
  /** Documents before this rule (after the previous one, and after empty documents are dropped). */
  documentsBefore: number;
  /** Characters before this rule. */
  charactersBefore: number;
  /** Documents this rule removed (filters and deduplication). */
  documentsRemoved: number;
  /** Documents whose text this rule changed (cleaners). */
  documentsChanged: number;
  /** Characters (code points) this rule removed, net. */
  charactersRemoved: number;
  /** Documents left after this rule. */
  documentsAfter: number;
  /** Characters left after this rule. */
  charactersAfter: number;
  /** A few of the documents removed or changed. */
  examples: RuleExample[];
}

/** Size of a corpus. */
export interface CorpusSize {
  documents: number;
  /** Unicode code points. */
  characters: number;
}

/** The result of curation. */
export interface CurationReport {
  /** The documents kept, cleaned, in input order. */
  documents: string[];
  /** For each kept document, its index in the input. */
  sourceIndices: number[];
  /**
   * For each kept document, a group id shared by the members of one duplicate cluster (only
   * matters with `keepDuplicates`); pass it to `splitDocuments`.
   */
  groups: number[];
  before: CorpusSize;
  after: CorpusSize;
  /** One entry per rule, in pipeline order, disabled rules included. */
  rules: RuleReport[];
  /** Documents dropped between cleaning and filtering because nothing was left in them. */
  emptyAfterCleaning: number;
  /** Duplicate clusters, exact ones first, members as input indices. */
  clusters: DuplicateCluster[];
  /** Documents that exactly duplicate an earlier one. */
  exactDuplicates: number;
  /** Documents that nearly duplicate an earlier one (after exact deduplication). */
  nearDuplicates: number;
  /** Wall-clock time of the whole pipeline. */
  milliseconds: number;
}
