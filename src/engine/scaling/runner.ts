/**
 * Runs a queue of planned runs one after another on the shared training driver: each a fresh
 * model on the same token stream with the same seed (so the same data order), evaluated a few
 * times on the same fixed validation batches, with progress, an ETA from the measured rate,
 * Pause/Resume and Cancel (finished runs are kept). The scaling sweep and the data-mixture
 * experiment are both such queues; the worker and the CLI drive the same runner.
 */
import type { ModelConfig } from '../../config/config';
import { trainingFlopsPerToken } from '../../config/size';
import { makeEvaluationBatches } from '../evaluate/batches';
import { measureTokenAccuracySets } from '../evaluate/tokenAccuracy';
import { TrainingDriver, yieldToEvents } from '../driver';
import type { Batch } from '../objectives/batch';
import { TrainingSession } from '../session';
import { trainingCompute } from '../../scaling/plan';
import type {
  QueueJob,
  QueueOutcome,
  QueueProgress,
  SweepPoint,
  SweepRunResult,
} from '../../scaling/types';

export type {
  QueueJob,
  QueueOutcome,
  QueueProgress,
  SweepPoint,
  SweepRunResult,
} from '../../scaling/types';

/** What the queue reports. */
export interface QueueHooks {
  onProgress?: (progress: QueueProgress) => void;
  onRun?: (result: SweepRunResult) => void;
  /** Between bursts (the worker yields to its message queue here). */
  between?: () => Promise<void>;
}

/** Aim for bursts this long, so Pause and Cancel answer quickly. */
const BURST_MS = 100;

/** Validation sets the runs are evaluated on: fixed batches of token streams, by name. */
export type EvaluationSets = Record<string, Int32Array>;

/** Runs jobs in order. */
export class RunQueue {
  private pausedFlag = false;
  private cancelled = false;
  private wake: (() => void) | null = null;
  readonly results: SweepRunResult[] = [];
  /** FLOPs per second measured on the latest burst. */
  private flopRate = 0;

  constructor(
    private readonly jobs: readonly QueueJob[],
    private readonly evalSets: EvaluationSets,
    private readonly vocabSize: number,
    private readonly hooks: QueueHooks = {},
  ) {}

  get paused(): boolean {
    return this.pausedFlag;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.wake?.();
  }

  /** Stops after the current burst; finished runs are kept. */
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  private modelOf(job: QueueJob): ModelConfig {
    return { ...job.run.model, vocabSize: this.vocabSize };
  }

  /** Training FLOPs of jobs from `index` on, the first counted from `step`. */
  private flopsLeft(index: number, step: number): number {
    let flops = 0;
    for (let i = index; i < this.jobs.length; i++) {
      const job = this.jobs[i];
      if (!job) continue;
      const steps = job.run.training.maxIters - (i === index ? step : 0);
      const tokens = steps * job.run.training.batchSize * job.run.model.blockSize;
      flops += tokens * trainingFlopsPerToken(this.modelOf(job));
    }
    return flops;
  }

  private report(index: number, session: TrainingSession | null, driver: TrainingDriver | null) {
    const job = this.jobs[index];
    if (!job || !this.hooks.onProgress) return;
    const total = this.flopsLeft(0, 0);
    const left = this.flopsLeft(index, session?.step ?? 0);
    const msPerStep = driver?.msPerStep ?? 0;
    const tokensPerSec = msPerStep > 0 && session ? (1000 * session.tokensPerStep) / msPerStep : 0;
    this.hooks.onProgress({
      index,
      total: this.jobs.length,
      runId: job.run.id,
      label: job.run.label,
      step: session?.step ?? 0,
      steps: job.run.training.maxIters,
      tokensPerSec,
      etaMs: this.flopRate > 0 ? (1000 * left) / this.flopRate : null,
      fraction: total > 0 ? 1 - left / total : 0,
      paused: this.pausedFlag,
    });
  }

  /** Waits while paused; true when cancelled. */
  private async holdWhilePaused(index: number): Promise<boolean> {
    while (this.pausedFlag && !this.cancelled) {
      this.report(index, null, null);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
    return this.cancelled;
  }

  /** Runs every job (or until cancelled). */
  async run(): Promise<QueueOutcome> {
    for (let index = 0; index < this.jobs.length; index++) {
      if (await this.holdWhilePaused(index)) return 'cancelled';
      const job = this.jobs[index];
      if (!job) continue;
      const result = await this.runJob(index, job);
      if (result === null) return 'cancelled';
      this.results.push(result);
      this.hooks.onRun?.(result);
    }
    return 'finished';
  }

  /** One job; null when cancelled during it. */
  private async runJob(index: number, job: QueueJob): Promise<SweepRunResult | null> {
    const model = this.modelOf(job);
    const { training } = job.run;
    const firstSet = Object.keys(this.evalSets)[0] ?? 'val';
    const session = new TrainingSession(model, training, {
      train: job.train,
      val: this.evalSets[firstSet] ?? new Int32Array(),
    });
    const batches: Record<string, Batch[]> = {};
    for (const [name, tokens] of Object.entries(this.evalSets)) {
      batches[name] = makeEvaluationBatches(tokens, 'val', model, training);
    }
    const driver = new TrainingDriver(session, { burstMs: BURST_MS, maxSteps: 50 });
    const points: SweepPoint[] = [];
    let losses: Record<string, number> = {};
    let trainLoss = NaN;
    let diverged = false;
    let started = false;
    const flopsPerToken = trainingFlopsPerToken(model);
    try {
      for (;;) {
        const outcome = await driver.run(
          {
            shouldStop: () => this.pausedFlag || this.cancelled,
            onBurst: (burst) => {
              const finite = burst.steps.filter((s) => Number.isFinite(s.loss));
              if (finite.length > 0)
                trainLoss = finite.reduce((sum, s) => sum + s.loss, 0) / finite.length;
              const tokens = burst.steps.length * session.tokensPerStep;
              if (burst.ms > 0) this.flopRate = (1000 * tokens * flopsPerToken) / burst.ms;
            },
            evaluate: async () => {
              const measured = await measureTokenAccuracySets(
                session.params,
                model,
                training.objective,
                batches,
              );
              losses = Object.fromEntries(
                Object.entries(measured).map(([name, value]) => [name, value.loss]),
              );
              const tokens = session.step * session.tokensPerStep;
              points.push({
                tokens,
                compute: trainingCompute(job.run.params, tokens),
                valLoss: losses[firstSet] ?? NaN,
              });
            },
            between: async () => {
              this.report(index, session, driver);
              await (this.hooks.between ?? yieldToEvents)();
            },
          },
          started ? 'none' : 'before',
        );
        started = true;
        if (outcome.kind === 'diverged') {
          diverged = true;
          break;
        }
        if (outcome.kind === 'finished') break;
        if (await this.holdWhilePaused(index)) return null;
      }
      this.report(index, session, driver);
      const msPerStep = driver.elapsedMs / Math.max(1, session.step);
      return {
        id: job.run.id,
        label: job.run.label,
        width: job.run.width,
        nLayer: job.run.model.nLayer,
        params: job.run.params,
        tokens: job.run.tokens,
        compute: job.run.compute,
        valLoss: diverged ? NaN : (losses[firstSet] ?? NaN),
        losses,
        trainLoss,
        tokensPerSec: msPerStep > 0 ? (1000 * session.tokensPerStep) / msPerStep : 0,
        trainingMs: driver.elapsedMs,
        points,
        ...(diverged ? { diverged } : {}),
      };
    } finally {
      session.dispose();
    }
  }
}
