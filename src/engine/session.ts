/**
 * A training session: one model, its optimiser, its data and its random streams. It runs
 * steps without reading anything back, and reads the losses of a burst of steps in one
 * asynchronous transfer, so the backend stays busy and the calling thread stays free.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, TrainingConfig } from '../config/config';
import { sampleWindows, type TokenSplit } from '../data/batcher';
import type { Rng } from '../shared/rng';
import { createRng, deriveSeed, randomInt } from '../shared/rng';
import { batchLoss } from './loss';
import type { GptParams, NamedParameter } from './model/params';
import { disposeParams, initParams, listParameters, mapParams } from './model/params';
import type { Batch } from './objectives/batch';
import { makeBatch } from './objectives/make';
import { makeEvaluationBatches } from './evaluate/batches';
import { evaluateWeights } from './evaluate/evaluation';
import { isFrozen, NO_FREEZE, type Freeze } from './freeze';
import { AdamW } from './optim/adamw';
import { clipScale, globalNorm } from './optim/clip';
import { learningRateAt } from './optim/schedule';
import {
  batchWeight,
  combineGradients,
  combineLoss,
  splitBatch,
  type GradientHelpers,
} from './parallel';
import type { SessionParts, SessionState } from './session-state';
import { checkDataFits } from './session-types';
import type { Evaluation, ParamsSnapshot, PendingSteps, StepMetrics } from './session-types';
import { checkStateFits, readSessionState, writeSessionState } from './session-state';

// Imported from here by the worker, the driver and the checkpoints.
export { isFrozen, NO_FREEZE, type Freeze } from './freeze';
export type { SessionState } from './session-state';
export { checkDataFits } from './session-types';
export type { Evaluation, ParamsSnapshot, PendingSteps, StepMetrics } from './session-types';

/** One model being trained. */
export class TrainingSession {
  /** The model's parameters (owned by the session). */
  readonly params: GptParams;
  private readonly named: NamedParameter[];
  private readonly optimizer: AdamW;
  private readonly batchRng: Rng;
  private readonly maskRng: Rng;
  private readonly dropoutRng: Rng;
  private readonly evalBatches: { train: Batch[]; val: Batch[] };
  private iter = 0;
  /** Other workers sharing each batch (data-parallel training), if any. */
  private helpers: GradientHelpers | null = null;

  /** Creates a freshly initialised model for this data. Throws if the data is too short. */
  constructor(
    readonly model: ModelConfig,
    readonly training: TrainingConfig,
    private readonly data: TokenSplit,
    /** Parameters kept fixed; none for pre-training. */
    readonly freeze: Freeze = NO_FREEZE,
  ) {
    const problem = checkDataFits(data, model.blockSize);
    if (problem) throw new Error(problem);
    const seed = training.seed;
    this.params = initParams(model, createRng(deriveSeed(seed, 'init')));
    this.named = listParameters(this.params);
    this.optimizer = new AdamW(this.named, {
      beta1: training.beta1,
      beta2: training.beta2,
      weightDecay: training.weightDecay,
      epsilon: 1e-8,
    });
    this.batchRng = createRng(deriveSeed(seed, 'batches'));
    this.maskRng = createRng(deriveSeed(seed, 'masking'));
    this.dropoutRng = createRng(deriveSeed(seed, 'dropout'));
    this.evalBatches = {
      train: makeEvaluationBatches(data.train, 'train', model, training),
      val: makeEvaluationBatches(data.val, 'val', model, training),
    };
  }

  /** Number of steps taken so far. */
  get step(): number {
    return this.iter;
  }

  /** Workers computing each step: the session's, and its helpers' once they have started. */
  get workers(): number {
    return 1 + (this.helpers?.count ?? 0);
  }

  /** Tokens the model reads per step. */
  get tokensPerStep(): number {
    return this.training.batchSize * this.model.blockSize;
  }

  /** The named parameter list (for gradients checks and checkpoints). */
  get parameters(): readonly NamedParameter[] {
    return this.named;
  }

  /** Samples the next training batch from the session's streams. */
  nextBatch(): Batch {
    const windows = sampleWindows(
      this.data.train,
      this.training.batchSize,
      this.model.blockSize + 1,
      this.batchRng,
    );
    return makeBatch(windows, this.model, this.training, this.maskRng);
  }

  /**
   * Shares every following step's batch with `helpers` (data-parallel training; see
   * engine/parallel.ts) once they have started; the session disposes them. Their trainable
   * parameters must be the session's.
   */
  useHelpers(helpers: GradientHelpers): void {
    this.helpers?.dispose();
    this.helpers = helpers;
  }

