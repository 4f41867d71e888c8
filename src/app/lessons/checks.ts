/**
 * The lessons' checks: from the runs on the page, whether the point of a lesson shows yet, with
 * the figures in words. Plain functions of run records, so they are unit-tested without a page.
 */
import { detectOverfitting } from '../../data/overfitting';
import { lastEval, type RunRecord } from '../runs';
import type { LessonCheck, LessonPage } from './types';

/** Runs that trained to their last step and were evaluated there. */
function finished(runs: readonly RunRecord[]): RunRecord[] {
  return runs.filter((run) => run.status === 'done' && lastEval(run)?.step === run.step);
}

/** The latest finished run that `pick` accepts. */
function latest(runs: readonly RunRecord[], pick: (run: RunRecord) => boolean): RunRecord | null {
  return finished(runs).filter(pick).at(-1) ?? null;
}

function loss(run: RunRecord): number {
  return lastEval(run)?.valLoss ?? NaN;
}

function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toFixed(digits);
}

const waiting = (detail: string): LessonCheck => ({ reached: false, detail });

/** Causal against masked on the same text: both curves, and which ends higher. */
export function checkObjectives({ runs }: LessonPage): LessonCheck {
  const causal = latest(runs, (run) => run.objective === 'causal');
  const masked = latest(runs, (run) => run.objective === 'masked');
  if (causal === null || masked === null) {
    return waiting('Waiting for a finished causal run and a finished masked run.');
  }
  return {
    reached: loss(masked) > loss(causal),
    detail: `Validation loss at the end: ${causal.label} (causal) ${fixed(loss(causal))} · ${masked.label} (masked) ${fixed(loss(masked))}.`,
  };
}

/**
 * The characters of what mail leaves in a text when nobody curates it: digits and the symbols
 * of headers, HTML, quoted-printable and base64 (`Received: … 12:04:33`, `<td>`, `=20`, `@`).
 */
