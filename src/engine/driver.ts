/**
 * The one training loop the page's run, the CLI and fine-tuning share: bursts planned up to the
 * next evaluation step, timed, read back in one transfer, checked for divergence, and
 * evaluations on schedule. Callers plug in what differs (burst length, what to do with the
 * numbers, when to stop, what to do between bursts).
 */
import type { TrainingConfig } from '../config/config';
import { disposeParams } from './model/params';
import type { ParamsSnapshot, StepMetrics, TrainingSession } from './session';

/** The next evaluation step after `step`: the next multiple of evalInterval, capped at maxIters. */
export function nextEvaluationStep(
  step: number,
  training: Pick<TrainingConfig, 'evalInterval' | 'maxIters'>,
): number {
  const { evalInterval, maxIters } = training;
  return Math.min(maxIters, (Math.floor(step / evalInterval) + 1) * evalInterval);
}

/** The first step whose loss or gradient norm is not a finite number, if any. */
export function findDivergence(steps: readonly StepMetrics[]): StepMetrics | null {
  return steps.find((s) => !Number.isFinite(s.loss) || !Number.isFinite(s.gradNorm)) ?? null;
}

/** Lets queued messages (pause, predict) run before the next burst. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One burst of steps, read back. */
export interface Burst {
  steps: StepMetrics[];
  /** Wall time of the burst, readback included (ms). */
  ms: number;
  /** The first step that diverged (`findDivergence`), if any. */
  diverged: StepMetrics | null;
}

/** How long bursts are. */
export interface BurstPlan {
  /** Aim for bursts of about this long (ms), from the measured time per step; without it, bursts are `maxSteps` long. */
  burstMs?: number;
  /** Never more steps than this in one burst. */
  maxSteps: number;
  /** Stop at the first burst that diverged (default); otherwise train on (the curve shows it). */
  stopWhenDiverged?: boolean;
}

/** What a driven loop does besides training; every hook is optional. */
export interface DriveHooks {
  /** Whether to stop before the next burst (a pause). */
  shouldStop?: () => boolean;
  /** Runs a burst, which uses the model (the page serialises it with predictions). */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Receives every burst, the diverging one included. */
  onBurst?: (burst: Burst) => void | Promise<void>;
  /** Evaluates the current weights, or a copy of earlier ones (`snapshot`). */
  evaluate?: (snapshot?: ParamsSnapshot) => Promise<void>;
  /** Runs between bursts (report progress, yield to the message queue). */
  between?: () => void | Promise<void>;
}

/**
 * When the starting model is evaluated: `before` the first burst, `afterFirstBurst` from a copy
 * of the starting weights (so the first losses are reported at once), or `none` (resuming).
 */
export type StartEvaluation = 'before' | 'afterFirstBurst' | 'none';

/** Why a driven loop ended. */
export type DriveOutcome =
  { kind: 'finished' } | { kind: 'stopped' } | { kind: 'diverged'; at: StepMetrics };

/** Trains one session in bursts and keeps its timing. */
export class TrainingDriver {
  private smoothedMsPerStep = 0;
  private totalMs = 0;

  /** Drives `session`, with bursts as `plan` says. */
  constructor(
    readonly session: TrainingSession,
    private readonly plan: BurstPlan,
  ) {}

  /** Whether the session has taken its whole budget (maxIters). */
  get finished(): boolean {
    return this.session.step >= this.session.training.maxIters;
  }

  /** Time per step, smoothed over bursts (ms; 0 before the first). */
  get msPerStep(): number {
    return this.smoothedMsPerStep;
  }

  /** Training time so far: the bursts' time, readback included (ms). */
  get elapsedMs(): number {
    return this.totalMs;
  }

  /** Steps in the next burst: about `burstMs` long, never past the next evaluation step. */
  planBurst(nextEval: number): number {
    const { burstMs, maxSteps } = this.plan;
    const target =
      burstMs === undefined
        ? maxSteps
        : this.smoothedMsPerStep > 0
          ? Math.round(burstMs / this.smoothedMsPerStep)
          : 1;
    return Math.max(1, Math.min(target, maxSteps, nextEval - this.session.step));
  }

  /** Runs `count` steps, reads them back in one transfer, and times them. */
  async burst(count: number): Promise<Burst> {
    const started = performance.now();
    const steps = await this.session.trainSteps(count);
    const ms = performance.now() - started;
    this.totalMs += ms;
    const perStep = ms / count;
    // Smoothed, so one slow burst (a garbage collection) does not halve the next one.
    this.smoothedMsPerStep =
      this.smoothedMsPerStep === 0 ? perStep : 0.7 * this.smoothedMsPerStep + 0.3 * perStep;
    return { steps, ms, diverged: findDivergence(steps) };
  }

  /** Trains until maxIters, a stop or a divergence, evaluating every evalInterval steps. */
  async run(hooks: DriveHooks = {}, start: StartEvaluation = 'none'): Promise<DriveOutcome> {
    const exclusive = hooks.exclusive ?? ((task) => task());
    // Taken before any await: the weights the first burst starts from.
    let initial = start === 'afterFirstBurst' ? this.session.snapshot() : null;
    try {
      if (start === 'before') await hooks.evaluate?.();
      while (!this.finished && !(hooks.shouldStop?.() ?? false)) {
        const nextEval = nextEvaluationStep(this.session.step, this.session.training);
        const count = this.planBurst(nextEval);
        const burst = await exclusive(() => this.burst(count));
        await hooks.onBurst?.(burst);
        if (initial !== null) {
          const snapshot = initial;
          initial = null;
          try {
            await hooks.evaluate?.(snapshot);
          } finally {
            disposeParams(snapshot.params);
          }
        }
        if (burst.diverged && (this.plan.stopWhenDiverged ?? true)) {
          return { kind: 'diverged', at: burst.diverged };
        }
        if (this.session.step === nextEval) await hooks.evaluate?.();
        await hooks.between?.();
      }
      return this.finished ? { kind: 'finished' } : { kind: 'stopped' };
    } finally {
      if (initial !== null) disposeParams(initial.params);
    }
  }
}
