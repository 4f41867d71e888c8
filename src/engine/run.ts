/**
 * A training run as the worker drives it: a session trained (by the shared driver) in short
 * bursts that yield to the message queue between them (so Pause and Predict take effect within
 * a burst), losses read back once per burst, metrics handed out at a bounded rate, evaluations
 * on schedule, and a stop with a message when the loss stops being a number.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, RunConfig } from '../config/config';
import { countParameters, trainingFlopsPerToken } from '../config/size';
import type { TokenSplit } from '../data/batcher';
import { createRng, deriveSeed, type Rng } from '../shared/rng';
import type { Tokenizer } from '../tokenizer/tokenizer';
import type { Candidate, AttentionPattern, NextTokenOptions } from './predict';
import { predictFillIn, predictNextToken } from './predict';
import type { EvaluationReport, SampleReport } from './run-evaluation';
import { RunEvaluator } from './run-evaluation';
import type { Burst } from './driver';
import { TrainingDriver, yieldToEvents } from './driver';
import type { ParamsSnapshot, StepMetrics } from './session';
import { disposeParams } from './model/params';
import {
  InferenceUnavailable,
  readWeights,
  weightsToParams,
  type RemoteInference,
  type WeightsCopy,
} from './inference';
import type { SessionState } from './session-state';
import { TrainingSession } from './session';

/** What a run is doing. */
export type RunStatus = 'ready' | 'training' | 'paused' | 'done' | 'diverged';

/** A batch of progress handed to the listener. */
export interface RunProgress {
  steps: StepMetrics[];
  evals: (EvaluationReport & { tokensSeen: number })[];
  samples: SampleReport[];
  tokensPerSec: number;
  /** Training time so far: the bursts' time, readback included; evaluations and pauses excluded. */
  elapsedMs: number;
  /** tfjs's live tensors and their bytes, read after the latest burst (`tf.memory()`). */
  memory: { numTensors: number; numBytes: number };
  /** Workers that shared the latest steps (more than 1 in data-parallel training). */
  workers: number;
}

/** What a run collects between two progress reports. */
type BufferedProgress = Pick<RunProgress, 'steps' | 'evals' | 'samples'>;

/** Where a run reports to. */
export interface RunListener {
  progress(progress: RunProgress): void;
  status(status: RunStatus, step: number, message?: string): void;
}

/** Timing knobs; tests may shorten them. */
export interface RunTiming {
  /** Aim for bursts of about this long, so commands wait at most this long. */
  burstMs: number;
  /** Hand out progress at most this often. */
  progressMs: number;
}

const DEFAULT_TIMING: RunTiming = { burstMs: 80, progressMs: 200 };

/** Longest burst, in steps, whatever the time per step. */
const MAX_BURST_STEPS = 50;

/** One model trained on one text. */
export class TrainingRun {
  readonly session: TrainingSession;
  readonly model: ModelConfig;
  private state: RunStatus = 'ready';
  private loop: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private buffered: BufferedProgress = { steps: [], evals: [], samples: [] };
  private lastProgressAt = 0;
  private evaluatedAtStart = false;
  private readonly driver: TrainingDriver;
  private readonly sampleRng: Rng;
  private readonly evaluator: RunEvaluator;
  /** Where evaluations and predictions run instead of between bursts, if anywhere. */
  private remote: RemoteInference | null = null;
  /** The evaluation running elsewhere, if any: at most one at a time. */
  private remoteEvaluation: Promise<void> = Promise.resolve();

  /**
   * Builds a fresh model for the data, or drives `session` (restored from a checkpoint, or
   * fine-tuning a base). Throws (with a message for people) if it cannot.
   */
  constructor(
    readonly runId: string,
    readonly config: RunConfig,
    readonly tokenizer: Tokenizer,
    data: TokenSplit,
    private readonly listener: RunListener,
    private readonly timing: RunTiming = DEFAULT_TIMING,
    session?: TrainingSession,
  ) {
    this.model = { ...config.model, vocabSize: tokenizer.vocabSize };
    this.session = session ?? new TrainingSession(this.model, config.training, data);
    this.driver = new TrainingDriver(this.session, {
      burstMs: timing.burstMs,
      maxSteps: MAX_BURST_STEPS,
    });
    if (session) {
      this.evaluatedAtStart = session.step > 0;
      this.state = session.step > 0 ? 'paused' : 'ready';
    }
    this.sampleRng = createRng(deriveSeed(config.training.seed, 'samples'));
    this.evaluator = new RunEvaluator(
      this.predictor(),
      config.training.objective,
      data,
      config.training.seed,
    );
  }

