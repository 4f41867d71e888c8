/**
 * How the evaluation panel writes its numbers and names: accuracies as percentages, perplexity
 * and bits with sensible precision, the accuracy's name for each objective.
 */
import type { Objective } from '../../config/config';

/** 0.853 → "85.3%", 0.85 → "85%", NaN → "—". */
export function formatAccuracy(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const percent = (value * 100).toFixed(1);
  return `${percent.endsWith('.0') ? percent.slice(0, -2) : percent}%`;
}

/** Perplexity: 2 decimals below 100, whole numbers above ("1,234"); "—" when unknown. */
export function formatPerplexity(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value < 100 ? value.toFixed(2) : Math.round(value).toLocaleString('en');
}

/** A loss or bits value with 3 decimals; "—" when unknown (e.g. bits per character of a masked run). */
export function formatNumber3(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(3);
}

/** What top-1/top-5 accuracy measures for an objective. */
export const ACCURACY_NAMES: Record<Objective, string> = {
  causal: 'next-token accuracy',
  masked: 'fill-in accuracy',
};

/** A step count, "1,200". */
export function formatStep(step: number): string {
  return step.toLocaleString('en');
}

/** A share memorised: 0 → "0%", 0.003 → "<1%", 0.42 → "42%". */
export function formatFraction(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  if (fraction < 0.005) return '<1%';
  return `${Math.round(Math.min(1, fraction) * 100)}%`;
}

/** Makes line breaks and tabs in benchmark text visible ("⏎", "⇥"), leaving spaces as they are. */
export function showBreaks(text: string): string {
  return text.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
}

/** The last `max` characters of a context, with "…" when cut. */
export function contextTail(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max)}`;
}

/** The first `max` characters of a text, with "…" when cut. */
export function contextHead(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
