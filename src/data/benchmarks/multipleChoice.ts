/**
 * Multiple-choice items generated from held-out text, the way HellaSwag-style benchmarks are
 * scored: a context, its true continuation, and distractor continuations of the same length
 * taken from elsewhere in the text. Every continuation starts at the beginning of a word, so
 * the model has to judge what fits, not where a cut falls. Same text and seed ⇒ same items.
 */
import { createRng, deriveSeed, randomInt } from '../../shared/rng';
import type { BenchmarkItem } from './types';

/** How to cut multiple-choice items out of a text (lengths in characters, i.e. UTF-16 units). */
export interface MultipleChoiceOptions {
  seed: number;
  /** Number of items wanted (fewer come back when the text is too short or repetitive). */
  count: number;
  /** Characters of context before the gap. */
  contextChars: number;
  /** Characters of every continuation. */
  continuationChars: number;
  /** Candidates per item, the true one included (chance is 1/choices). */
  choices: number;
}

/** Defaults that fit the playground's presets (context 32–64 tokens with a char tokenizer). */
export const DEFAULT_MULTIPLE_CHOICE: Omit<MultipleChoiceOptions, 'seed'> = {
  count: 20,
  contextChars: 64,
  continuationChars: 16,
  choices: 4,
};

const MAX_ATTEMPTS_PER_ITEM = 50;

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Offsets where a word begins: a non-space after a space (or at the start of the text). */
export function findWordStarts(text: string): Int32Array {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || isLowSurrogate(code)) continue;
    if (i === 0 || isSpace(text.charCodeAt(i - 1))) starts.push(i);
  }
  return Int32Array.from(starts);
}

/** Generates multiple-choice items from held-out text, reproducibly for a seed. */
export function generateMultipleChoiceItems(
  text: string,
  options: MultipleChoiceOptions,
): BenchmarkItem[] {
  const { count, contextChars, continuationChars: m, choices } = options;
  if (choices < 2 || m < 1 || contextChars < 1) return [];
  const rng = createRng(deriveSeed(options.seed, 'benchmark-multiple-choice'));
  const starts = findWordStarts(text);
  // A continuation must end on a code-point boundary and inside the text.
  const fits = (s: number): boolean =>
    s + m <= text.length && !isLowSurrogate(text.charCodeAt(s + m));
  const truthStarts = Array.from(starts).filter((s) => s >= contextChars && fits(s));
  const distractorStarts = Array.from(starts).filter(fits);
  const items: BenchmarkItem[] = [];
  const used = new Set<number>();
  const maxAttempts = count * MAX_ATTEMPTS_PER_ITEM;
  for (let attempt = 0; attempt < maxAttempts && items.length < count; attempt++) {
    if (truthStarts.length === 0) break;
    const s = truthStarts[randomInt(rng, truthStarts.length)] ?? 0;
    if (used.has(s)) continue;
    used.add(s);
    const truth = text.slice(s, s + m);
    const distractors = new Set<string>();
    for (let tries = 0; tries < MAX_ATTEMPTS_PER_ITEM && distractors.size < choices - 1; tries++) {
      const q = distractorStarts[randomInt(rng, distractorStarts.length)] ?? 0;
      // Not from this item's own context or continuation.
      if (q + m > s - contextChars && q < s + m) continue;
      const candidate = text.slice(q, q + m);
      if (candidate !== truth) distractors.add(candidate);
    }
    if (distractors.size < choices - 1) continue; // degenerate: too few distinct distractors
    const candidates = [...distractors];
    const answer = randomInt(rng, choices);
    candidates.splice(answer, 0, truth);
    items.push({
      id: items.length,
      before: text.slice(s - contextChars, s),
      after: '',
      candidates,
      answer,
    });
  }
  return items;
}
