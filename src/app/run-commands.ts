/**
 * The store's run commands: switching the backend or restarting a crashed worker, Start (continue the held model, or build a run on the prepared
 * tokens and start it — one command), one step, pause, resume, reset, and adopting a run the
 * worker built elsewhere (a resumed checkpoint, fine-tuning).
 */
import { loadAutoChoice } from './auto-choice';
import type { Bridge } from '../bridge/bridge';
import type { BackendChoice } from '../config/backends';
import { matchingPreset, presetById } from '../config/presets';
import type { EvalPoint, StepPoint } from '../worker/protocol';
import type { PipelineStore } from './pipeline';
import { withoutActiveRun } from './run-events';
import { appendEvals, newRecord, type RunRecord } from './runs';
import type { Setup } from './setup/setup';
import type { PlaygroundState, RunInputs } from './state';

/** What the commands need of the store. */
export interface RunHost {
  state: () => PlaygroundState;
  /** Replaces the state without notifying (the next `update` notifies). */
  replace: (state: PlaygroundState) => void;
  update: (patch: Partial<PlaygroundState>) => void;
  pipeline: PipelineStore;
  currentInputs: () => RunInputs | null;
  staleReasons: () => string[];
  blockers: () => string[];
  currentSetup: () => Setup;
  newRunId: () => string;
}

/** Starts, steps, pauses, resets and adopts runs. */
export class RunCommands {
  constructor(
    private readonly bridge: Bridge,
    private readonly host: RunHost,
  ) {}

  private activeRun(): RunRecord | undefined {
    const state = this.host.state();
    return state.runs.find((run) => run.runId === state.activeRunId);
  }

  /** True if Start would continue the model the worker holds rather than build one. */
  canContinue(): boolean {
    const active = this.activeRun();
    const continuable = active?.status === 'ready' || active?.status === 'paused';
    if (!continuable) return false;
    // A run built from a checkpoint or for fine-tuning has no inputs: its own panel drives it.
    return this.host.state().activeInputs === null || this.host.staleReasons().length === 0;
  }

  /** Start (`start`) or one step (`step-once`), building the run first if anything changed. */
  run(then: 'start' | 'step-once'): void {
    const state = this.host.state();
    if (state.pending !== null || state.worker !== 'ready') return;
    const active = this.activeRun();
    if (active !== undefined && this.canContinue()) {
      this.host.update({ error: null, notice: null });
      this.bridge.send({ type: then === 'start' && active.status === 'paused' ? 'resume' : then });
      return;
    }
    void this.configure(then);
  }

  private async configure(then: 'start' | 'step-once'): Promise<void> {
    const { preparedKey, dataset, tokens } = this.host.pipeline.getSnapshot();
    const inputs = this.host.currentInputs();
    if (this.host.blockers().length > 0 || inputs === null || preparedKey !== inputs.tokensKey) {
      return;
    }
    const runId = this.host.newRunId();
    const { config } = this.host.state();
    const preset = matchingPreset(config);
    const tokenizer = tokens.latest?.kind ?? 'char';
    const from = {
      config,
      corpusName: `${dataset?.name ?? 'data'} (${tokenizer})`,
      sizeName: preset === null ? 'Custom' : presetById(preset).name,
      setup: this.host.currentSetup(),
    };
    this.host.update({ pending: { runId, inputs, from }, error: null, notice: null });
    try {
      const data = await this.bridge.tokens(preparedKey);
      this.bridge.send({ type: 'configure', runId, config, data, then }, [
        data.train.buffer,
        data.val.buffer,
      ]);
    } catch (error) {
      this.host.update({
        pending: null,
        error: `The data could not be prepared: ${String(error)}`,
      });
    }
  }

  /** Switches the backend; the worker drops its model, so the next Start builds a new run. */
  setBackend(choice: BackendChoice): void {
    this.host.replace(withoutActiveRun(this.host.state(), 'Ended when the backend was switched.'));
    this.host.update({
      backendChoice: choice,
      worker: 'starting',
      pending: null,
      error: null,
      notice: 'Backend switched: press Start to train a new run on it.',
    });
    const autoChoice = choice === 'auto' ? loadAutoChoice() : undefined;
    this.bridge.send({
      type: 'set-backend',
      backend: choice,
      ...(autoChoice === undefined ? {} : { autoChoice }),
    });
  }

  /** Replaces a crashed worker with a fresh one (the store then starts it again). */
  restartWorker(): void {
    this.host.replace(withoutActiveRun(this.host.state(), 'Ended when the worker was restarted.'));
    this.bridge.restartTrainer();
    this.host.update({
      worker: 'starting',
      fatal: null,
      error: null,
      pending: null,
      notice: 'Worker restarted: press Start to train a new run.',
    });
  }

  pause(): void {
    this.bridge.send({ type: 'pause' });
  }

  resume(): void {
    this.host.update({ error: null });
    this.bridge.send({ type: 'resume' });
  }

  /** Starts the active run's configuration again from a fresh model, as a new run. */
  reset(): void {
    const active = this.activeRun();
    if (active === undefined || this.host.state().worker !== 'ready') return;
    const runId = this.host.newRunId();
    const record = newRecord(this.host.state().runs, runId, active);
    record.summary = active.summary === null ? null : { ...active.summary, runId };
    const inputs = this.host.state().activeInputs;
    const ended = withoutActiveRun(
      this.host.state(),
      `Reset: continued as ${record.label} from a fresh model.`,
    );
    this.host.replace(ended);
    this.host.update({
      runs: [...ended.runs, record],
      activeRunId: runId,
      activeInputs: inputs,
      error: null,
      notice: null,
    });
    this.bridge.send({ type: 'reset', runId });
  }

  /**
   * Makes a run the worker built outside Start (a resumed checkpoint, a fine-tuning run) the
   * active one, with the curves it had so far; its own panel drives it. A run it `replaces`
   * (one it continues) gives up its place, name and colour to it.
   */
  adoptRun(
    runId: string,
    from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'> & { label?: string },
    history: { steps?: StepPoint[]; evals?: EvalPoint[] } = {},
    replaces?: string,
  ): void {
    // A run it continues (a crashed worker's) gives up its place, and so its colour.
    const current = this.host.state().runs;
    const at = current.findIndex((run) => run.runId === replaces);
    const record = newRecord(at < 0 ? current : current.slice(0, at), runId, from);
    record.steps.append(history.steps ?? []);
    appendEvals(record.evals, history.evals ?? []);
    record.step = record.steps.at(-1)?.step ?? 0;
    record.status = record.step > 0 ? 'paused' : 'ready';
    const ended = withoutActiveRun(this.host.state(), `Replaced by ${record.label}.`);
    const runs =
      at < 0
        ? [...ended.runs, record]
        : [...ended.runs.slice(0, at), record, ...ended.runs.slice(at + 1)];
    this.host.replace(ended);
    this.host.update({ runs, activeRunId: runId, activeInputs: null });
  }
}
