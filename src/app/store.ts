/**
 * The UI's one store: state (what the workers said, the settings, the open step) and the
 * commands the page sends. UI components read it and call its commands; only the store talks to
 * the bridge, which owns the workers and the checkpoint store.
 *
 * Metrics arrive at up to ~5 Hz; points are appended in place and subscribers are notified at
 * most every `NOTIFY_INTERVAL_MS`, so React repaints a few times a second however fast the
 * worker reports. Rare events (ready, run-state, errors) notify at once.
 */
import type { Bridge, CompareRequest, FinetuneRequest, Prediction } from '../bridge/bridge';
import type { BackendChoice } from '../config/backends';
import type { RunConfig } from '../config/config';
import { matchingPreset, presetById } from '../config/presets';
import type { CheckpointInfo } from '../storage/checkpoints';
import type {
  ComparisonCurve,
  ComparisonResult,
  EvalPoint,
  PredictRequest,
  StepPoint,
  WorkerEvent,
} from '../worker/protocol';
import { startBlockers } from './blockers';
import { PipelineStore, type PipelineState } from './pipeline';
import { applyEvent, withoutActiveRun, withRun } from './run-events';
import type { RunRecord } from './runs';
import { newRecord } from './runs';
import type { PlaygroundState, RunInputs, StepId } from './state';
import { staleReasons } from './state';

export type { PlaygroundState } from './state';
export type { EventOf, Prediction } from '../bridge/bridge';

/** Minimum time between two throttled notifications (≤ 5 renders per second). */
export const NOTIFY_INTERVAL_MS = 200;

/** How the store starts: the backend and settings a link asked for. */
export interface StoreOptions {
  backend: BackendChoice;
  config: RunConfig;
  /** WASM threads and data-parallel workers (null: the worker's defaults). */
  threads?: number | null;
  workers?: number | null;
  /** Where the app is served from (the corpora are under it). */
  baseUrl?: string;
  corpusId?: string | null;
  step?: StepId;
}

/** Holds the UI state and sends the page's commands through the bridge. */
export class PlaygroundStore {
  private state: PlaygroundState;
  /** The data steps (Data, Curate, Tokenize). */
  readonly pipeline: PipelineStore;
  private readonly listeners = new Set<() => void>();
  private lastNotify = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private runCounter = 0;

  /** Subscribes to the bridge; call `init` to start the backend and the data pipeline. */
  constructor(
    private readonly bridge: Bridge,
    private readonly options: StoreOptions,
  ) {
    this.state = {
      backendChoice: options.backend,
      worker: 'starting',
      backend: null,
      config: options.config,
      step: options.step ?? 'data',
      runs: [],
      activeRunId: null,
      activeInputs: null,
      pending: null,
      notice: null,
      error: null,
      fatal: null,
    };
    this.pipeline = new PipelineStore(
      bridge,
      options.baseUrl ?? '/',
      () => this.notifyNow(),
      options.corpusId ?? null,
    );
    bridge.onEvent((event) => this.receive(event));
  }

  /** Returns the current state (stable between changes, for `useSyncExternalStore`). */
  readonly getSnapshot = (): PlaygroundState => this.state;

  /** Calls `listener` after changes (of this state or the pipeline's); returns the unsubscriber. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the training worker's backend and the data pipeline. */
  init(): void {
    const { threads = null, workers = null } = this.options;
    this.bridge.send({
      type: 'init',
      backend: this.state.backendChoice,
      ...(threads === null ? {} : { threads }),
      ...(workers === null ? {} : { workers }),
    });
    void this.pipeline.init();
  }

  /** Opens a step of the pipeline. */
  setStep(step: StepId): void {
    this.update({ step }, true);
  }

  /** Changes the model and training settings (they count at the next new run). */
  setConfig(config: RunConfig): void {
    this.update({ config }, true);
  }

  /** What a Start would build from now, or null while the data are not chosen. */
  currentInputs(pipeline: PipelineState = this.pipeline.getSnapshot()): RunInputs | null {
    const { wanted } = pipeline;
    return wanted === null ? null : { ...wanted, settings: JSON.stringify(this.state.config) };
  }

  /** What changed upstream since the active run was built (empty: Start continues it). */
  staleReasons(): string[] {
    return staleReasons(this.state.activeInputs, this.currentInputs());
  }

  /** Why Start cannot build a run now (empty: it can). */
  blockers(): string[] {
    return startBlockers(this.state.config, this.pipeline.getSnapshot());
  }

