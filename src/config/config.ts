/**
 * The typed configuration tree and its defaults, in one place. Names follow nanoGPT
 * (`blockSize`, `nLayer`, `nHead`, `nEmbd`, `learningRate`, `minLr`, `warmupIters`, …), camelCased.
 * Defaults are nanoGPT's small-CPU recipe: 4 layers, 4 heads, 128 wide, context 64, batch 12.
 */

/** The two pre-training objectives: GPT-style next token, or BERT-style fill-in. */
export type Objective = 'causal' | 'masked';

/** All objectives, in display order. */
export const OBJECTIVES: readonly Objective[] = ['causal', 'masked'];

/** The shape of the transformer, apart from the vocabulary (which the tokenizer decides). */
export interface ModelSettings {
  /** Context length: the number of tokens the model sees at once. */
  blockSize: number;
  /** Number of transformer blocks. */
  nLayer: number;
  /** Number of attention heads per block; must divide `nEmbd`. */
  nHead: number;
  /** Width of the residual stream (embedding size). */
  nEmbd: number;
  /** Dropout probability on the residual branches while training (0 disables it). */
  dropout: number;
}

/** The full model shape: the settings plus the vocabulary size. */
export interface ModelConfig extends ModelSettings {
  /** Number of distinct token ids, special tokens included. */
  vocabSize: number;
}

/** How the model is trained. */
export interface TrainingConfig {
  /** Causal (next token) or masked (fill-in) language modelling. */
  objective: Objective;
  /** Sequences per step. */
  batchSize: number;
  /** Number of optimisation steps; the cosine schedule reaches `minLr` here. */
  maxIters: number;
  /** Peak learning rate, reached after warm-up. */
  learningRate: number;
  /** Learning rate at the end of the cosine decay. */
  minLr: number;
  /** Steps of linear warm-up from 0 to `learningRate`. */
  warmupIters: number;
  /** Decoupled (AdamW) weight decay, applied to weight matrices only. */
  weightDecay: number;
  /** Adam's first-moment decay. */
  beta1: number;
  /** Adam's second-moment decay. */
  beta2: number;
  /** Clip the global gradient norm to this value (0 disables clipping). */
  gradClip: number;
  /** Fraction of positions chosen for prediction under the masked objective. */
  maskRatio: number;
  /** One seed drives initialisation, batch sampling and masking. */
  seed: number;
  /** Evaluate the validation loss every this many steps. */
  evalInterval: number;
  /** Batches averaged per evaluation. */
  evalIters: number;
}

/** Everything needed to start a run, apart from the data. */
export interface RunConfig {
  model: ModelSettings;
  training: TrainingConfig;
}

/** Default model shape. */
export const DEFAULT_MODEL: ModelSettings = {
  blockSize: 64,
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  dropout: 0,
};

/** Default training recipe. */
export const DEFAULT_TRAINING: TrainingConfig = {
  objective: 'causal',
  batchSize: 12,
  maxIters: 2000,
  learningRate: 1e-3,
  minLr: 1e-4,
  warmupIters: 100,
  weightDecay: 0.1,
  beta1: 0.9,
  beta2: 0.99,
  gradClip: 1.0,
  maskRatio: 0.15,
  seed: 1337,
  evalInterval: 250,
  evalIters: 20,
};

/** The default run configuration. */
export const DEFAULT_CONFIG: RunConfig = { model: DEFAULT_MODEL, training: DEFAULT_TRAINING };
