/**
 * The UI's one store: state (what the workers said, the settings, the open step) and the
 * commands the page sends. UI components read it and call its commands; only the store talks to
 * the bridge, which owns the workers and the checkpoint store.
 *
 * Metrics arrive at up to ~5 Hz; points are appended in place and subscribers are notified at
 * most every `NOTIFY_INTERVAL_MS`, so React repaints a few times a second however fast the
 * worker reports. Rare events (ready, run-state, errors) notify at once.
 */
import { keepAutoChoice, loadAutoChoice } from './auto-choice';
import type { Bridge, Prediction } from '../bridge/bridge';
import type { BackendChoice } from '../config/backends';
import type { InferencePlace } from '../config/query';
import type { RunConfig } from '../config/config';
import type { PredictRequest, WorkerEvent } from '../worker/protocol';
import { errorMessage } from '../shared/errors';
import { Autosaver, NO_AUTOSAVE } from './autosave';
import { startBlockers } from './blockers';
import { CheckpointCommands } from './checkpoint-commands';
import { Notifier } from './notifier';
import { LessonCommands } from './lesson-commands';
import { RunCommands } from './run-commands';
import { ScalingLab } from './scaling-lab';
import { SetupCommands } from './setup-commands';
import { PipelineStore, type PipelineState } from './pipeline';
import { applyEvent, withRun } from './run-events';
import type { RunRecord } from './runs';
import { withSetup, type Setup } from './setup/setup';
import type { PlaygroundState, RunInputs, ViewId } from './state';
import { staleReasons } from './state';

export type { PlaygroundState } from './state';
export type { EventOf, Prediction } from '../bridge/bridge';

export { NOTIFY_INTERVAL_MS } from './notifier';

/** How the store starts: the set-up a link asked for, and what the link got wrong. */
export interface StoreOptions {
  /** Settings that differ from a fresh page's (`DEFAULT_SETUP`). */
  setup?: Partial<Setup>;
  /** WASM threads and data-parallel workers (null: the worker's defaults). */
  threads?: number | null;
  workers?: number | null;
  /** Where evaluations and predictions run (null: the worker's default). */
  inference?: InferencePlace | null;
  /** Where the app is served from (the corpora are under it). */
  baseUrl?: string;
  /** Said once the page opens, e.g. a link's ignored values. */
  notices?: readonly string[];
  /** A lesson to open (`?lesson=`), and the presenter view (`?present=1`). */
  lesson?: string | null;
  present?: boolean;
  /** Time between two autosaves of a training run (default 30 s; `?autosave=` in seconds). */
  autosaveMs?: number;
}

/** Holds the UI state and sends the page's commands through the bridge. */
export class PlaygroundStore {
  private state: PlaygroundState;
  /** The data steps (Data, Curate, Tokenize). */
  readonly pipeline: PipelineStore;
  /** Checkpoints: save, import, resume, export, fine-tune (see checkpoint-commands.ts). */
  readonly checkpoints: CheckpointCommands;
  /** The set-up: read it, apply it, as a link or a file (see setup-commands.ts). */
  readonly setup: SetupCommands;
  /** Lessons: open one, do its steps (see lesson-commands.ts). */
  readonly lessons: LessonCommands;
  /** The Scale step: sweeps, fits, the check run, the mixture (see scaling-lab.ts). */
  readonly scaling: ScalingLab;
  private readonly runs: RunCommands;
  private readonly autosaver: Autosaver;
  /** Done once the restarted worker is ready (continue from an autosave). */
  private afterReady: (() => void) | null = null;
  private offersLoaded = false;
  private readonly notifier = new Notifier();
  private runCounter = 0;

