/**
 * Benchmark items and their graded results, as plain data: generated on either thread, scored
 * by the engine, shown by the UI. One shape serves both tasks: a candidate goes between
 * `before` and `after` (multiple choice leaves `after` empty; cloze fills a blank mid-sentence).
 */

/** The two benchmark tasks. */
export type BenchmarkKind = 'multiple-choice' | 'cloze';

/** One question: which candidate belongs between `before` and `after`? */
export interface BenchmarkItem {
  /** Index of the item in its set (stable for a text and seed). */
  id: number;
  /** Text before the gap: the context. */
  before: string;
  /** Text after the gap (empty for multiple choice). */
  after: string;
  /** The candidates, the true one among them, all of the same character length. */
  candidates: string[];
  /** Index of the true candidate in `candidates`. */
  answer: number;
}

/** A named, reproducible set of items of one kind. */
export interface BenchmarkSet {
  kind: BenchmarkKind;
  /** Short name for tables, e.g. `Multiple choice (4 options)`. */
  name: string;
  items: BenchmarkItem[];
}

/** How a model judged one item. */
export interface ItemResult {
  item: BenchmarkItem;
  /** Log-likelihood of each candidate (nats; higher is better). */
  scores: number[];
  /** The scores divided by the number of tokens scored for each candidate. */
  normalisedScores: number[];
  /** Index of the highest-scoring candidate (the first one on a tie). */
  chosen: number;
  /** Whether `chosen` is the answer. */
  correct: boolean;
  /** Credit towards accuracy: 1/t when the answer ties with t−1 others at the top, else 0 or 1. */
  credit: number;
}

/** A benchmark set graded for one model. */
export interface BenchmarkResult {
  kind: BenchmarkKind;
  name: string;
  /** Fraction of items answered correctly (ties share credit), in [0, 1]. */
  accuracy: number;
  /** The same with length-normalised scores (HellaSwag's `acc_norm`). */
  normalisedAccuracy: number;
  /** Accuracy of guessing: the mean of 1/(number of candidates). */
  chance: number;
  /** Every item with the model's scores and answer, for the UI to show a few. */
  items: ItemResult[];
}
