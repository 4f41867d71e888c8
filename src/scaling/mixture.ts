/**
 * The data-mixture experiment: the same small model trained on the same number of tokens, from
 * training text that is a share p of corpus A and 1 − p of corpus B, each run evaluated on both
 * corpora's validation sets. Plotted against p, the two losses show what a mixture trades.
 */
import type { TokenSplit } from '../data/batcher';
import type { PlannedRun, SweepSpec } from './plan';
import { planRun } from './plan';
import type { QueueJob } from './types';

/** The shares of corpus A the experiment trains on. */
export const MIXTURE_SHARES: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** The model width and token budget of every mixture run. */
export interface MixtureSpec {
  width: number;
  budget: number;
  shares: readonly number[];
}

/** The mixture the page and the CLI start from. */
export const DEFAULT_MIXTURE: MixtureSpec = { width: 32, budget: 60_000, shares: MIXTURE_SHARES };

/**
 * A training stream that is `share` of A and the rest of B, as long as the shorter of the two
 * (so every share has as much text to sample from): the first tokens of each, A then B.
 * Windows are sampled uniformly from it, so a share p of them come from A (up to the windows
 * that straddle the join).
 */
export function mixTrainingTokens(a: Int32Array, b: Int32Array, share: number): Int32Array {
  const length = Math.min(a.length, b.length);
  const fromA = Math.round(Math.min(1, Math.max(0, share)) * length);
  const mixed = new Int32Array(length);
  mixed.set(a.subarray(0, fromA), 0);
  mixed.set(b.subarray(0, length - fromA), fromA);
  return mixed;
}

/** `0.25` → `25% A`. */
export function shareLabel(share: number): string {
  return `${Math.round(share * 100)}% A`;
}

/** The mixture's runs, one per share, each with its training stream. */
export function planMixture(
  spec: MixtureSpec,
  sweep: Omit<SweepSpec, 'widths' | 'budgets'>,
  vocabSize: number,
  a: TokenSplit,
  b: TokenSplit,
): QueueJob[] {
  return spec.shares.map((share) => {
    const planned = planRun(sweep, vocabSize, spec.width, spec.budget);
    const run: PlannedRun = {
      ...planned,
      id: `mix-${Math.round(share * 100)}`,
      label: `${shareLabel(share)} · ${planned.label}`,
    };
    return { run, train: mixTrainingTokens(a.train, b.train, share) };
  });
}
