/**
 * The UI's one store: what the worker said (backend, runs, their points, errors) and the
 * commands the buttons send. It owns the app's `TrainerClient`.
 *
 * Metrics arrive at up to ~5 Hz; points are appended in place and subscribers are notified at
 * most every `NOTIFY_INTERVAL_MS`, so React repaints a few times a second however fast the
 * worker reports. Rare events (ready, run-state, errors) notify at once.
 */
import type { BackendChoice } from '../config/backends';
import type { RunConfig } from '../config/config';
import { assertNever } from '../shared/assertNever';
import type { TrainerClient } from '../worker/client';
import type { EvalPoint, PreparedData, StepPoint, WorkerEvent } from '../worker/protocol';
import type { RunDisplayStatus, RunRecord } from './runs';

/** Minimum time between two throttled notifications (≤ 5 renders per second). */
export const NOTIFY_INTERVAL_MS = 200;

/** The `ready` event: the backend in use. */
export type BackendInfo = Extract<WorkerEvent, { type: 'ready' }>;

/** Everything needed to configure a run from the current settings. */
export interface RunDraft {
  config: RunConfig;
  text: string;
  /** Identifies the settings and text; equal keys mean the same run would be built. */
  settingsKey: string;
  corpusName: string;
  sizeName: string;
  /** Curated text and tokenizer from the data stage; without it, characters of `text`, 90/10. */
  prepared?: PreparedData;
}

/** A `configure` sent and not answered yet. */
export interface PendingRun {
  runId: string;
  /** What to send once it is configured. */
  then: 'start' | 'step-once';
  draft: RunDraft;
}

/** The store's state; replaced (never mutated, apart from run points) on every change. */
export interface PlaygroundState {
  /** The backend asked for. */
  backendChoice: BackendChoice;
  /** `starting` until the worker answers `ready`; `crashed` after a fatal error. */
  worker: 'starting' | 'ready' | 'crashed';
  backend: BackendInfo | null;
  /** Every run, oldest first. */
  runs: RunRecord[];
  /** The run whose model the worker holds, if any. */
  activeRunId: string | null;
  /** The settings the active run was built from. */
  activeSettingsKey: string | null;
  pending: PendingRun | null;
  /** Something the user should know (not an error), e.g. after a backend switch. */
  notice: string | null;
  /** The latest non-fatal error from the worker. */
  error: string | null;
  /** A fatal error: the worker must be restarted. */
  fatal: string | null;
}

const LIVE_STATUSES: readonly RunDisplayStatus[] = ['ready', 'training', 'paused'];

/** Holds the UI state and talks to the worker. */
export class PlaygroundStore {
  private state: PlaygroundState;
  private readonly listeners = new Set<() => void>();
  private lastNotify = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private runCounter = 0;
  /**
   * Subscribes to `client`; call `init` to start the worker's backend. `threads` asks for that
   * many WASM threads and `workers` for at most that many data-parallel workers (null: the
   * worker's defaults, one thread and one worker per core; see src/config/query.ts).
   */
  constructor(
    readonly client: TrainerClient,
    backendChoice: BackendChoice,
    private readonly threads: number | null = null,
    private readonly workers: number | null = null,
  ) {
    this.state = {
      backendChoice,
      worker: 'starting',
      backend: null,
      runs: [],
      activeRunId: null,
      activeSettingsKey: null,
      pending: null,
      notice: null,
      error: null,
      fatal: null,
    };
    client.subscribe((event) => this.receive(event));
  }

  /** Returns the current state (stable between changes, for `useSyncExternalStore`). */
  readonly getSnapshot = (): PlaygroundState => this.state;

  /** Calls `listener` after changes; returns the function that unsubscribes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the worker to start its backend. */
  init(): void {
    this.client.send({
      type: 'init',
      backend: this.state.backendChoice,
      ...(this.threads === null ? {} : { threads: this.threads }),
      ...(this.workers === null ? {} : { workers: this.workers }),
    });
  }

  /** Switches the backend; the worker drops its model, so the next Start builds a new run. */
  setBackend(choice: BackendChoice): void {
    this.endActiveRun('Ended when the backend was switched.');
    this.update(
      {
        backendChoice: choice,
        worker: 'starting',
        pending: null,
        error: null,
        notice: 'Backend switched: press Start to train a new run on it.',
      },
      true,
    );
    this.client.send({ type: 'set-backend', backend: choice });
  }