  /** Switches the backend; the worker drops its model, so the next Start builds a new run. */
  setBackend(choice: BackendChoice): void {
    const ended = withoutActiveRun(this.state, 'Ended when the backend was switched.');
    this.state = ended;
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
    this.bridge.send({ type: 'set-backend', backend: choice });
  }

  /** Replaces a crashed worker with a fresh one; runs already plotted are kept. */
  restartWorker(): void {
    this.state = withoutActiveRun(this.state, 'Ended when the worker was restarted.');
    this.bridge.restartTrainer();
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

  /** True if Start would continue the model the worker holds rather than build one. */
  canContinue(): boolean {
    const active = this.activeRun();
    const continuable = active?.status === 'ready' || active?.status === 'paused';
    if (!continuable) return false;
    // A run built from a checkpoint or for fine-tuning has no inputs: its own panel drives it.
    return this.state.activeInputs === null || this.staleReasons().length === 0;
  }

  /**
   * Start: continues the held model if nothing changed upstream, else builds a run on the
   * prepared tokens and the settings and starts it — one command.
   */
  start(): void {
    this.run('start');
  }

  /** Takes one step (building the run first if anything changed). */
  stepOnce(): void {
    this.run('step-once');
  }

  private run(then: 'start' | 'step-once'): void {
    if (this.state.pending !== null || this.state.worker !== 'ready') return;
    const active = this.activeRun();
    if (active !== undefined && this.canContinue()) {
      this.update({ error: null, notice: null }, true);
      this.bridge.send({ type: then === 'start' && active.status === 'paused' ? 'resume' : then });
      return;
    }
    void this.configure(then);
  }

  private async configure(then: 'start' | 'step-once'): Promise<void> {
    const pipeline = this.pipeline.getSnapshot();
    const inputs = this.currentInputs(pipeline);
    const { preparedKey, dataset, tokens } = pipeline;
    if (this.blockers().length > 0 || inputs === null || preparedKey !== inputs.tokensKey) return;
    const runId = this.newRunId();
    const { config } = this.state;
    const preset = matchingPreset(config);
    const tokenizer = tokens.latest?.kind ?? 'char';
    const from = {
      config,
      corpusName: `${dataset?.name ?? 'data'} (${tokenizer})`,
      sizeName: preset === null ? 'Custom' : presetById(preset).name,
    };
    this.update({ pending: { runId, inputs, from }, error: null, notice: null }, true);
    try {
      const data = await this.bridge.tokens(preparedKey);
      this.bridge.send({ type: 'configure', runId, config, data, then }, [
        data.train.buffer,
        data.val.buffer,
      ]);
    } catch (error) {
      this.update(
        { pending: null, error: `The data could not be prepared: ${String(error)}` },
        true,
      );
    }
  }

  /** Pauses the active run. */
  pause(): void {
    this.bridge.send({ type: 'pause' });
  }

  /** Resumes the active run. */
  resume(): void {
    this.update({ error: null }, true);
    this.bridge.send({ type: 'resume' });
  }

  /** Starts the active run's configuration again from a fresh model, as a new run. */
  reset(): void {
    const active = this.activeRun();
    if (active === undefined || this.state.worker !== 'ready') return;
    const runId = this.newRunId();
    const record = newRecord(this.state.runs, runId, active);
    record.summary = active.summary === null ? null : { ...active.summary, runId };
    const inputs = this.state.activeInputs;
    this.state = withoutActiveRun(
      this.state,
      `Reset: continued as ${record.label} from a fresh model.`,
    );
    this.update(
      {
        runs: [...this.state.runs, record],
        activeRunId: runId,
        activeInputs: inputs,
        error: null,
        notice: null,
      },
      true,
    );
    this.bridge.send({ type: 'reset', runId });
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
    const record = newRecord(this.state.runs, runId, from);
    record.steps.push(...(history.steps ?? []));
    record.evals.push(...(history.evals ?? []));
    record.step = record.steps.at(-1)?.step ?? 0;
    record.status = record.step > 0 ? 'paused' : 'ready';
    this.state = withoutActiveRun(this.state, `Replaced by ${record.label}.`);
    this.update(
      { runs: [...this.state.runs, record], activeRunId: runId, activeInputs: null },
      true,
    );
  }

  /** Shows or hides a run's curves. */
  toggleRunVisible(runId: string): void {
    this.state = withRun(this.state, runId, (run) => ({ ...run, visible: !run.visible }));
    this.notifyNow();
  }

  /** Hides the latest non-fatal error and notice. */
  dismissMessages(): void {
    this.update({ error: null, notice: null }, true);
  }

  /** The run the worker holds, if any. */
  activeRun(): RunRecord | undefined {
    return this.state.runs.find((run) => run.runId === this.state.activeRunId);
  }

  /** Predictions of the current model (or a fine-tuning run's base). */
  predict(request: PredictRequest, model: 'current' | 'base' = 'current'): Promise<Prediction> {
    return this.bridge.predict(request, model);
  }

  /** Calls `listener` with the training worker's events (live views refresh on metrics). */
  onWorkerEvent(listener: (event: WorkerEvent) => void): () => void {
    return this.bridge.onEvent(listener);
  }

  /** Saves the active run in browser storage, with its curves. */
  saveCheckpoint(name: string): Promise<CheckpointInfo> {
    const run = this.activeRun();
    const extra =
      run === undefined
        ? null
        : {
            label: run.label,
            corpusName: run.corpusName,
            sizeName: run.sizeName,
            config: run.config,
            steps: run.steps,
            evals: run.evals,
          };
    return this.bridge.saveCheckpoint(name, extra);
  }

  importCheckpoint(fileName: string, bytes: ArrayBuffer): Promise<CheckpointInfo> {
    return this.bridge.importCheckpoint(fileName, bytes);
  }

  /** Loads a stored checkpoint as the active run, paused at its step, with its saved curves. */
  async resumeCheckpoint(id: string): Promise<{ runId: string; info: CheckpointInfo }> {
    const answer = await this.bridge.resumeCheckpoint(id, this.newRunId());
    const extra = (
      typeof answer.extra === 'object' && answer.extra !== null ? answer.extra : {}
    ) as {
      corpusName?: unknown;
      sizeName?: unknown;
      config?: RunConfig;
      steps?: StepPoint[];
      evals?: EvalPoint[];
    };
    this.adoptRun(
      answer.runId,
      {
        config: extra.config ?? this.state.config,
        corpusName: typeof extra.corpusName === 'string' ? extra.corpusName : 'saved data',
        sizeName: typeof extra.sizeName === 'string' ? extra.sizeName : 'Saved',
        label: answer.info.name,
      },
      {
        steps: Array.isArray(extra.steps) ? extra.steps : [],
        evals: Array.isArray(extra.evals) ? extra.evals : [],
      },
    );
    return { runId: answer.runId, info: answer.info };
  }

  /**
   * Builds a fine-tuning run from a checkpoint and starts it; its record carries the
   * checkpoint's own model config (not the settings on the Model step).
   */
  async fineTune(
    request: Omit<FinetuneRequest, 'runId'>,
    baseName: string,
  ): Promise<Awaited<ReturnType<Bridge['configureFinetune']>>> {
    const runId = this.newRunId();
    const answer = await this.bridge.configureFinetune({ ...request, runId });
    this.adoptRun(runId, {
      config: answer.config,
      corpusName: `task (fine-tuning ${baseName})`,
      sizeName: 'Fine-tuned',
      label: `Fine-tuned ${baseName}`,
    });
    this.bridge.send({ type: 'start' });
    return answer;
  }

  /** Fine-tune versus scratch on the same task data; `onCurve` receives each finished curve. */
  compare(
    request: CompareRequest,
    onCurve: (curve: ComparisonCurve) => void,
  ): Promise<ComparisonResult> {
    return this.bridge.compare(request, onCurve);
  }

  listCheckpoints(): Promise<CheckpointInfo[]> {
    return this.bridge.listCheckpoints();
  }

  loadCheckpoint(id: string): Promise<Uint8Array> {
    return this.bridge.loadCheckpoint(id);
  }

  renameCheckpoint(id: string, name: string): Promise<CheckpointInfo> {
    return this.bridge.renameCheckpoint(id, name);
  }

  removeCheckpoint(id: string): Promise<void> {
    return this.bridge.removeCheckpoint(id);
  }

  private newRunId(): string {
    this.runCounter += 1;
    return `run-${this.runCounter}-${Date.now().toString(36)}`;
  }

  private receive(event: WorkerEvent): void {
    const { state, immediate } = applyEvent(this.state, event);
    this.state = state;
    if (immediate) this.notifyNow();
    else if (event.type === 'metrics') this.scheduleNotify();
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
