/**
 * Number formatting specific to the data stage (the general helpers are in ../format.ts).
 */
import { formatCount } from '../format';

/** "1 document", "2,345 documents". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralNoun}`;
}

/** A threshold or measured value: shares with two decimals, counts as whole numbers. */
export function formatMeasure(value: number, isShare: boolean): string {
  if (!Number.isFinite(value)) return '–';
  if (isShare) return value.toFixed(2);
  return Math.round(value).toLocaleString('en');
}

/** A corpus size change: "3.02 M → 960 k". */
export function formatChange(before: number, after: number): string {
  return `${formatCount(before)} → ${formatCount(after)}`;
}

/** A share as a percentage with no decimals, but "<1%" rather than "0%" for a small non-zero share. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const percent = (100 * part) / whole;
  if (percent > 0 && percent < 1) return '<1%';
  return `${Math.round(percent)}%`;
}