  /** Dispatches one optimisation step; returns its loss and gradient norm as device scalars. */
  private dispatchStep(): { loss: tf.Scalar; gradNorm: tf.Scalar; learningRate: number } {
    const batch = this.nextBatch();
    const learningRate = learningRateAt(this.iter, this.training);
    const dropoutSeed = this.model.dropout > 0 ? randomInt(this.dropoutRng, 2 ** 31) : null;
    const trainableParams = this.named.filter((p) => !isFrozen(p.name, this.freeze));
    const helpers = this.helpers !== null && this.helpers.count > 0 ? this.helpers : null;
    const shares = helpers ? splitBatch(batch, helpers.count + 1) : null;
    const own = shares?.[0] ?? batch;
    if (helpers && shares) helpers.start(this.named, shares.slice(1), dropoutSeed);
    const result = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => batchLoss(this.params, this.model, this.training.objective, own, dropoutSeed),
        trainableParams.map((p) => p.variable),
      );
      let trainableGrads = trainableParams.map((p) => {
        const g = grads[p.variable.name];
        if (!g) throw new Error('Missing gradient: every parameter must take part in the loss.');
        return g;
      });
      let loss = value;
      const others = helpers && shares ? helpers.collect() : null;
      if (others) {
        const ownWeight = batchWeight(own);
        trainableGrads = combineGradients(trainableGrads, ownWeight, others);
        loss = combineLoss(value, ownWeight, others);
      } else if (helpers && shares) {
        // A helper failed: this step learns from the session's share alone, and the next ones
        // from whole batches.
        this.helpers = null;
        helpers.dispose();
      }
      // Frozen parameters get no gradient (null): the optimiser leaves them, and their moments, alone.
      let next = 0;
      const gradList = this.named.map((p) =>
        isFrozen(p.name, this.freeze) ? null : (trainableGrads[next++] ?? null),
      );
      const gradNorm = globalNorm(gradList.filter((g): g is tf.Tensor => g !== null));
      const scale =
        this.training.gradClip > 0 ? clipScale(gradNorm, this.training.gradClip) : tf.scalar(1);
      this.optimizer.applyGradients(gradList, learningRate, scale);
      return { loss, gradNorm };
    });
    this.iter++;
    return { ...result, learningRate };
  }

  /** Dispatches `count` steps back to back; read their numbers later with `read()`. */
  runSteps(count: number): PendingSteps {
    const firstStep = this.iter;
    const tokensPerStep = this.tokensPerStep;
    const losses: tf.Scalar[] = [];
    const norms: tf.Scalar[] = [];
    const rates: number[] = [];
    for (let i = 0; i < count; i++) {
      const { loss, gradNorm, learningRate } = this.dispatchStep();
      losses.push(loss);
      norms.push(gradNorm);
      rates.push(learningRate);
    }
    const packed = tf.tidy(() => tf.stack([...losses, ...norms]));
    for (const t of [...losses, ...norms]) t.dispose();
    return {
      read: async () => {
        const values = await packed.data();
        packed.dispose();
        return rates.map((learningRate, i) => ({
          step: firstStep + i + 1,
          loss: values[i] ?? NaN,
          gradNorm: values[count + i] ?? NaN,
          learningRate,
          tokensSeen: (firstStep + i + 1) * tokensPerStep,
        }));
      },
    };
  }

  /** Runs `count` steps and reads their numbers. */
  trainSteps(count: number): Promise<StepMetrics[]> {
    return this.runSteps(count).read();
  }

  /**
   * A copy of the weights as they are now, to evaluate later while training goes on (free it
   * with `disposeParams`). A copy, not a reference: optimiser steps may write in place.
   */
  snapshot(): ParamsSnapshot {
    const params = mapParams(this.params, (p) => tf.tidy(() => tf.variable(tf.mul(p, 1), false)));
    return { params, step: this.iter };
  }

  /**
   * Loss and top-1/top-5 accuracy on the fixed train and validation evaluation batches (the same
   * batches every call), pooled over the scored positions, read back in one transfer. Of the
   * current weights, or of a `snapshot`.
   */
  evaluate(snapshot?: ParamsSnapshot): Promise<Evaluation> {
    return evaluateWeights(
      snapshot?.params ?? this.params,
      this.model,
      this.training.objective,
      this.evalBatches,
      snapshot?.step ?? this.iter,
    );
  }

  /** Reads the whole state back from the device (weights, optimiser moments, random streams). */
  saveState(): Promise<SessionState> {
    const { model, training, freeze } = this;
    return readSessionState(this.parts(), { model, training, freeze, step: this.iter });
  }

  /** The parts of the session its saved state reads and writes. */
  private parts(): SessionParts {
    return {
      named: this.named,
      optimizer: this.optimizer,
      rngs: { batches: this.batchRng, masking: this.maskRng, dropout: this.dropoutRng },
    };
  }

  /**
   * Continues a saved session on the same data: same weights, optimiser state, step and random
   * streams, so the next loss is the one an uninterrupted run would have had. The tensor names
   * and shapes are checked against the config before anything is allocated.
   */
  static restore(state: SessionState, data: TokenSplit): TrainingSession {
    checkStateFits(state);
    const session = new TrainingSession(state.model, state.training, data, state.freeze);
    writeSessionState(session.parts(), state);
    session.iter = state.step;
    return session;
  }

  /**
   * Starts fine-tuning from a pre-trained model: its weights, a fresh optimiser and schedule,
   * new data (already encoded with the base model's tokenizer) and optionally frozen parameters.
   */
  static fromBase(
    base: SessionState,
    training: TrainingConfig,
    data: TokenSplit,
    freeze: Freeze,
  ): TrainingSession {
    const restored = TrainingSession.restore(base, data);
    const session = new TrainingSession(base.model, training, data, freeze);
    tf.tidy(() => {
      session.named.forEach((p, i) => p.variable.assign(restored.named[i]?.variable ?? p.variable));
    });
    restored.dispose();
    return session;
  }

  /** Releases every tensor the session owns. */
  dispose(): void {
    this.helpers?.dispose();
    this.helpers = null;
    disposeParams(this.params);
    this.optimizer.dispose();
  }
}