  /** Subscribes to the bridge; call `init` to start the backend and the data pipeline. */
  constructor(
    private readonly bridge: Bridge,
    private readonly options: StoreOptions,
  ) {
    const setup = withSetup(options.setup ?? {});
    this.state = {
      backendChoice: setup.backend,
      worker: 'starting',
      backend: null,
      config: setup.config,
      step: setup.step,
      prompt: setup.prompt,
      fill: setup.fill,
      setupNotices: options.notices ?? [],
      lesson: null,
      lessonStep: 0,
      startWhenReady: false,
      present: options.present ?? false,
      comparison: null,
      runs: [],
      activeRunId: null,
      activeInputs: null,
      pending: null,
      notice: null,
      error: null,
      fatal: null,
      gpuLost: false,
      autosave: NO_AUTOSAVE,
    };
    const onPipelineChange = (): void => {
      this.notifier.now();
      this.startIfReady();
    };
    this.pipeline = new PipelineStore(bridge, options.baseUrl ?? '/', onPipelineChange, {
      corpus: setup.corpus,
      curation: setup.curation,
      tokenizer: setup.tokenizer,
    });
    this.runs = new RunCommands(bridge, {
      state: () => this.state,
      replace: (state) => {
        this.state = state;
      },
      update: (patch) => this.update(patch, true),
      pipeline: this.pipeline,
      currentInputs: () => this.currentInputs(),
      staleReasons: () => this.staleReasons(),
      blockers: () => this.blockers(),
      currentSetup: () => this.setup.current(),
      newRunId: () => this.newRunId(),
    });
    this.checkpoints = new CheckpointCommands(bridge, {
      activeRun: () => this.activeRun(),
      config: () => this.state.config,
      newRunId: () => this.newRunId(),
      adoptRun: (...args) => this.adoptRun(...args),
      compared: (comparison) => this.update({ comparison }, true),
      curation: () => this.pipeline.getSnapshot().curation,
    });
    this.autosaver = new Autosaver(
      bridge,
      {
        activeRun: () => this.activeRun(),
        details: () => this.checkpoints.runDetails(),
        state: () => this.state.autosave,
        update: (patch) => this.update({ autosave: { ...this.state.autosave, ...patch } }, true),
      },
      options.autosaveMs,
    );
    this.setup = new SetupCommands({
      state: () => this.state,
      pipeline: this.pipeline,
      update: (patch) => this.update(patch, true),
      setBackend: (choice) => this.setBackend(choice),
    });
    this.lessons = new LessonCommands({
      state: () => this.state,
      setup: this.setup,
      update: (patch) => {
        this.update(patch, true);
        this.startIfReady();
      },
      setStep: (step) => this.setStep(step),
    });
    this.scaling = new ScalingLab(bridge, this.pipeline, options.baseUrl ?? '/', {
      pauseRun: () => {
        if (this.activeRun()?.status === 'training') this.pause();
      },
    });
    if (options.lesson) this.lessons.open(options.lesson);
    bridge.onEvent((event) => this.receive(event));
  }

  /** A pending "Start when ready": starts once the data are prepared and the worker is free. */
  private startIfReady(): void {
    if (!this.state.startWhenReady || this.state.worker !== 'ready') return;
    if (this.state.pending !== null) return;
    const { preparedKey, wanted } = this.pipeline.getSnapshot();
    if (preparedKey === null || preparedKey !== wanted?.tokensKey || this.blockers().length > 0) {
      return;
    }
    this.state = { ...this.state, startWhenReady: false };
    this.start();
  }

  /** Turns the presenter view on or off. */
  setPresent(present: boolean): void {
    this.update({ present }, true);
  }

  /** Returns the current state (stable between changes, for `useSyncExternalStore`). */
  readonly getSnapshot = (): PlaygroundState => this.state;

  /** Calls `listener` after changes (of this state or the pipeline's); returns the unsubscriber. */
  readonly subscribe = this.notifier.subscribe;

  /** Starts the training worker's backend and the data pipeline. */
  init(): void {
    const { threads = null, workers = null, inference = null } = this.options;
    const autoChoice = this.state.backendChoice === 'auto' ? loadAutoChoice() : undefined;
    this.bridge.send({
      type: 'init',
      backend: this.state.backendChoice,
      ...(threads === null ? {} : { threads }),
      ...(workers === null ? {} : { workers }),
      ...(inference === null ? {} : { inference }),
      ...(autoChoice === undefined ? {} : { autoChoice }),
    });
    void this.pipeline.init();
    void this.scaling.restore();
    if (!this.offersLoaded) {
      this.offersLoaded = true;
      void this.autosaver.loadOffers();
    }
  }