  /** Replaces a crashed worker with a fresh one; runs already plotted are kept. */
  restartWorker(): void {
    this.endActiveRun('Ended when the worker was restarted.');
    this.client.restart();
    this.update(
      {
        worker: 'starting',
        fatal: null,
        error: null,
        pending: null,
        notice: 'Worker restarted: press Start to train a new run.',
      },
      true,
    );
    this.init();
  }

  /** True if pressing Start would continue the model the worker holds rather than build one. */
  canContinue(settingsKey: string): boolean {
    const active = this.activeRun();
    return (
      active !== undefined &&
      this.state.activeSettingsKey === settingsKey &&
      (active.status === 'ready' || active.status === 'paused')
    );
  }

  /** Starts training: continues the held model if it matches the settings, else builds a run. */
  start(draft: RunDraft): void {
    if (this.state.pending !== null || this.state.worker !== 'ready') return;
    const active = this.activeRun();
    if (active !== undefined && this.canContinue(draft.settingsKey)) {
      this.update({ error: null, notice: null }, true);
      this.client.send({ type: active.status === 'paused' ? 'resume' : 'start' });
      return;
    }
    this.configure(draft, 'start');
  }

  /** Takes one step (building the run first if the settings changed). */
  stepOnce(draft: RunDraft): void {
    if (this.state.pending !== null || this.state.worker !== 'ready') return;
    if (this.canContinue(draft.settingsKey)) {
      this.update({ error: null }, true);
      this.client.send({ type: 'step-once' });
      return;
    }
    this.configure(draft, 'step-once');
  }

  /** Pauses the active run. */
  pause(): void {
    this.client.send({ type: 'pause' });
  }

  /** Resumes the active run. */
  resume(): void {
    this.update({ error: null }, true);
    this.client.send({ type: 'resume' });
  }

  /** Starts the active run's configuration again from a fresh model, as a new run. */
  reset(): void {
    const active = this.activeRun();
    if (active === undefined || this.state.worker !== 'ready') return;
    const runId = this.newRunId();
    const record = this.newRecord(runId, {
      config: active.config,
      corpusName: active.corpusName,
      sizeName: active.sizeName,
    });
    record.summary = active.summary === null ? null : { ...active.summary, runId };
    const settingsKey = this.state.activeSettingsKey;
    this.endActiveRun(`Reset: continued as ${record.label} from a fresh model.`);
    this.update(
      {
        runs: [...this.state.runs, record],
        activeRunId: runId,
        activeSettingsKey: settingsKey,
        error: null,
        notice: null,
      },
      true,
    );
    this.client.send({ type: 'reset', runId });
  }

  /**
   * Makes a run the worker built outside Start (a resumed checkpoint, a fine-tuning run) the
   * active one, with the curves it had so far; its own panel drives it.
   */
  adoptRun(
    runId: string,
    from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'> & { label?: string },
    history: { steps?: StepPoint[]; evals?: EvalPoint[] } = {},
  ): void {
    const record = this.newRecord(runId, from);
    if (from.label) record.label = from.label;
    record.steps.push(...(history.steps ?? []));
    record.evals.push(...(history.evals ?? []));
    record.step = record.steps.at(-1)?.step ?? 0;
    record.status = record.step > 0 ? 'paused' : 'ready';
    this.endActiveRun(`Replaced by ${record.label}.`);
    this.update(
      {
        runs: [...this.state.runs, record],
        activeRunId: runId,
        activeSettingsKey: `adopted:${runId}`,
      },
      true,
    );
  }

  /** Shows or hides a run's curves. */
  toggleRunVisible(runId: string): void {
    this.updateRun(runId, (run) => ({ ...run, visible: !run.visible }), true);
  }

  /** Hides the latest non-fatal error and notice. */
  dismissMessages(): void {
    this.update({ error: null, notice: null }, true);
  }

  /** The run the worker holds, if any. */
  activeRun(): RunRecord | undefined {
    return this.state.runs.find((run) => run.runId === this.state.activeRunId);
  }

  private configure(draft: RunDraft, then: PendingRun['then']): void {
    const runId = this.newRunId();
    this.update({ pending: { runId, then, draft }, error: null, notice: null }, true);
    this.client.send({
      type: 'configure',
      runId,
      config: draft.config,
      text: draft.text,
      ...(draft.prepared ? { prepared: draft.prepared } : {}),
    });
  }

  private newRunId(): string {
    this.runCounter += 1;
    return `run-${this.runCounter}-${Date.now().toString(36)}`;
  }