  /** Parameter count, FLOPs and data sizes. */
  describe(): { parameterCount: number; flopsPerToken: number; tokensPerStep: number } {
    return {
      parameterCount: countParameters(this.model),
      flopsPerToken: trainingFlopsPerToken(this.model),
      tokensPerStep: this.session.tokensPerStep,
    };
  }

  /**
   * Evaluates and predicts with `remote` (another worker's copy of the model, handed copies of
   * the weights) instead of between bursts, so training never waits for them; null: here again.
   */
  useInference(remote: RemoteInference | null): void {
    this.remote?.dispose();
    this.remote = remote;
  }

  /** Whether evaluations and predictions run elsewhere (`useInference`). */
  get inferenceElsewhere(): boolean {
    return this.remote !== null;
  }

  /** The current status. */
  get status(): RunStatus {
    return this.state;
  }

  private setStatus(status: RunStatus, message?: string): void {
    this.state = status;
    this.listener.status(status, this.session.step, message);
  }

  /** Runs `task` when no other task of this run is using the model (bursts, predictions). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private get finished(): boolean {
    return this.driver.finished;
  }

  /** Starts (or resumes) training in the background. */
  start(): void {
    if (this.loop || this.state === 'diverged' || this.finished) return;
    this.setStatus('training');
    this.loop = this.trainLoop().finally(() => {
      this.loop = null;
    });
  }

  /** Stops after the current burst; resolves when stopped. */
  async pause(): Promise<void> {
    if (this.state !== 'training') return;
    this.setStatus('paused');
    await this.loop;
    this.flush();
  }

  /** Takes exactly one step (when not training). */
  async stepOnce(): Promise<void> {
    if (this.loop || this.state === 'diverged' || this.finished) return;
    await this.exclusive(async () => this.record(await this.driver.burst(1)));
    this.flush();
    if (this.state === 'ready') this.setStatus('paused');
    else if (this.status !== 'diverged' && this.finished) await this.finish();
  }

  private async trainLoop(): Promise<void> {
    // The starting model is evaluated from a copy, after the first burst has been reported:
    // the loss curve starts at once, not after an evaluation that takes seconds on a large
    // model (and tens of seconds on a slow backend).
    const start = this.evaluatedAtStart ? 'none' : 'afterFirstBurst';
    this.evaluatedAtStart = true;
    const outcome = await this.driver.run(
      {
        shouldStop: () => this.state !== 'training',
        exclusive: (task) => this.exclusive(task),
        onBurst: (burst) => this.record(burst),
        evaluate: async (snapshot) => {
          if (snapshot) this.flush();
          await this.exclusive(() => this.evaluate(snapshot));
        },
        between: async () => {
          if (performance.now() - this.lastProgressAt >= this.timing.progressMs) this.flush();
          await yieldToEvents();
        },
      },
      start,
    );
    // The last evaluation may still be running elsewhere: its point belongs before the end.
    await this.remoteEvaluation;
    if (outcome.kind === 'diverged') return;
    this.flush();
    if (this.state === 'training' && this.finished) await this.finish();
  }

  private async finish(): Promise<void> {
    this.flush();
    this.setStatus('done');
  }

  /** Buffers a burst's steps, and stops the run if it diverged. */
  private record(burst: Burst): void {
    this.buffered.steps.push(...burst.steps);
    const bad = burst.diverged;
    if (bad) {
      this.flush();
      const what = Number.isFinite(bad.loss)
        ? `the gradient norm became ${bad.gradNorm}`
        : `the loss became ${bad.loss}`;
      this.setStatus(
        'diverged',
        `Training diverged at step ${bad.step}: ${what}. The run is paused and its curve kept; start a new run with a lower learning rate.`,
      );
    }
  }

  /** Evaluates the current weights, or a copy of earlier ones (`snapshot`). */
  private async evaluate(snapshot?: ParamsSnapshot): Promise<void> {
    const remote = this.remote;
    if (remote !== null) {
      const weights = await readWeights(
        snapshot?.params ?? this.session.params,
        snapshot?.step ?? this.session.step,
      );
      // One evaluation elsewhere at a time: training waits only when they take longer than the
      // steps between two of them.
      await this.remoteEvaluation;
      this.remoteEvaluation = remote.evaluate(weights, this.isSampleStep(weights.step)).then(
        ({ report: measured, sample }) => {
          const report = this.evaluator.shareItems(measured);
          this.buffered.evals.push({
            ...report,
            tokensSeen: report.step * this.session.tokensPerStep,
          });
          if (sample) this.buffered.samples.push(sample);
          if (this.state !== 'training') this.flush();
        },
        async () => {
          // The other worker failed: this evaluation and the next ones run here, from the
          // same weights.
          if (this.remote === remote) this.useInference(null);
          await this.evaluateHere(weights);
        },
      );
      return;
    }
    const report = await this.evaluator.report(
      await this.session.evaluate(snapshot),
      snapshot?.params,
    );
    this.buffered.evals.push({ ...report, tokensSeen: report.step * this.session.tokensPerStep });
    if (this.isSampleStep(report.step)) {
      const sample = await this.evaluator.sample(report.step, snapshot?.params);
      if (sample) this.buffered.samples.push(sample);
    }
  }

