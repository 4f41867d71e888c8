/**
 * A set-up: every setting a learner can change, in one value — the corpus, the curation rules,
 * the tokenizer, the model and training settings, the open step and the prompts. A link
 * (`./url.ts`), a set-up file (`./file.ts`) and a lesson each describe one; the store reads the
 * current one and applies one.
 */
import type { BackendChoice } from '../../config/backends';
import type { RunConfig } from '../../config/config';
import { presetConfig } from '../../config/presets';
import { DEFAULT_CURATION, type CurationOptions } from '../../data/curate';
import { BPE_VOCAB_SIZE } from '../../tokenizer/registry';
import { DEFAULT_CORPUS_ID, type TokenizerChoice } from '../pipeline';
import type { ViewId } from '../state';

/** Everything a learner can set, apart from their own text. */
export interface Setup {
  /** The backend asked for (`auto`: the fastest available). */
  backend: BackendChoice;
  /** A built-in corpus id, or `own` (the learner's text, which only a set-up file carries). */
  corpus: string;
  curation: CurationOptions;
  tokenizer: TokenizerChoice;
  config: RunConfig;
  /** The step (or view) on screen. */
  step: ViewId;
  /** The next-token prompt (null: a line taken from the corpus). */
  prompt: string | null;
  /** The fill-in sentence, with `[MASK]` where a token is hidden (null: taken from the corpus). */
  fill: string | null;
}

/** The set-up of a fresh page. */
export const DEFAULT_SETUP: Readonly<Setup> = {
  backend: 'auto',
  corpus: DEFAULT_CORPUS_ID,
  curation: DEFAULT_CURATION,
  tokenizer: { kind: 'char', vocabSize: BPE_VOCAB_SIZE.value },
  config: presetConfig('tiny'),
  step: 'data',
  prompt: null,
  fill: null,
};

/** A set-up with some settings changed (nested ones replaced whole). */
export function withSetup(changes: Partial<Setup>, base: Readonly<Setup> = DEFAULT_SETUP): Setup {
  return { ...base, ...changes };
}

/** The settings two set-ups differ in, by name (for a class's table of runs). */
export function setupDifferences(a: Setup, b: Setup): string[] {
  const names: string[] = [];
  if (a.corpus !== b.corpus) names.push('corpus');
  if (JSON.stringify(a.curation) !== JSON.stringify(b.curation)) names.push('curation');
  if (a.tokenizer.kind !== b.tokenizer.kind) names.push('tokenizer');
  else if (a.tokenizer.kind === 'bpe' && a.tokenizer.vocabSize !== b.tokenizer.vocabSize) {
    names.push('vocabulary');
  }
  for (const group of ['model', 'training'] as const) {
    const left: Record<string, unknown> = { ...a.config[group] };
    const right: Record<string, unknown> = { ...b.config[group] };
    for (const key of Object.keys(left)) if (left[key] !== right[key]) names.push(key);
  }
  return names;
}
