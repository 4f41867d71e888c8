/**
 * Synthetic documents for the deduplication and split tests: seeded pseudo-English, and
 * copies edited by a few words.
 */
import { createRng, randomInt, type Rng } from '../../src/shared/rng';

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at ' +
  'which but have an they you were her she there been one all we their has would when if ' +
  'whale ship sea captain water boat crew storm island harbour wind sail rope deck night ' +
  'morning voyage ocean wave fish harpoon oil mast anchor shore coast light dark cold warm ' +
  'house city street market garden river mountain forest village road bridge tower school ' +
  'letter book story voice music song dance paint colour stone iron glass bread wine salt ' +
  'quickly slowly quietly loudly always never often seldom together alone again almost ' +
  'walk run swim climb read write sing build break carry follow remember forget believe ' +
  'green heavy bright narrow ancient strange gentle sudden hollow silver golden wooden'
).split(' ');

/** A seeded random sentence stream. */
export function randomText(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[randomInt(rng, WORDS.length)] ?? 'the');
  return out.join(' ');
}

/** `text` with `edits` random word substitutions, insertions or deletions. */
export function editWords(text: string, edits: number, rng: Rng): string {
  const words = text.split(' ');
  for (let e = 0; e < edits; e++) {
    const at = randomInt(rng, words.length);
    const kind = randomInt(rng, 3);
    const word = `changed${randomInt(rng, 1000)}`;
    if (kind === 0) words[at] = word;
    else if (kind === 1) words.splice(at, 0, word);
    else words.splice(at, 1);
  }
  return words.join(' ');
}

/** Base documents, few-word edits of each (duplicates), and half-shared variants (not duplicates). */
export function labelledDocuments(
  count: number,
  seed = 7,
): { docs: string[]; base: number[]; edited: number[]; halfShared: number[] } {
  const rng = createRng(seed);
  const docs: string[] = [];
  const base: number[] = [];
  const edited: number[] = [];
  const halfShared: number[] = [];
  for (let i = 0; i < count; i++) {
    const length = 60 + randomInt(rng, 60);
    const text = randomText(rng, length);
    base.push(docs.push(text) - 1);
    edited.push(docs.push(editWords(text, 1 + randomInt(rng, 3), rng)) - 1);
    const words = text.split(' ');
    const half = words.slice(0, Math.floor(words.length / 2)).join(' ');
    halfShared.push(
      docs.push(`${half} ${randomText(rng, words.length - half.split(' ').length)}`) - 1,
    );
  }
  return { docs, base, edited, halfShared };
}
