/**
 * The Class results table as plain data: one row per opened run, the best run, the order of a
 * sorted column, the settings a run changed compared with the set-up most runs share (in
 * words), and the colour of each run's curve. No React.
 */
import type { ClassRun } from '../../app/class-results';
import { setupWithConfig } from '../../app/run-file';
import { DEFAULT_SETUP, setupDifferences, type Setup } from '../../app/setup/setup';
import { BACKEND_LABELS, isBackendName } from '../../config/backends';
import { CONTROLS, readField } from '../../config/controls';

/** A sortable column of the table. */
export type ClassColumn =
  | 'name'
  | 'finalValLoss'
  | 'bestValLoss'
  | 'tokensSeen'
  | 'trainingMs'
  | 'tokensPerSec'
  | 'backend';

/** Ascending or descending. */
export type SortDirection = 'ascending' | 'descending';

/** How the table is sorted. */
export interface ClassSort {
  column: ClassColumn;
  direction: SortDirection;
}

/** One row of the table. */
export interface ClassRow {
  run: ClassRun;
  finalValLoss: number | null;
  bestValLoss: number | null;
  tokensSeen: number;
  trainingMs: number;
  tokensPerSec: number;
  /** The backend in words, e.g. "WebAssembly · 4 threads". */
  backend: string;
  /** Settings that differ from the reference run's, e.g. "Learning rate 0.01". */
  differences: string[];
}

/**
 * Colours for up to ten runs, told apart on a projector (Tableau 10, darkened a little for
 * contrast on white); more runs reuse them in order.
 */
const CLASS_COLOURS = [
  '#2f6db5',
  '#e0701b',
  '#2e9a48',
  '#c9302c',
  '#7c57b3',
  '#8a5a44',
  '#d25fa8',
  '#5f6670',
  '#9a9a1e',
  '#1a9fb3',
];

/** The colour of a run's curve and swatch. */
export function classColour(run: Pick<ClassRun, 'colourIndex'>): string {
  return CLASS_COLOURS[run.colourIndex % CLASS_COLOURS.length] ?? '#334155';
}

/** The run with the lowest final validation loss (null if none has one). */
export function bestRun(runs: readonly ClassRun[]): ClassRun | null {
  let best: ClassRun | null = null;
  for (const run of runs) {
    const loss = run.file.final.valLoss;
    if (loss === null) continue;
    const bestLoss = best?.file.final.valLoss;
    if (bestLoss === undefined || bestLoss === null || loss < bestLoss) best = run;
  }
  return best;
}

/** The set-up a run was built from; a run from a checkpoint gets `reference`'s data settings. */
function comparableSetup(run: ClassRun, reference: Setup): Setup {
  return run.file.setup ?? setupWithConfig(run.file.config, reference);
}

/**
 * The names of the settings `a` differs from `b` in. A run from a checkpoint carries only its
 * model and training settings: it borrows the other run's data settings, so only those compare.
 */
function differencesBetween(a: ClassRun, b: ClassRun): string[] {
  const theirs = comparableSetup(b, a.file.setup ?? DEFAULT_SETUP);
  return setupDifferences(comparableSetup(a, theirs), theirs);
}

/** The run the table compares the others with, and how many runs (itself included) share its set-up. */
export interface ClassReference {
  run: ClassRun;
  alike: number;
}

/**
 * The run whose set-up most runs share (the class's common set-up), so that each other row
 * says what its learner changed; on a tie, the first opened. Null when no run is open.
 */
export function referenceRun(runs: readonly ClassRun[]): ClassReference | null {
  let reference: ClassReference | null = null;
  for (const run of runs) {
    const alike = runs.filter(
      (other) =>
        other.file.corpusName === run.file.corpusName &&
        differencesBetween(other, run).length === 0,
    ).length;
    if (reference === null || alike > reference.alike) reference = { run, alike };
  }
  return reference;
}

function shortNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** The settings `run` changed compared with `reference`, in words with `run`'s values. */
export function describeDifferences(run: ClassRun, reference: ClassRun): string[] {
  if (run === reference) return [];
  const mine = comparableSetup(run, comparableSetup(reference, DEFAULT_SETUP));
  const words: string[] = [];
  if (run.file.corpusName !== reference.file.corpusName) {
    words.push(`Corpus: ${run.file.corpusName}`);
  }
  for (const name of differencesBetween(run, reference)) {
    if (name === 'corpus') continue; // said above, by name
    if (name === 'curation') words.push('Curation rules');
    else if (name === 'tokenizer') words.push(`Tokenizer: ${mine.tokenizer.kind}`);
    else if (name === 'vocabulary') words.push(`Vocabulary ${mine.tokenizer.vocabSize}`);
    else if (name === 'objective') words.push(`Objective: ${mine.config.training.objective}`);
    else {
      const control = CONTROLS.find((c) => c.field.endsWith(`.${name}`));
      words.push(
        control === undefined
          ? name
          : `${control.label} ${shortNumber(readField(mine.config, control.field))}`,
      );
    }
  }
  return words;
}

function backendWords(run: ClassRun): string {
  const backend = run.file.backend;
  if (backend === null) return '–';
  const name = isBackendName(backend.name) ? BACKEND_LABELS[backend.name] : backend.name;
  if (backend.wasmThreads !== null && backend.wasmThreads > 1) {
    return `${name} · ${backend.wasmThreads} threads`;
  }
  return backend.adapter === null ? name : `${name} · ${backend.adapter}`;
}

/** The rows of `runs`, in opening order, each compared with `reference`. */
export function classRows(runs: readonly ClassRun[], reference: ClassRun | null): ClassRow[] {
  return runs.map((run) => ({
    run,
    finalValLoss: run.file.final.valLoss,
    bestValLoss: run.file.final.bestValLoss,
    tokensSeen: run.file.final.tokensSeen,
    trainingMs: run.file.trainingMs,
    tokensPerSec: run.file.tokensPerSec,
    backend: backendWords(run),
    differences: reference === null ? [] : describeDifferences(run, reference),
  }));
}

/** The rows sorted by a column; rows without a value come last either way. */
export function sortRows(rows: readonly ClassRow[], sort: ClassSort): ClassRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const valueOf = (row: ClassRow): number | string | null =>
    sort.column === 'name' ? row.run.name : row[sort.column];
  return rows.slice().sort((a, b) => {
    const left = valueOf(a);
    const right = valueOf(b);
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    if (typeof left === 'string' || typeof right === 'string') {
      return sign * String(left).localeCompare(String(right), 'en', { numeric: true });
    }
    return sign * (left - right);
  });
}

/**
 * A warning when losses are not on one scale: runs with different objectives, or different
 * tokenizers (a loss per character token is not a loss per word-piece token).
 */
export function comparabilityNote(runs: readonly ClassRun[]): string | null {
  const objectives = new Set(runs.map((run) => run.file.objective));
  const tokenizers = new Set(
    runs.map((run) => (run.file.setup === null ? null : run.file.setup.tokenizer.kind)),
  );
  tokenizers.delete(null);
  if (objectives.size > 1) {
    return 'Some runs predict the next token and others fill in masked ones: their losses are not on the same scale.';
  }
  if (tokenizers.size > 1) {
    return 'These runs use different tokenizers: a loss per character is not a loss per word piece, so compare them with care.';
  }
  return null;
}