  /** Evaluates a copy of the weights here (when the inference worker could not). */
  private async evaluateHere(weights: WeightsCopy): Promise<void> {
    const params = weightsToParams(weights, this.session.params);
    try {
      await this.exclusive(() => this.evaluate({ params, step: weights.step }));
    } finally {
      disposeParams(params);
    }
    if (this.state !== 'training') this.flush();
  }

  /** Samples at the start, at the end, and at about eight evaluations between. */
  private isSampleStep(step: number): boolean {
    const { evalInterval, maxIters } = this.config.training;
    const every = evalInterval * Math.max(1, Math.round(maxIters / 8 / evalInterval));
    return step === 0 || step === maxIters || step % every === 0;
  }

  /** Hands buffered steps and evaluations to the listener. */
  private flush(): void {
    if (this.buffered.steps.length === 0 && this.buffered.evals.length === 0) return;
    this.lastProgressAt = performance.now();
    const { numTensors, numBytes } = tf.memory();
    const { msPerStep, elapsedMs } = this.driver;
    this.listener.progress({
      ...this.buffered,
      tokensPerSec: msPerStep > 0 ? (1000 * this.session.tokensPerStep) / msPerStep : 0,
      elapsedMs,
      memory: { numTensors, numBytes },
      workers: this.session.workers,
    });
    this.buffered = { steps: [], evals: [], samples: [] };
  }

  /**
   * The session's state between two bursts (read back without stopping training for longer
   * than the transfer); the steps taken so far are handed to the listener first, so a curve
   * saved with the state reaches its step.
   */
  saveState(): Promise<SessionState> {
    return this.exclusive(async () => {
      this.flush();
      return this.session.saveState();
    });
  }

  /** Next-token prediction with the current weights (waits for the current burst). */
  predictNext(
    prompt: string,
    options: NextTokenOptions,
  ): Promise<{ top: Candidate[]; sample: string; attention: AttentionPattern }> {
    return this.predictWith(
      (remote, weights) => remote.predictNext(weights, prompt, options),
      () => predictNextToken(this.predictor(), prompt, options, this.sampleRng),
    );
  }

  /** Fill-in prediction with the current weights (waits for the current burst). */
  predictFill(
    text: string,
    options: { topK: number; attentionLayer: number; attentionHead: number },
  ): Promise<{ masks: { position: number; top: Candidate[] }[]; attention: AttentionPattern }> {
    return this.predictWith(
      (remote, weights) => remote.predictFill(weights, text, options),
      () => predictFillIn(this.predictor(), text, options),
    );
  }

  /**
   * Predicts elsewhere (`remote`, with the weights copied between two bursts) when the run has
   * an inference worker, else here between bursts (`here`). When the inference worker is
   * unavailable, the run stops using it and answers here; a problem with the request itself is
   * rethrown.
   */
  private async predictWith<T>(
    elsewhere: (remote: RemoteInference, weights: WeightsCopy) => Promise<T>,
    here: () => Promise<T>,
  ): Promise<T> {
    const remote = this.remote;
    if (remote === null) return this.exclusive(here);
    try {
      const weights = await this.exclusive(() =>
        readWeights(this.session.params, this.session.step),
      );
      return await elsewhere(remote, weights);
    } catch (error) {
      if (!(error instanceof InferenceUnavailable)) throw error;
      if (this.remote === remote) this.useInference(null);
      return this.exclusive(here);
    }
  }

  /** Which spans of `text` the run's training data contains verbatim. */
  findMemorised(text: string): ReturnType<RunEvaluator['findMemorised']> {
    return this.evaluator.findMemorised(this.tokenizer.encode(text));
  }

  private predictor(): {
    params: TrainingSession['params'];
    config: ModelConfig;
    tokenizer: Tokenizer;
  } {
    return { params: this.session.params, config: this.model, tokenizer: this.tokenizer };
  }

  /** Stops training and frees the model once nothing is using it. */
  async dispose(): Promise<void> {
    if (this.state === 'training') this.state = 'paused';
    await this.loop;
    // The driver has freed its copy of the starting weights when its loop ended.
    await this.exclusive(async () => this.session.dispose());
    this.useInference(null);
  }
}