  private newRecord(
    runId: string,
    from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'>,
  ): RunRecord {
    const index = this.state.runs.length;
    const objective = from.config.training.objective;
    return {
      runId,
      label: `Run ${index + 1}`,
      index,
      colourIndex: this.state.runs.filter((run) => run.objective === objective).length,
      objective,
      config: from.config,
      corpusName: from.corpusName,
      sizeName: from.sizeName,
      summary: null,
      steps: [],
      evals: [],
      samples: [],
      revision: 0,
      status: 'ready',
      statusMessage: null,
      step: 0,
      tokensPerSec: 0,
      elapsedMs: 0,
      memory: null,
      workers: 1,
      visible: true,
    };
  }

  /** Marks the active run as no longer held by the worker (its points stay). */
  private endActiveRun(message: string): void {
    const active = this.activeRun();
    if (active !== undefined && LIVE_STATUSES.includes(active.status)) {
      this.updateRun(active.runId, (run) => ({
        ...run,
        status: 'stopped',
        statusMessage: message,
      }));
    }
    this.state = { ...this.state, activeRunId: null, activeSettingsKey: null };
  }

  private receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'ready': {
        this.update({ worker: 'ready', backend: event, fatal: null }, true);
        return;
      }
      case 'configured': {
        const { pending } = this.state;
        if (pending !== null && pending.runId === event.run.runId) {
          const record = this.newRecord(pending.runId, pending.draft);
          record.summary = event.run;
          this.endActiveRun(`Replaced by ${record.label}.`);
          this.update(
            {
              runs: [...this.state.runs, record],
              activeRunId: record.runId,
              activeSettingsKey: pending.draft.settingsKey,
              pending: null,
            },
            true,
          );
          this.client.send({ type: pending.then });
        } else {
          this.updateRun(event.run.runId, (run) => ({ ...run, summary: event.run }), true);
        }
        return;
      }
      case 'metrics':
        // Only the model the worker holds trains; late points of a run that ended (replaced,
        // or its worker crashed and is still running) would extend a curve that has stopped.
        if (event.runId !== this.state.activeRunId) return;
        this.updateRun(event.runId, (run) => {
          run.steps.push(...event.steps);
          run.evals.push(...event.evals);
          run.samples.push(...event.samples);
          const latest = event.steps[event.steps.length - 1]?.step ?? 0;
          return {
            ...run,
            revision: run.revision + 1,
            step: Math.max(run.step, latest),
            tokensPerSec: event.tokensPerSec,
            elapsedMs: event.elapsedMs,
            memory: event.memory,
            workers: event.workers,
          };
        });
        return;
      case 'predictions':
        return; // answered through `client.predict`
      case 'checkpoint-saved':
      case 'checkpoint-resumed':
      case 'finetune-ready':
      case 'comparison-progress':
      case 'comparison-result':
        return; // answered to the stage that asked (checkpoints, adaptation)
      case 'run-state':
        this.updateRun(
          event.runId,
          (run) => ({
            ...run,
            status: event.status,
            statusMessage: event.message ?? null,
            step: Math.max(run.step, event.step),
          }),
          true,
        );
        return;
      case 'error':
        if (event.requestId !== undefined) return; // a failed prediction: its caller shows it
        if (event.fatal) {
          this.endActiveRun('Ended when the worker stopped.');
          this.update({ worker: 'crashed', fatal: event.message, pending: null }, true);
        } else {
          this.update({ error: event.message, pending: null }, true);
        }
        return;
      default:
        assertNever(event);
    }
  }

  private updateRun(runId: string, change: (run: RunRecord) => RunRecord, immediate = false): void {
    const index = this.state.runs.findIndex((run) => run.runId === runId);
    const run = this.state.runs[index];
    if (run === undefined) return;
    const runs = this.state.runs.slice();
    runs[index] = change(run);
    this.update({ runs }, immediate);
  }

  private update(patch: Partial<PlaygroundState>, immediate = false): void {
    this.state = { ...this.state, ...patch };
    if (immediate) this.notifyNow();
    else this.scheduleNotify();
  }

  private notifyNow(): void {
    if (this.notifyTimer !== null) {
      clearTimeout(this.notifyTimer);
      this.notifyTimer = null;
    }
    this.lastNotify = performance.now();
    for (const listener of this.listeners) listener();
  }

  private scheduleNotify(): void {
    if (this.notifyTimer !== null) return;
    const wait = this.lastNotify + NOTIFY_INTERVAL_MS - performance.now();
    if (wait <= 0) this.notifyNow();
    else this.notifyTimer = setTimeout(() => this.notifyNow(), wait);
  }
}
