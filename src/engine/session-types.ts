/**
 * What a training session reports (a step's numbers, an evaluation, a weights snapshot) and the
 * check that a token split is long enough for a context length. See session.ts.
 */
import type { TokenSplit } from '../data/batcher';
import type { GptParams } from './model/params';

/** What one optimisation step reports. */
export interface StepMetrics {
  /** 1-based number of this step. */
  step: number;
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  learningRate: number;
  /** Tokens read by the model so far (batchSize · blockSize per step). */
  tokensSeen: number;
}

/** Steps dispatched to the backend whose numbers have not been read yet. */
export interface PendingSteps {
  /** Reads the losses and norms in one transfer and frees them. */
  read(): Promise<StepMetrics[]>;
}

/** The weights at one step, copied (`TrainingSession.snapshot`). */
export interface ParamsSnapshot {
  params: GptParams;
  step: number;
}

/** Losses and accuracy on the fixed evaluation batches. */
export interface Evaluation {
  step: number;
  trainLoss: number;
  valLoss: number;
  /** Share of scored validation positions whose target is the model's top guess. */
  valTop1: number;
  /** …or among its five top guesses. */
  valTop5: number;
}

/** Checks that each split can supply at least one window; returns a message or null. */
export function checkDataFits(data: TokenSplit, blockSize: number): string | null {
  const need = blockSize + 1;
  if (data.train.length < need) {
    return `The training split has ${data.train.length} tokens; the context length ${blockSize} needs at least ${need}. Use more text or a shorter context.`;
  }
  if (data.val.length < need) {
    return `The validation split has ${data.val.length} tokens; the context length ${blockSize} needs at least ${need}. Use more text or a shorter context.`;
  }
  return null;
}