const DEBRIS = /[0-9<>=@#%&{}[\]|\\/_*~^$+:;]/g;

/** The share of `text`'s characters that are mail debris (0 for an empty text). */
export function debrisShare(text: string): number {
  if (text.length === 0) return 0;
  return (text.match(DEBRIS)?.length ?? 0) / text.length;
}

/** Every sample a run wrote after it began training (the untrained one is noise). */
function trainedSamples(run: RunRecord): string {
  return run.samples
    .filter((sample) => sample.step > 0)
    .map((sample) => sample.text)
    .join('');
}

/** Raw against curated mail: the raw model writes the symbols of headers and markup. */
export function checkCuration({ runs }: LessonPage): LessonCheck {
  const done = finished(runs).filter((run) => run.setup !== null && run.samples.length > 1);
  const curatedRun = (run: RunRecord): boolean => run.setup?.curation.rules.mail.enabled === true;
  const raw = done.filter((run) => !curatedRun(run)).at(-1);
  const curated = done.filter(curatedRun).at(-1);
  if (raw === undefined || curated === undefined) {
    return waiting('Waiting for a finished run on the raw mail and one on the curated mail.');
  }
  const share = (run: RunRecord): number => debrisShare(trainedSamples(run));
  const copied = (run: RunRecord): number => run.samples.at(-1)?.memorisedFraction ?? NaN;
  const percent = (value: number): string => `${fixed(value * 100, 0)}%`;
  return {
    reached: share(raw) > share(curated),
    detail: `Digits and markup symbols (< > = @ : …) in the samples: ${raw.label} (raw) ${percent(share(raw))} · ${curated.label} (curated) ${percent(share(curated))}. Copied word for word from the training data: ${percent(copied(raw))} · ${percent(copied(curated))}.`,
  };
}

/** Characters against BPE tokens: bits per character, comparable across tokenizers. */
export function checkTokenizers({ runs }: LessonPage): LessonCheck {
  const bits = (run: RunRecord): number => lastEval(run)?.valBitsPerChar ?? NaN;
  const char = latest(runs, (run) => run.summary?.tokenizer === 'char');
  const bpe = latest(runs, (run) => run.summary?.tokenizer === 'bpe');
  if (char === null || bpe === null) {
    return waiting('Waiting for a finished character run and a finished BPE run.');
  }
  const perChar = (run: RunRecord): string => {
    const summary = run.summary;
    return summary === null ? '' : `, vocabulary ${summary.vocabSize}`;
  };
  return {
    reached: bits(bpe) < bits(char),
    detail: `Validation bits per character: ${char.label} (characters${perChar(char)}) ${fixed(bits(char))} · ${bpe.label} (BPE${perChar(bpe)}) ${fixed(bits(bpe))}. Loss per token: ${fixed(loss(char))} against ${fixed(loss(bpe))}.`,
  };
}

/** Two model sizes on the same data: the larger one reaches the lower loss. */
export function checkSizes({ runs }: LessonPage): LessonCheck {
  const sized = finished(runs).filter((run) => run.summary !== null);
  const params = (run: RunRecord): number => run.summary?.parameterCount ?? 0;
  const smallest = [...sized].sort((a, b) => params(a) - params(b))[0];
  const largest = [...sized].sort((a, b) => params(b) - params(a))[0];
  if (smallest === undefined || largest === undefined || params(smallest) === params(largest)) {
    return waiting('Waiting for two finished runs of different sizes.');
  }
  const name = (run: RunRecord): string =>
    `${run.label} (${params(run).toLocaleString('en')} parameters)`;
  return {
    reached: loss(largest) < loss(smallest),
    detail: `Validation loss at the end: ${name(smallest)} ${fixed(loss(smallest))} · ${name(largest)} ${fixed(loss(largest))}.`,
  };
}

/** The gap (validation minus training loss, nats) that says a model has begun to learn by heart. */
export const MEMORISATION_GAP = 0.3;

/**
 * A run that learns its training text by heart: its validation loss turned up while its
 * training loss kept falling, or the training loss fell at least `MEMORISATION_GAP` below the
 * validation loss and is still falling.
 */
export function checkOverfitting({ runs }: LessonPage): LessonCheck {
  for (const run of [...runs].reverse()) {
    const report = detectOverfitting(run.evals);
    if (report.overfitting) {
      const best = run.evals.find((point) => point.step === report.startStep);
      return {
        reached: true,
        detail: `${run.label}: validation loss was lowest (${fixed(best?.valLoss)}) at step ${report.startStep ?? '–'} and has risen since, to ${fixed(lastEval(run)?.valLoss)}; the training loss is ${fixed(lastEval(run)?.trainLoss)} and still falling.`,
      };
    }
  }
  const run = runs.at(-1);
  const last = run === undefined ? undefined : lastEval(run);
  if (run === undefined || last === undefined) {
    return waiting('Waiting for a run with a few evaluations.');
  }
  const earlier = run.evals.at(-5);
  const gap = last.valLoss - last.trainLoss;
  const falling = earlier !== undefined && last.trainLoss < earlier.trainLoss;
  const figures = `${run.label}: training loss ${fixed(last.trainLoss)}, validation loss ${fixed(last.valLoss)}, a gap of ${fixed(gap)}`;
  return gap >= MEMORISATION_GAP && falling
    ? {
        reached: true,
        detail: `${figures}: the model does better and better on the text it trains on than on text it has never seen. It is learning its training text by heart.`,
      }
    : waiting(`${figures}: not yet ${MEMORISATION_GAP} apart.`);
}

/** Fine-tune against scratch: at each share of the task data, the fine-tuned model ends lower. */
export function checkPretraining({ comparison }: LessonPage): LessonCheck {
  if (comparison === null) {
    return waiting('Waiting for “Compare with training from scratch” on the Adapt step to finish.');
  }
  const final = (kind: 'finetune' | 'scratch', fraction: number): number =>
    comparison.curves.find((c) => c.kind === kind && c.fraction === fraction)?.points.at(-1)
      ?.valLoss ?? NaN;
  const fractions = [...new Set(comparison.curves.map((curve) => curve.fraction))].sort(
    (a, b) => a - b,
  );
  const pairs = fractions.map((fraction) => ({
    fraction,
    tuned: final('finetune', fraction),
    scratch: final('scratch', fraction),
  }));
  const share = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;
  return {
    reached: pairs.length > 0 && pairs.every((pair) => pair.tuned < pair.scratch),
    detail: `Task validation loss at the end, fine-tuned against from scratch: ${pairs
      .map(
        (pair) =>
          `${share(pair.fraction)} of the data ${fixed(pair.tuned)} against ${fixed(pair.scratch)}`,
      )
      .join(' · ')}.`,
  };
}
