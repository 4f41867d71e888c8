/**
 * The evaluation every run reports: loss and top-1/top-5 accuracy on the fixed train and
 * validation batches, of any copy of the weights. The training session and the inference model
 * of another worker (engine/inference.ts) both measure with it, so they report the same numbers
 * for the same weights.
 */
import type { ModelConfig, Objective } from '../../config/config';
import type { GptParams } from '../model/params';
import type { Batch } from '../objectives/batch';
import type { Evaluation } from '../session-types';
import { measureTokenAccuracySets } from './tokenAccuracy';

/** The fixed evaluation batches of a run (`makeEvaluationBatches`). */
export interface EvaluationBatches {
  train: Batch[];
  val: Batch[];
}

/** Evaluates `params` (the weights after `step` steps) on `batches`, read back in one transfer. */
export async function evaluateWeights(
  params: GptParams,
  model: ModelConfig,
  objective: Objective,
  batches: EvaluationBatches,
  step: number,
): Promise<Evaluation> {
  const { train, val } = await measureTokenAccuracySets(params, model, objective, batches);
  return {
    step,
    trainLoss: train.loss,
    valLoss: val.loss,
    valTop1: val.top1,
    valTop5: val.top5,
  };
}
