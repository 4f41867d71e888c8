/**
 * Quality filters: each measures one number on a document and keeps the document when the
 * number is on the right side of a threshold the learner can move.
 */
import { ENGLISH_STOPWORDS } from './stopwords';
import {
  classify,
  codePointAt,
  countCodePoints,
  IS_LATIN,
  IS_LETTER,
  IS_SPACE,
  lowerWords,
} from './text';

/** The name of a quality filter. */
export type FilterName =
  | 'minLength'
  | 'maxLength'
  | 'alphaFraction'
  | 'repeatedLines'
  | 'charRun'
  | 'wordRun'
  | 'latinScript'
  | 'stopwords';

/** The range of a threshold control. */
export interface ThresholdSpec {
  /** What the number means, for the control's label. */
  label: string;
  min: number;
  max: number;
  step: number;
  /** The default value. */
  value: number;
}

/** A filter and what the UI says about it. */
export interface FilterSpec {
  /** Short label for the control. */
  label: string;
  /** One sentence on what it removes and why. */
  description: string;
  /** `atLeast`: keep documents whose measure ≥ threshold; `atMost`: keep those ≤ threshold. */
  keep: 'atLeast' | 'atMost';
  /** The threshold control. */
  threshold: ThresholdSpec;
  /** Whether the filter is on by default. */
  enabledByDefault: boolean;
  /** The number the threshold is compared with. */
  measure(text: string): number;
}

/** Share of non-space characters that are letters (0 for an empty document). */
export function measureAlphaFraction(text: string): number {
  let letters = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = codePointAt(text, i);
    if (codePoint > 0xffff) i += 1;
    const bits = classify(codePoint);
    if (bits & IS_SPACE) continue;
    visible += 1;
    if (bits & IS_LETTER) letters += 1;
  }
  return visible === 0 ? 0 : letters / visible;
}

/** Share of non-empty lines that repeat an earlier line of the same document. */
export function measureRepeatedLines(text: string): number {
  const seen = new Set<string>();
  let lines = 0;
  let repeated = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    lines += 1;
    if (seen.has(line)) repeated += 1;
    else seen.add(line);
  }
  return lines === 0 ? 0 : repeated / lines;
}

/** Characters people repeat for layout (separator lines, ellipses, underlines), not as content. */
const LAYOUT_CHARACTERS = new Set(
  ['-', '_', '=', '*', '~', '#', '.', '+'].map((c) => c.charCodeAt(0)),
);

/**
 * Length of the longest run of one repeated character ("FREE!!!!!" → 5), ignoring spaces and
 * layout characters (separator lines such as "-----" or "_____").
 */
export function measureCharRun(text: string): number {
  let longest = 0;
  let run = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const codePoint = codePointAt(text, i);
    if (codePoint > 0xffff) i += 1;
    if (classify(codePoint) & IS_SPACE || LAYOUT_CHARACTERS.has(codePoint)) {
      run = 0;
      previous = -1;
      continue;
    }
    run = codePoint === previous ? run + 1 : 1;
    previous = codePoint;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Length of the longest run of one word repeated back to back ("buy buy buy" → 3). */
export function measureWordRun(text: string): number {
  let longest = 0;
  let run = 0;
  let previous = '';
  for (const word of lowerWords(text)) {
    run = word === previous ? run + 1 : 1;
    previous = word;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Share of letters that are Latin-script letters (1 when there are no letters at all). */
export function measureLatinScript(text: string): number {
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = codePointAt(text, i);
    if (codePoint > 0xffff) i += 1;
    const bits = classify(codePoint);
    if (!(bits & IS_LETTER)) continue;
    letters += 1;
    if (bits & IS_LATIN) latin += 1;
  }
  return letters === 0 ? 1 : latin / letters;
}

/** Share of words that are common English function words ("the", "of", "and" …). */
export function measureStopwords(text: string): number {
  const words = lowerWords(text);
  if (words.length === 0) return 0;
  let stop = 0;
  for (const word of words) if (ENGLISH_STOPWORDS.has(word)) stop += 1;
  return stop / words.length;
}

/** Every quality filter, in the order the pipeline applies them. */
export const FILTERS: Record<FilterName, FilterSpec> = {
  minLength: {
    label: 'Minimum length',
    description: 'Removes documents too short to teach anything: titles, signatures, stray lines.',
    keep: 'atLeast',
    threshold: { label: 'characters', min: 0, max: 2000, step: 10, value: 50 },
    enabledByDefault: true,
    measure: countCodePoints,
  },
  maxLength: {
    label: 'Maximum length',
    description:
      'Removes huge documents (dumps, logs, attachments) that would dominate the corpus.',
    keep: 'atMost',
    threshold: { label: 'characters', min: 1000, max: 1_000_000, step: 1000, value: 100_000 },
    enabledByDefault: true,
    measure: countCodePoints,
  },
  alphaFraction: {
    label: 'Letters share',
    description:
      'Removes documents that are mostly digits, symbols or encoded data rather than words.',
    keep: 'atLeast',
    threshold: { label: 'share of letters', min: 0, max: 1, step: 0.05, value: 0.6 },
    enabledByDefault: true,
    measure: measureAlphaFraction,
  },
  repeatedLines: {
    label: 'Repeated lines',
    description:
      'Removes documents in which many lines repeat (boilerplate, lists, spam templates).',
    keep: 'atMost',
    threshold: { label: 'share of repeated lines', min: 0, max: 1, step: 0.05, value: 0.3 },
    enabledByDefault: true,
    measure: measureRepeatedLines,
  },
  charRun: {
    label: 'Character runs',
    description:
      'Removes documents with a long run of one character, like "FREE!!!!!!!!!!" or "zzzzzzzzzz" (separator lines such as "-----" are ignored).',
    keep: 'atMost',
    threshold: { label: 'longest run', min: 2, max: 200, step: 1, value: 20 },
    enabledByDefault: true,
    measure: measureCharRun,
  },
  wordRun: {
    label: 'Word runs',
    description: 'Removes documents that repeat one word many times in a row, like "buy buy buy".',
    keep: 'atMost',
    threshold: { label: 'longest run', min: 2, max: 50, step: 1, value: 5 },
    enabledByDefault: true,
    measure: measureWordRun,
  },
  latinScript: {
    label: 'Latin script',
    description:
      'Keeps documents written mostly in the Latin alphabet, a cheap stand-in for language identification.',
    keep: 'atLeast',
    threshold: { label: 'share of Latin letters', min: 0, max: 1, step: 0.05, value: 0.6 },
    enabledByDefault: true,
    measure: measureLatinScript,
  },
  stopwords: {
    label: 'English stopwords',
    description:
      'Keeps documents with enough English function words ("the", "of", "and"): prose rather than lists or code.',
    keep: 'atLeast',
    threshold: { label: 'share of stopwords', min: 0, max: 0.6, step: 0.01, value: 0.1 },
    enabledByDefault: false,
    measure: measureStopwords,
  },
};

/** The filters' names in the order the pipeline applies them. */
export const FILTER_ORDER: readonly FilterName[] = [
  'minLength',
  'maxLength',
  'alphaFraction',
  'repeatedLines',
  'charRun',
  'wordRun',
  'latinScript',
  'stopwords',
];

/** Whether a measured value passes a filter at this threshold. */
export function passesFilter(spec: FilterSpec, value: number, threshold: number): boolean {
  return spec.keep === 'atLeast' ? value >= threshold : value <= threshold;
}
