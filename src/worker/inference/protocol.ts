/**
 * What the training worker and its inference worker say to each other (engine/inference.ts):
 * `boot` once, `setup` for each run (its model, recipe, tokenizer and data), then jobs that each
 * bring a copy of the weights. Every job is answered once, by its `job` number.
 */
import type { ModelConfig, TrainingConfig } from '../../config/config';
import type { TokenSplit } from '../../data/batcher';
import type {
  FillInAnswer,
  FillInOptions,
  NextTokenAnswer,
  RemoteEvaluation,
  WeightsCopy,
} from '../../engine/inference';
import type { NextTokenOptions } from '../../engine/predict';
import type { SerializedTokenizer } from '../../tokenizer/serialize';

/** A job for the run `id`'s model. */
export type InferenceJob =
  | { kind: 'evaluate'; weights: WeightsCopy; withSample: boolean }
  | { kind: 'predict-next'; weights: WeightsCopy; prompt: string; options: NextTokenOptions }
  | { kind: 'predict-fill'; weights: WeightsCopy; text: string; options: FillInOptions };

/** What each job answers. */
export interface InferenceResults {
  evaluate: RemoteEvaluation;
  'predict-next': NextTokenAnswer;
  'predict-fill': FillInAnswer;
}

export type InferenceCommand =
  | { type: 'boot'; wasmPath: string }
  | {
      type: 'setup';
      id: number;
      model: ModelConfig;
      training: TrainingConfig;
      tokenizer: SerializedTokenizer;
      data: TokenSplit;
    }
  | { type: 'job'; id: number; job: number; request: InferenceJob }
  | { type: 'release'; id: number };

export type InferenceAnswer =
  | { type: 'answer'; id: number; job: number; result: InferenceResults[InferenceJob['kind']] }
  /** `unavailable`: the worker cannot answer any job (its backend did not start, no model). */
  | { type: 'failed'; id: number; job: number; message: string; unavailable: boolean };
