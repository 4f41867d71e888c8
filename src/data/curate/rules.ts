/**
 * The curation rules in one registry (cleaners, quality filters, deduplication), with the
 * metadata the UI renders controls from, and the curation options with their defaults.
 */
import type { CleanerName } from './clean';
import { CLEANER_ORDER, CLEANERS } from './clean';
import type { FilterName, ThresholdSpec } from './filters';
import { FILTER_ORDER, FILTERS } from './filters';

/** The name of a deduplication rule. */
export type DedupName = 'exactDuplicates' | 'nearDuplicates';

/** The name of any curation rule. */
export type RuleName = CleanerName | FilterName | DedupName;

/** Which step of the pipeline a rule belongs to. */
export type RuleStage = 'clean' | 'filter' | 'dedup';

/** What the UI shows for one rule. */
export interface RuleInfo {
  name: RuleName;
  stage: RuleStage;
  /** Short label for the control. */
  label: string;
  /** One sentence on what it does and why. */
  description: string;
  /** Whether the rule is on by default. */
  enabledByDefault: boolean;
  /** The threshold control, for rules that have one. */
  threshold: ThresholdSpec | null;
}

/** Whether a rule is on, and its threshold (rules without one ignore it). */
export interface RuleSetting {
  enabled: boolean;
  /** Defaults to the rule's default threshold when left out. */
  threshold?: number;
}

/** Everything curation can be told. */
export interface CurationOptions {
  /** One setting per rule. */
  rules: Record<RuleName, RuleSetting>;
  /** Words per shingle for near-duplicate detection. */
  shingleSize: number;
  /** Hash functions per MinHash signature. */
  minHashes: number;
  /** Report duplicates but keep them (the split then keeps each cluster on one side). */
  keepDuplicates: boolean;
  /** Examples kept per rule for the report. */
  examplesPerRule: number;
  /** Seed of the MinHash functions. */
  seed: number;
}

/** The deduplication rules and their metadata. */
export const DEDUP_RULES: Record<DedupName, Omit<RuleInfo, 'name' | 'stage'>> = {
  exactDuplicates: {
    label: 'Exact duplicates',
    description:
      'Keeps one copy of documents whose text is identical once case and spacing are ignored.',
    enabledByDefault: true,
    threshold: null,
  },
  nearDuplicates: {
    label: 'Near duplicates',
    description:
      'Keeps one document of each group that shares most of its word sequences (MinHash + LSH over 3-word shingles).',
    enabledByDefault: true,
    threshold: { label: 'Jaccard similarity', min: 0.3, max: 1, step: 0.05, value: 0.7 },
  },
};

/** Every rule in pipeline order: cleaners, then filters, then deduplication. */
export const CURATION_RULES: readonly RuleInfo[] = [
  ...CLEANER_ORDER.map((name): RuleInfo => ({
    name,
    stage: 'clean',
    label: CLEANERS[name].label,
    description: CLEANERS[name].description,
    enabledByDefault: CLEANERS[name].enabledByDefault,
    threshold: null,
  })),
  ...FILTER_ORDER.map((name): RuleInfo => ({
    name,
    stage: 'filter',
    label: FILTERS[name].label,
    description: FILTERS[name].description,
    enabledByDefault: FILTERS[name].enabledByDefault,
    threshold: FILTERS[name].threshold,
  })),
  { name: 'exactDuplicates', stage: 'dedup', ...DEDUP_RULES.exactDuplicates },
  { name: 'nearDuplicates', stage: 'dedup', ...DEDUP_RULES.nearDuplicates },
];

/** Looks a rule up by name. */
export function describeRule(name: RuleName): RuleInfo {
  const info = CURATION_RULES.find((rule) => rule.name === name);
  if (!info) throw new Error(`Unknown curation rule '${name}'.`);
  return info;
}

/** The threshold a setting asks for, or the rule's default. */
export function thresholdOf(options: CurationOptions, name: RuleName): number {
  return options.rules[name].threshold ?? describeRule(name).threshold?.value ?? 0;
}

function cleanerDefault(name: CleanerName): RuleSetting {
  return { enabled: CLEANERS[name].enabledByDefault };
}

function filterDefault(name: FilterName): RuleSetting {
  return { enabled: FILTERS[name].enabledByDefault, threshold: FILTERS[name].threshold.value };
}

function dedupDefault(name: DedupName): RuleSetting {
  const { enabledByDefault, threshold } = DEDUP_RULES[name];
  return threshold
    ? { enabled: enabledByDefault, threshold: threshold.value }
    : { enabled: enabledByDefault };
}

/** The default curation: every cleaner but lower-casing, every filter but stopwords, both dedups. */
export const DEFAULT_CURATION: Readonly<CurationOptions> = {
  rules: {
    unicode: cleanerDefault('unicode'),
    mail: cleanerDefault('mail'),
    webBoilerplate: cleanerDefault('webBoilerplate'),
    markup: cleanerDefault('markup'),
    runningHeaders: cleanerDefault('runningHeaders'),
    pageNumbers: cleanerDefault('pageNumbers'),
    hyphenation: cleanerDefault('hyphenation'),
    controlChars: cleanerDefault('controlChars'),
    whitespace: cleanerDefault('whitespace'),
    lowercase: cleanerDefault('lowercase'),
    minLength: filterDefault('minLength'),
    maxLength: filterDefault('maxLength'),
    alphaFraction: filterDefault('alphaFraction'),
    repeatedLines: filterDefault('repeatedLines'),
    charRun: filterDefault('charRun'),
    wordRun: filterDefault('wordRun'),
    latinScript: filterDefault('latinScript'),
    stopwords: filterDefault('stopwords'),
    exactDuplicates: dedupDefault('exactDuplicates'),
    nearDuplicates: dedupDefault('nearDuplicates'),
  },
  shingleSize: 3,
  minHashes: 128,
  keepDuplicates: false,
  examplesPerRule: 5,
  seed: 1337,
};

/** Default options with some rules changed, e.g. `withRules({ lowercase: { enabled: true } })`. */
export function withRules(
  changes: Partial<Record<RuleName, RuleSetting>>,
  base: Readonly<CurationOptions> = DEFAULT_CURATION,
): CurationOptions {
  const rules = { ...base.rules };
  for (const rule of CURATION_RULES) {
    const change = changes[rule.name];
    if (change) rules[rule.name] = { ...rules[rule.name], ...change };
  }
  return { ...base, rules };
}
