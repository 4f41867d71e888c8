/**
 * What a scaling sweep trains: model shapes from one width/depth rule, token budgets, and each
 * run's own recipe (a cosine schedule scaled to its length, the same data order for all), with
 * N counted without embeddings and compute C = 6·N·D, as Kaplan et al. (2020) and Hoffmann et
 * al. (2022) count them. Pure: the page, the worker and the CLI plan the same runs.
 */
import type { ModelConfig, ModelSettings, Objective, TrainingConfig } from '../config/config';
import { DEFAULT_TRAINING } from '../config/config';
import { countParameters } from '../config/size';

/** Widths a sweep may use, smallest first (each one a shape by `shapeForWidth`). */
export const SWEEP_WIDTHS: readonly number[] = [16, 24, 32, 48, 64, 96, 128, 192];

/** Head size of every shape: heads = width / HEAD_SIZE. */
export const HEAD_SIZE = 16;

/** Width per layer: depth = width / WIDTH_PER_LAYER, rounded, at least 1. */
export const WIDTH_PER_LAYER = 32;

/** The width/depth rule, in words (the page shows it). */
export const SHAPE_RULE = `depth = width ÷ ${WIDTH_PER_LAYER} (rounded, at least 1), heads = width ÷ ${HEAD_SIZE}, MLP 4 × width`;

/** Tokens per parameter of a compute-optimal model (Hoffmann et al. 2022). */
export const CHINCHILLA_TOKENS_PER_PARAMETER = 20;

/** The model shape of a width, by the rule above. */
export function shapeForWidth(width: number, blockSize: number): ModelSettings {
  return {
    blockSize,
    nEmbd: width,
    nLayer: Math.max(1, Math.round(width / WIDTH_PER_LAYER)),
    nHead: Math.max(1, Math.round(width / HEAD_SIZE)),
    dropout: 0,
  };
}

/**
 * Non-embedding parameters N: everything but the token and position embeddings (the head is
 * tied to the token embedding, so it is left out with it). What the scaling laws count.
 */
export function nonEmbeddingParameters(model: ModelConfig): number {
  return countParameters(model) - model.vocabSize * model.nEmbd - model.blockSize * model.nEmbd;
}

/** Training compute of N parameters reading D tokens: C = 6·N·D (forward and backward). */
export function trainingCompute(params: number, tokens: number): number {
  return 6 * params * tokens;
}

/** The peak learning rate of a width: larger models need smaller steps. */
export function learningRateForWidth(width: number): number {
  return Math.min(1e-2, 5e-3 * Math.sqrt(64 / width));
}

/** Evaluations per run, the last one at its end. */
export const EVALUATIONS_PER_RUN = 6;

/** Warm-up, as a share of a run's steps. */
export const WARMUP_SHARE = 0.05;

/** The recipe rule, in words (the page shows it). */
export const SCHEDULE_RULE =
  'each run warms up for 5% of its steps, then follows a cosine to a tenth of its peak learning rate at its own last step — a schedule fixed for all runs would stop the short runs mid-decay and bias the fit';

/** What the sweep is asked to run. */
export interface SweepSpec {
  /** Model widths (shapes by `shapeForWidth`). */
  widths: number[];
  /** Token budgets D; `optimal` trains each size on 20 tokens per parameter. */
  budgets: number[] | 'optimal';
  objective: Objective;
  blockSize: number;
  batchSize: number;
  seed: number;
  /** Validation batches per evaluation (the same batches for every run). */
  evalIters: number;
}

/** The sweep the page and the CLI start from. */
export const DEFAULT_SWEEP: SweepSpec = {
  widths: [16, 32, 64, 128],
  budgets: [40_000, 120_000],
  objective: 'causal',
  blockSize: 64,
  batchSize: 16,
  seed: 1337,
  evalIters: 4,
};

/** One run of a sweep. */
export interface PlannedRun {
  /** Stable id: width and budget (`w64-d120000`). */
  id: string;
  /** Short label: `64 wide · 2 layers · 120k tokens`. */
  label: string;
  width: number;
  model: ModelSettings;
  training: TrainingConfig;
  /** Non-embedding parameters N. */
  params: number;
  /** Tokens D the run reads: steps × batch × context. */
  tokens: number;
  /** C = 6·N·D. */
  compute: number;
}

/** `120000` → `120k`. */
export function shortCount(value: number): string {
  if (value >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`;
  if (value >= 1e3) return `${+(value / 1e3).toPrecision(3)}k`;
  return String(Math.round(value));
}

/** The recipe of one run of `steps` steps for a model `width` wide. */
export function runTraining(
  spec: Pick<SweepSpec, 'objective' | 'batchSize' | 'seed' | 'evalIters'>,
  width: number,
  steps: number,
): TrainingConfig {
  const learningRate = learningRateForWidth(width);
  return {
    ...DEFAULT_TRAINING,
    objective: spec.objective,
    batchSize: spec.batchSize,
    seed: spec.seed,
    maxIters: steps,
    learningRate,
    minLr: learningRate / 10,
    warmupIters: Math.max(1, Math.round(steps * WARMUP_SHARE)),
    evalInterval: Math.max(1, Math.ceil(steps / EVALUATIONS_PER_RUN)),
    evalIters: spec.evalIters,
  };
}

/** One run: a width trained on about `budget` tokens (rounded to whole steps, at least 2). */
export function planRun(
  spec: Omit<SweepSpec, 'widths' | 'budgets'>,
  vocabSize: number,
  width: number,
  budget: number,
): PlannedRun {
  const model = shapeForWidth(width, spec.blockSize);
  const params = nonEmbeddingParameters({ ...model, vocabSize });
  const tokensPerStep = spec.batchSize * spec.blockSize;
  const steps = Math.max(2, Math.round(budget / tokensPerStep));
  const tokens = steps * tokensPerStep;
  return {
    id: `w${width}-d${tokens}`,
    label: `${width} wide · ${model.nLayer} layer${model.nLayer === 1 ? '' : 's'} · ${shortCount(tokens)} tokens`,
    width,
    model,
    training: runTraining(spec, width, steps),
    params,
    tokens,
    compute: trainingCompute(params, tokens),
  };
}

/** Every run of a sweep, smallest compute first (so a cancelled sweep keeps the cheap runs). */
export function planSweep(spec: SweepSpec, vocabSize: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const width of spec.widths) {
    const params = nonEmbeddingParameters({ ...shapeForWidth(width, spec.blockSize), vocabSize });
    const budgets =
      spec.budgets === 'optimal' ? [CHINCHILLA_TOKENS_PER_PARAMETER * params] : spec.budgets;
    for (const budget of budgets) runs.push(planRun(spec, vocabSize, width, budget));
  }
  const unique = new Map(runs.map((r) => [r.id, r]));
  return [...unique.values()].sort((a, b) => a.compute - b.compute);
}

/** What is wrong with a sweep spec, in words, or null. */
export function checkSweepSpec(spec: SweepSpec): string | null {
  if (spec.widths.length < 1) return 'Choose at least one model size.';
  if (spec.widths.some((w) => !SWEEP_WIDTHS.includes(w)))
    return `Model widths must be among ${SWEEP_WIDTHS.join(', ')}.`;
  if (spec.budgets !== 'optimal') {
    if (spec.budgets.length < 1) return 'Choose at least one token budget.';
    if (spec.budgets.some((b) => !Number.isFinite(b) || b < 1 || b > 1e9))
      return 'Token budgets must be between 1 and 1,000,000,000 tokens.';
  }
  return null;
}