  /**
   * Continues an autosaved run: loads it as the active run (named as before, with its curves up
   * to the saved step, in the place of the crashed run it continues) and trains on (the worker
   * does nothing if it had finished).
   */
  async resumeAutosave(id: string): Promise<void> {
    const offer = this.state.autosave.offers.find((o) => o.id === id);
    const last = this.state.autosave.last;
    const continues = offer?.runId ?? (last?.id === id ? last.runId : undefined);
    try {
      const { runId, info } = await this.checkpoints.resume(id, true, continues);
      this.autosaver.replaceLater(id, runId);
      const label = this.activeRun()?.label ?? info.name;
      this.update({ notice: `${label} continues from its autosave at step ${info.step}.` }, true);
      this.bridge.send({ type: 'resume' });
    } catch (error) {
      this.update({ error: `The autosave could not be resumed: ${errorMessage(error)}` }, true);
    }
  }

  /** Deletes an autosave the page offered to resume. */
  discardAutosave(id: string): void {
    void this.autosaver.discard(id).catch((error: unknown) => {
      this.update({ error: errorMessage(error) }, true);
    });
  }

  /**
   * After a crash: a fresh worker (on WASM if the GPU was lost) continues the run from its last
   * autosave.
   */
  restartFromAutosave(): void {
    const last = this.state.autosave.last;
    if (last === null) {
      this.restartWorker();
      return;
    }
    if (this.state.gpuLost) this.update({ backendChoice: 'wasm' });
    this.afterReady = () => void this.resumeAutosave(last.id);
    this.restartWorker();
  }

  /** Opens a step of the pipeline. */
  setStep(step: ViewId): void {
    this.update({ step }, true);
  }

  /** Changes the model and training settings (they count at the next new run). */
  setConfig(config: RunConfig): void {
    this.update({ config }, true);
  }

  /** Sets the next-token prompt (null: a line of the corpus). */
  setPrompt(prompt: string | null): void {
    this.update({ prompt }, true);
  }

  /** Sets the fill-in sentence (null: one taken from the corpus). */
  setFill(fill: string | null): void {
    this.update({ fill }, true);
  }

  /** Applies a set-up (a link, a file, a lesson, a class's best run); see `SetupCommands`. */
  applySetup(setup: Setup, notices: readonly string[] = []): void {
    this.setup.apply(setup, notices);
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
    this.runs.setBackend(choice);
  }

  /** Replaces a crashed worker with a fresh one; runs already plotted are kept. */
  restartWorker(): void {
    this.runs.restartWorker();
    this.init();
  }

  /** True if Start would continue the model the worker holds rather than build one. */
  canContinue(): boolean {
    return this.runs.canContinue();
  }

  /**
   * Start: continues the held model if nothing changed upstream, else builds a run on the
   * prepared tokens and the settings and starts it — one command.
   */
  start(): void {
    this.runs.run('start');
  }

  /** Takes one step (building the run first if anything changed). */
  stepOnce(): void {
    this.runs.run('step-once');
  }

  pause(): void {
    this.runs.pause();
  }

  resume(): void {
    this.runs.resume();
  }

  /** Starts the active run's configuration again from a fresh model, as a new run. */
  reset(): void {
    this.runs.reset();
  }

  /** Makes a run the worker built outside Start the active one (see `RunCommands`). */
  adoptRun(...args: Parameters<RunCommands['adoptRun']>): void {
    this.runs.adoptRun(...args);
  }

  /** Shows or hides a run's curves. */
  toggleRunVisible(runId: string): void {
    this.state = withRun(this.state, runId, (run) => ({ ...run, visible: !run.visible }));
    this.notifier.now();
  }

  /** Hides the set-up notices (a link's or a file's ignored values). */
  dismissSetupNotices(): void {
    this.update({ setupNotices: [] }, true);
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
    this.autosaver.onEvent(event);
    if (event.type === 'error' && event.fatal) this.autosaver.stop();
    if (event.type === 'ready' && event.autoChoice !== null && !event.autoCached) {
      keepAutoChoice(event.autoChoice);
    }
    if (event.type === 'ready' && this.afterReady !== null) {
      const then = this.afterReady;
      this.afterReady = null;
      then();
    }
    if (immediate) {
      this.notifier.now();
      this.startIfReady();
    } else if (event.type === 'metrics') this.notifier.soon();
  }

  private update(patch: Partial<PlaygroundState>, immediate = false): void {
    this.state = { ...this.state, ...patch };
    if (immediate) this.notifier.now();
    else this.notifier.soon();
  }
}
