/**
 * Curation in one import: cleaning, quality filters, deduplication, the pipeline and its
 * report, the document split, and reading uploaded files into documents.
 */
export { CLEANERS, CLEANER_ORDER, type CleanerName, type CleanerSpec } from './clean';
export { curate, type CurationProgress } from './curate';
export {
  findExactDuplicates,
  findNearDuplicates,
  normaliseForHash,
  type DuplicateCluster,
  type NearDuplicateOptions,
} from './dedup';
export {
  MAX_UPLOAD_BYTES,
  decodeText,
  detectBinaryText,
  formatOfFile,
  parseDocuments,
  splitOnBlankLines,
  type DocumentFormat,
  type ParseOptions,
  type ParseResult,
} from './documents';
export {
  FILTERS,
  FILTER_ORDER,
  passesFilter,
  type FilterName,
  type FilterSpec,
  type ThresholdSpec,
} from './filters';
export type { CorpusSize, CurationReport, RuleExample, RuleReport } from './report';
export {
  CURATION_RULES,
  DEFAULT_CURATION,
  DEDUP_RULES,
  describeRule,
  thresholdOf,
  withRules,
  type CurationOptions,
  type DedupName,
  type RuleInfo,
  type RuleName,
  type RuleSetting,
  type RuleStage,
} from './rules';
export {
  groupIdsFromClusters,
  splitDocuments,
  VAL_FRACTION,
  DOCUMENT_SEPARATOR,
  type DocumentSplit,
} from './split';
export { countCodePoints } from './text';
