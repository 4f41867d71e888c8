/**
 * The Adapt stage's settings (what to train, learning rate, step budget, evaluation interval)
 * and how they become the worker's `TrainingConfig` and `FreezeSettings`. Pure: unit-tested.
 */
import type { Objective, TrainingConfig } from '../../config/config';
import { DEFAULT_TRAINING } from '../../config/config';
import type { FreezeSettings } from '../../worker/protocol';

/** Which parameters fine-tuning changes. */
export type TrainWhat = 'all' | 'freeze-embeddings' | 'freeze-blocks';

/** What the learner chose in the Adapt stage. */
export interface AdaptSettings {
  trainWhat: TrainWhat;
  /** Lower blocks kept fixed when `trainWhat` is `freeze-blocks`. */
  frozenBlocks: number;
  learningRate: number;
  /** Steps of fine-tuning (and of each comparison run). */
  stepBudget: number;
  /** Evaluate the task validation loss every this many steps. */
  evalInterval: number;
}

/** Defaults: a lower learning rate than pre-training and a short budget. */
export const DEFAULT_ADAPT_SETTINGS: AdaptSettings = {
  trainWhat: 'all',
  frozenBlocks: 1,
  learningRate: 3e-4,
  stepBudget: 200,
  evalInterval: 20,
};

/** The amounts of task data the comparison can use. */
export const DATA_FRACTIONS: readonly number[] = [0.01, 0.1, 1];

/** The freeze settings the worker expects. */
export function freezeFor(settings: AdaptSettings): FreezeSettings {
  return {
    embeddings: settings.trainWhat === 'freeze-embeddings',
    blocks: settings.trainWhat === 'freeze-blocks' ? settings.frozenBlocks : 0,
  };
}

/** The training recipe for fine-tuning a base with `objective`. */
export function trainingFor(settings: AdaptSettings, objective: Objective): TrainingConfig {
  const { learningRate, stepBudget, evalInterval } = settings;
  return {
    ...DEFAULT_TRAINING,
    objective,
    learningRate,
    minLr: learningRate / 10,
    maxIters: stepBudget,
    // A short warm-up: fine-tuning starts from trained weights.
    warmupIters: Math.min(20, Math.floor(stepBudget / 10)),
    evalInterval: Math.max(1, Math.min(evalInterval, stepBudget)),
    evalIters: 8,
  };
}

/** Problems with the settings, for people; empty when they can be used. */
export function checkAdaptSettings(settings: AdaptSettings, baseLayers: number | null): string[] {
  const problems: string[] = [];
  const { learningRate, stepBudget, evalInterval, trainWhat, frozenBlocks } = settings;
  if (!(learningRate > 0 && learningRate <= 0.1))
    problems.push('Learning rate: choose a value above 0 and at most 0.1.');
  if (!Number.isInteger(stepBudget) || stepBudget < 1 || stepBudget > 20_000)
    problems.push('Step budget: a whole number from 1 to 20,000.');
  if (!Number.isInteger(evalInterval) || evalInterval < 1)
    problems.push('Evaluation interval: a whole number of steps, at least 1.');
  if (trainWhat === 'freeze-blocks') {
    if (!Number.isInteger(frozenBlocks) || frozenBlocks < 0)
      problems.push('Frozen blocks: a whole number, 0 or more.');
    else if (baseLayers !== null && frozenBlocks > baseLayers)
      problems.push(`Frozen blocks: the base model has only ${baseLayers} blocks.`);
  }
  return problems;
}

/** "1%", "10%", "100%". */
export function fractionLabel(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
