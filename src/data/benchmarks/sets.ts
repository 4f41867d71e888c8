/**
 * The benchmark sets the playground tracks during training, generated from a run's held-out
 * text: one multiple-choice set and one cloze set. Same text and seed ⇒ same sets.
 */
import type { ClozeOptions } from './cloze';
import { DEFAULT_CLOZE, generateClozeItems } from './cloze';
import type { MultipleChoiceOptions } from './multipleChoice';
import { DEFAULT_MULTIPLE_CHOICE, generateMultipleChoiceItems } from './multipleChoice';
import type { BenchmarkSet } from './types';

/** Options for both sets (any field left out takes its default). */
export interface BenchmarkSetOptions {
  multipleChoice?: Partial<Omit<MultipleChoiceOptions, 'seed'>>;
  cloze?: Partial<Omit<ClozeOptions, 'seed'>>;
}

/** Builds the multiple-choice and cloze sets for held-out text (empty sets when it is too short). */
export function generateBenchmarkSets(
  heldOutText: string,
  seed: number,
  options: BenchmarkSetOptions = {},
): BenchmarkSet[] {
  const multipleChoice = { ...DEFAULT_MULTIPLE_CHOICE, ...options.multipleChoice, seed };
  const cloze = { ...DEFAULT_CLOZE, ...options.cloze, seed };
  return [
    {
      kind: 'multiple-choice',
      name: `Multiple choice (${multipleChoice.choices} continuations)`,
      items: generateMultipleChoiceItems(heldOutText, multipleChoice),
    },
    {
      kind: 'cloze',
      name: `Cloze (${cloze.choices} words)`,
      items: generateClozeItems(heldOutText, cloze),
    },
  ];
}
