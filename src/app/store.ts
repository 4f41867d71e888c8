/**
 * The UI's one store: state (what the workers said, the settings, the open step) and the
 * commands the page sends. UI components read it and call its commands; only the store talks to
 * the bridge, which owns the workers and the checkpoint store.
 *
 * Metrics arrive at up to ~5 Hz; points are appended in place and subscribers are notified at
 * most every `NOTIFY_INTERVAL_MS`, so React repaints a few times a second however fast the
 * worker reports. Rare events (ready, run-state, errors) notify at once.
 */
import type { Bridge, Prediction } from '../bridge/bridge';
import type { BackendChoice } from '../config/backends';
import type { RunConfig } from '../config/config';
import { matchingPreset, presetById } from '../config/presets';
import type { EvalPoint, PredictRequest, StepPoint, WorkerEvent } from '../worker/protocol';
import { startBlockers } from './blockers';
import { CheckpointCommands } from './checkpoint-commands';
import { Notifier } from './notifier';
import { PipelineStore, type PipelineState } from './pipeline';
import { applyEvent, withoutActiveRun, withRun } from './run-events';
import type { RunRecord } from './runs';
import { newRecord } from './runs';
import type { PlaygroundState, RunInputs, StepId } from './state';
import { staleReasons } from './state';

export type { PlaygroundState } from './state';
export type { EventOf, Prediction } from '../bridge/bridge';

export { NOTIFY_INTERVAL_MS } from './notifier';

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
  /** Checkpoints: save, import, resume, export, fine-tune (see checkpoint-commands.ts). */
  readonly checkpoints: CheckpointCommands;
  private readonly notifier = new Notifier();
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
      () => this.notifier.now(),
      options.corpusId ?? null,
    );
    this.checkpoints = new CheckpointCommands(bridge, {
      activeRun: () => this.activeRun(),
      config: () => this.state.config,
      newRunId: () => this.newRunId(),
      adoptRun: (runId, from, history) => this.adoptRun(runId, from, history),
    });
    bridge.onEvent((event) => this.receive(event));
  }

  /** Returns the current state (stable between changes, for `useSyncExternalStore`). */
  readonly getSnapshot = (): PlaygroundState => this.state;

  /** Calls `listener` after changes (of this state or the pipeline's); returns the unsubscriber. */
  readonly subscribe = this.notifier.subscribe;

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
    this.notifier.now();
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

  newRunId(): string {
    this.runCounter += 1;
    return `run-${this.runCounter}-${Date.now().toString(36)}`;
  }

  private receive(event: WorkerEvent): void {
    const { state, immediate } = applyEvent(this.state, event);
    this.state = state;
    if (immediate) this.notifier.now();
    else if (event.type === 'metrics') this.notifier.soon();
  }

  private update(patch: Partial<PlaygroundState>, immediate = false): void {
    this.state = { ...this.state, ...patch };
    if (immediate) this.notifier.now();
    else this.notifier.soon();
  }
}
