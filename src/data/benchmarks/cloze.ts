/**
 * Cloze items generated from held-out text: a passage with one word taken out, the true word and
 * distractor words of the same character length drawn from the text's own vocabulary (as often
 * as they occur in it), written in the true word's case. Equal lengths let both objectives score
 * the candidates: a masked model fills the same number of [MASK]s for each. Same text and seed
 * ⇒ same items.
 */
import { createRng, deriveSeed, randomInt } from '../../shared/rng';
import type { BenchmarkItem } from './types';

/** How to cut cloze items out of a text (lengths in characters, i.e. UTF-16 units). */
export interface ClozeOptions {
  seed: number;
  /** Number of items wanted (fewer come back when the text is too short or its words too few). */
  count: number;
  /** Characters of the whole passage: text before + the word + text after. */
  windowChars: number;
  /** Candidates per item, the true word included (chance is 1/choices). */
  choices: number;
  /** Shortest word to blank out (short words have few same-length distractors). */
  minWordLength: number;
}

/** Defaults that fit the playground's presets. */
export const DEFAULT_CLOZE: Omit<ClozeOptions, 'seed'> = {
  count: 20,
  windowChars: 64,
  choices: 4,
  minWordLength: 3,
};

const MAX_ATTEMPTS_PER_ITEM = 50;

/** A word of the text and where it starts. */
interface WordOccurrence {
  word: string;
  index: number;
}

/** Every maximal run of letters in the text, with its offset. */
export function findWords(text: string): WordOccurrence[] {
  return Array.from(text.matchAll(/\p{L}+/gu), (match) => ({ word: match[0], index: match.index }));
}

/** Writes `word` in the case pattern of `model`: UPPER, Capitalised or lower. */
export function matchCase(word: string, model: string): string {
  const lower = word.toLowerCase();
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) {
    return lower.toUpperCase();
  }
  const first = model.charAt(0);
  if (first !== first.toLowerCase()) return lower.charAt(0).toUpperCase() + lower.slice(1);
  return lower;
}

/** Generates cloze items from held-out text, reproducibly for a seed. */
export function generateClozeItems(text: string, options: ClozeOptions): BenchmarkItem[] {
  const { count, windowChars, choices, minWordLength } = options;
  if (choices < 2) return [];
  const rng = createRng(deriveSeed(options.seed, 'benchmark-cloze'));
  const words = findWords(text);
  // Occurrences by length, lower-cased: drawing one picks a word as often as the text uses it.
  const byLength = new Map<number, string[]>();
  for (const { word } of words) {
    const list = byLength.get(word.length) ?? [];
    list.push(word.toLowerCase());
    byLength.set(word.length, list);
  }
  const blanks = words.filter(({ word, index }) => {
    const room = windowChars - word.length;
    const before = Math.ceil(room / 2);
    return (
      word.length >= minWordLength &&
      room >= 2 &&
      index - before >= 0 &&
      index + word.length + (room - before) <= text.length
    );
  });
  const items: BenchmarkItem[] = [];
  const used = new Set<number>();
  const maxAttempts = count * MAX_ATTEMPTS_PER_ITEM;
  for (let attempt = 0; attempt < maxAttempts && items.length < count; attempt++) {
    if (blanks.length === 0) break;
    const pick = randomInt(rng, blanks.length);
    const blank = blanks[pick];
    if (!blank || used.has(pick)) continue;
    used.add(pick);
    const { word, index } = blank;
    const pool = byLength.get(word.length) ?? [];
    const truth = word.toLowerCase();
    const distractors = new Set<string>();
    for (let tries = 0; tries < MAX_ATTEMPTS_PER_ITEM && distractors.size < choices - 1; tries++) {
      const other = matchCase(pool[randomInt(rng, pool.length)] ?? truth, word);
      // Case changes can change a length (ß → SS): keep only true same-length alternatives.
      if (other.toLowerCase() !== truth && other.length === word.length) distractors.add(other);
    }
    if (distractors.size < choices - 1) continue; // degenerate: too few words of this length
    const candidates = [...distractors];
    const answer = randomInt(rng, choices);
    candidates.splice(answer, 0, word);
    const room = windowChars - word.length;
    const beforeChars = Math.ceil(room / 2);
    const end = index + word.length;
    items.push({
      id: items.length,
      before: text.slice(index - beforeChars, index),
      after: text.slice(end, end + room - beforeChars),
      candidates,
      answer,
    });
  }
  return items;
}
