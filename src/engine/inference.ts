/**
 * Evaluations and predictions away from the training loop: a copy of a run's model that takes
 * copies of its weights (`WeightsCopy`, read between two bursts) and answers what the run would
 * have answered itself, with the same code: the evaluation on the fixed batches
 * (evaluate/evaluation.ts), the benchmarks and checkpoint samples (run-evaluation.ts), the
 * next-token and fill-in predictions (predict.ts). It runs in a worker of its own
 * (worker/inference/), so the training steps never wait for it; `RemoteInference` is how a
 * `TrainingRun` reaches it.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, TrainingConfig } from '../config/config';
import type { TokenSplit } from '../data/batcher';
import { createRng, deriveSeed, type Rng } from '../shared/rng';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { makeEvaluationBatches } from './evaluate/batches';
import { evaluateWeights, type EvaluationBatches } from './evaluate/evaluation';
import {
  initParams,
  listParameters,
  mapParams,
  type GptParams,
  type NamedParameter,
} from './model/params';
import type { AttentionPattern, Candidate, NextTokenOptions } from './predict';
import { predictFillIn, predictNextToken } from './predict';
import type { EvaluationReport, SampleReport } from './run-evaluation';
import { RunEvaluator } from './run-evaluation';

/**
 * Why a job was not answered: the inference worker could not start, failed or stopped (not a
 * problem with the request itself). The run then evaluates and predicts itself.
 */
export class InferenceUnavailable extends Error {
  override name = 'InferenceUnavailable';
}

/** A run's weights after `step` steps, in `listParameters` order, copied off the device. */
export interface WeightsCopy {
  step: number;
  values: Float32Array[];
}

/** An evaluation measured elsewhere: the report and, at sample steps, the checkpoint sample. */
export interface RemoteEvaluation {
  report: EvaluationReport;
  sample: SampleReport | null;
}

/** Next-token answer, as `TrainingRun.predictNext` gives it. */
export type NextTokenAnswer = { top: Candidate[]; sample: string; attention: AttentionPattern };
/** Fill-in answer, as `TrainingRun.predictFill` gives it. */
export type FillInAnswer = {
  masks: { position: number; top: Candidate[] }[];
  attention: AttentionPattern;
};
/** The options of a fill-in prediction. */
export type FillInOptions = { topK: number; attentionLayer: number; attentionHead: number };

/** Where a run sends its evaluations and predictions instead of computing them between bursts. */
export interface RemoteInference {
  evaluate(weights: WeightsCopy, withSample: boolean): Promise<RemoteEvaluation>;
  predictNext(
    weights: WeightsCopy,
    prompt: string,
    options: NextTokenOptions,
  ): Promise<NextTokenAnswer>;
  predictFill(weights: WeightsCopy, text: string, options: FillInOptions): Promise<FillInAnswer>;
  /** Frees the copy of the model; later calls reject. */
  dispose(): void;
}

/**
 * Copies `params` off the device (asynchronously: no `dataSync`), in `listParameters` order.
 * Call between bursts, so every value is of the same step.
 */
export async function readWeights(params: GptParams, step: number): Promise<WeightsCopy> {
  const named = listParameters(params);
  const values = await Promise.all(
    named.map(async (p) => (await p.variable.data()) as Float32Array),
  );
  // The CPU backend's `data()` hands out its own buffer, which a later step may change: copy.
  return { step, values: values.map((v) => v.slice()) };
}

/** A copy of the weights as tensors of a model shaped like `like` (free with `disposeParams`). */
export function weightsToParams(weights: WeightsCopy, like: GptParams): GptParams {
  const byName = new Map<string, Float32Array>();
  listParameters(like).forEach(({ variable }, i) => {
    const values = weights.values[i];
    if (values?.length !== variable.size)
      throw new Error(`Weights of ${variable.name} do not fit.`);
    byName.set(variable.name, values);
  });
  return mapParams(like, (p) =>
    tf.tidy(() => tf.variable(tf.tensor(byName.get(p.name) ?? [], p.shape), false)),
  );
}

/** What an inference model needs of its run: the model, the recipe, the tokenizer and the data. */
export interface InferenceSetup {
  model: ModelConfig;
  training: TrainingConfig;
  tokenizer: Tokenizer;
  data: TokenSplit;
}

/** A copy of a run's model that evaluates and predicts with the weights it is handed. */
export class InferenceModel {
  private readonly params: GptParams;
  private readonly named: NamedParameter[];
  private readonly batches: EvaluationBatches;
  private readonly evaluator: RunEvaluator;
  /** The run's own stream for the continuations of next-token predictions. */
  private readonly sampleRng: Rng;

  constructor(private readonly setup: InferenceSetup) {
    const { model, training, tokenizer, data } = setup;
    // Zeros: every request brings its weights.
    this.params = initParams(model, null);
    this.named = listParameters(this.params);
    this.batches = {
      train: makeEvaluationBatches(data.train, 'train', model, training),
      val: makeEvaluationBatches(data.val, 'val', model, training),
    };
    const predictor = { params: this.params, config: model, tokenizer };
    this.evaluator = new RunEvaluator(predictor, training.objective, data, training.seed);
    this.sampleRng = createRng(deriveSeed(training.seed, 'samples'));
  }

  /**
   * Sets the weights. New tensors, not writes into the old ones: the WASM backend caches
   * XNNPACK's packed copy of a product's weights by tensor.
   */
  private load(weights: WeightsCopy): void {
    if (weights.values.length !== this.named.length) {
      throw new Error(`Expected ${this.named.length} weight arrays, got ${weights.values.length}.`);
    }
    this.named.forEach(({ variable }, i) => {
      const values = weights.values[i];
      if (values?.length !== variable.size)
        throw new Error(`Weights of ${variable.name} do not fit.`);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    });
  }

  /** The run's evaluation of these weights, and its checkpoint sample when `withSample`. */
  async evaluate(weights: WeightsCopy, withSample: boolean): Promise<RemoteEvaluation> {
    this.load(weights);
    const { model, training } = this.setup;
    const evaluation = await evaluateWeights(
      this.params,
      model,
      training.objective,
      this.batches,
      weights.step,
    );
    const report = await this.evaluator.report(evaluation);
    const sample = withSample ? await this.evaluator.sample(weights.step) : null;
    return { report, sample };
  }

  predictNext(
    weights: WeightsCopy,
    prompt: string,
    options: NextTokenOptions,
  ): Promise<NextTokenAnswer> {
    this.load(weights);
    return predictNextToken(this.predictor(), prompt, options, this.sampleRng);
  }

  predictFill(weights: WeightsCopy, text: string, options: FillInOptions): Promise<FillInAnswer> {
    this.load(weights);
    return predictFillIn(this.predictor(), text, options);
  }

  private predictor(): { params: GptParams; config: ModelConfig; tokenizer: Tokenizer } {
    return { params: this.params, config: this.setup.model, tokenizer: this.setup.tokenizer };
  }

  /** Frees the model's tensors. */
  dispose(): void {
    for (const { variable } of this.named) variable.dispose();
  }
}
