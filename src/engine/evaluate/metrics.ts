/**
 * The numbers evaluation reports, as pure maths: perplexity and bits per character from a mean
 * loss, and the accuracy helpers the benchmarks share. Losses are in nats per token.
 */
import { countCodePoints } from '../../data/curate/text';
import type { Tokenizer } from '../../tokenizer/tokenizer';

/** Perplexity: exp(mean loss per token), the effective number of equally likely next tokens. */
export function perplexity(meanLossNats: number): number {
  return Math.exp(meanLossNats);
}

/**
 * Bits per character: the loss per token in bits times tokens per character, so runs with
 * different tokenizers compare fairly. `tokens` and `chars` measure the same text, and `chars`
 * counts Unicode code points (`codePointsOf`): an emoji is one character, not two UTF-16 units.
 * The page's evaluation panel, the CLI and the bench all use this one definition.
 */
export function bitsPerChar(meanLossNats: number, tokens: number, chars: number): number {
  if (chars <= 0) return NaN;
  return (meanLossNats / Math.LN2) * (tokens / chars);
}

/** The characters (Unicode code points) of the text a token sequence decodes to. */
export function codePointsOf(tokenizer: Pick<Tokenizer, 'decode'>, tokens: Int32Array): number {
  return countCodePoints(tokenizer.decode(tokens));
}

/** Accuracy of guessing among `choices` options. */
export function chanceLevel(choices: number): number {
  return choices > 0 ? 1 / choices : 0;
}

/** Index of the largest score (the first one on a tie; −1 for none). */
export function argMax(scores: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (best === -1 || (scores[i] ?? -Infinity) > (scores[best] ?? -Infinity)) best = i;
  }
  return best;
}

/**
 * Credit for an answer: 1 when the right candidate alone scores highest, 1/t when it ties with
 * t−1 others at the top (a fair coin among them), 0 otherwise. NaN scores count as −∞.
 */
export function answerCredit(scores: readonly number[], answer: number): number {
  const clean = scores.map((s) => (Number.isNaN(s) ? -Infinity : s));
  const top = Math.max(...clean);
  const right = clean[answer];
  if (right === undefined || right < top) return 0;
  return 1 / clean.filter((s) => s === top).length;
}

/** Mean of the values (0 for none). */
export function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
