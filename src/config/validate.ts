/**
 * Validation of a run configuration. Returns every problem at once, each tied to the field
 * it concerns, so the UI can show it next to the control and the CLI can print it.
 */
import type { ModelSettings, RunConfig, TrainingConfig } from './config';
import { OBJECTIVES } from './config';

/** One problem with a configuration field. */
export interface ConfigIssue {
  /** The offending field, e.g. `model.nHead`. */
  field: `model.${keyof ModelSettings}` | `training.${keyof TrainingConfig}`;
  /** A sentence a learner can act on. */
  message: string;
}

interface Range {
  min: number;
  max: number;
  integer: boolean;
}

const MODEL_RANGES: Record<keyof ModelSettings, Range> = {
  blockSize: { min: 2, max: 1024, integer: true },
  nLayer: { min: 1, max: 24, integer: true },
  nHead: { min: 1, max: 32, integer: true },
  nEmbd: { min: 4, max: 2048, integer: true },
  dropout: { min: 0, max: 0.9, integer: false },
};

const TRAINING_RANGES: Record<Exclude<keyof TrainingConfig, 'objective'>, Range> = {
  batchSize: { min: 1, max: 1024, integer: true },
  maxIters: { min: 1, max: 10_000_000, integer: true },
  learningRate: { min: 1e-7, max: 1, integer: false },
  minLr: { min: 0, max: 1, integer: false },
  warmupIters: { min: 0, max: 10_000_000, integer: true },
  weightDecay: { min: 0, max: 10, integer: false },
  beta1: { min: 0, max: 0.9999, integer: false },
  beta2: { min: 0, max: 0.99999, integer: false },
  gradClip: { min: 0, max: 1e6, integer: false },
  maskRatio: { min: 0.01, max: 0.99, integer: false },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  evalInterval: { min: 1, max: 10_000_000, integer: true },
  evalIters: { min: 1, max: 10_000, integer: true },
};

function checkRange(value: number, range: Range): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (range.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < range.min || value > range.max)
    return `must be between ${range.min} and ${range.max}`;
  return null;
}

/** Lists every problem with a configuration; an empty list means it is valid. */
export function validateConfig(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { model, training } = config;
  for (const key of Object.keys(MODEL_RANGES) as (keyof ModelSettings)[]) {
    const problem = checkRange(model[key], MODEL_RANGES[key]);
    if (problem) issues.push({ field: `model.${key}`, message: `${key} ${problem}.` });
  }
  for (const key of Object.keys(TRAINING_RANGES) as (keyof typeof TRAINING_RANGES)[]) {
    const problem = checkRange(training[key], TRAINING_RANGES[key]);
    if (problem) issues.push({ field: `training.${key}`, message: `${key} ${problem}.` });
  }
  if (!OBJECTIVES.includes(training.objective)) {
    issues.push({
      field: 'training.objective',
      message: `objective must be one of ${OBJECTIVES.join(', ')}.`,
    });
  }
  if (Number.isInteger(model.nEmbd) && Number.isInteger(model.nHead) && model.nHead > 0) {
    if (model.nEmbd % model.nHead !== 0) {
      issues.push({
        field: 'model.nHead',
        message: `nHead (${model.nHead}) must divide nEmbd (${model.nEmbd}) so every head has the same width.`,
      });
    }
  }
  if (training.minLr > training.learningRate) {
    issues.push({
      field: 'training.minLr',
      message: `minLr (${training.minLr}) must not exceed learningRate (${training.learningRate}).`,
    });
  }
  if (training.warmupIters > training.maxIters) {
    issues.push({
      field: 'training.warmupIters',
      message: `warmupIters (${training.warmupIters}) must not exceed maxIters (${training.maxIters}).`,
    });
  }
  return issues;
}
