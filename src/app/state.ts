/**
 * The app store's state: the backend, every run and its points, the settings a learner edits
 * (model, training), the open step, and messages. Plus what a run was built from, so the page
 * can say in words when a change upstream means Start builds a new run.
 */
import type { BackendChoice } from '../config/backends';
import type { RunConfig } from '../config/config';
import type { ComparisonResult, WorkerEvent } from '../worker/protocol';
import type { AutosaveState } from './autosave';
import type { RunRecord } from './runs';
import type { Setup } from './setup/setup';

/** The steps of the pipeline, in order. */
export const STEPS = [
  { id: 'data', label: 'Data' },
  { id: 'curate', label: 'Curate' },
  { id: 'tokenize', label: 'Tokenize' },
  { id: 'model', label: 'Model' },
  { id: 'train', label: 'Train' },
  { id: 'scale', label: 'Scale' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'adapt', label: 'Adapt' },
] as const;

/** A step of the pipeline. */
export type StepId = (typeof STEPS)[number]['id'];

/** Whether `value` names a step. */
export function isStepId(value: string): value is StepId {
  return STEPS.some((step) => step.id === value);
}

/** Views beside the pipeline (a class's runs), listed under the steps, unnumbered. */
export const VIEWS = [{ id: 'class', label: 'Class results' }] as const;

/** A step of the pipeline or a view beside it: what the main area shows. */
export type ViewId = StepId | (typeof VIEWS)[number]['id'];

/** Whether `value` names a step or a view. */
export function isViewId(value: string): value is ViewId {
  return isStepId(value) || VIEWS.some((view) => view.id === value);
}

/** The `ready` event: the backend in use. */
export type BackendInfo = Extract<WorkerEvent, { type: 'ready' }>;

/** What a run is built from: the data stages' keys and the settings. */
export interface RunInputs {
  /** The loaded corpus (data worker key). */
  datasetKey: string;
  /** The corpus after curation and the split. */
  curatedKey: string;
  /** The tokens: curated data and tokenizer. */
  tokensKey: string;
  /** The model and training settings, as JSON. */
  settings: string;
}

/** A `configure` sent and not answered yet. */
export interface PendingRun {
  runId: string;
  inputs: RunInputs;
  from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'> & { setup: Setup };
}

/** The store's state; replaced (never mutated, apart from run points) on every change. */
export interface PlaygroundState {
  /** The backend asked for. */
  backendChoice: BackendChoice;
  /** `starting` until the worker answers `ready`; `crashed` after a fatal error. */
  worker: 'starting' | 'ready' | 'crashed';
  backend: BackendInfo | null;
  /** The settings a Start would train with. */
  config: RunConfig;
  /** The step (or view) on screen. */
  step: ViewId;
  /** The next-token prompt the learner typed (null: a line of the corpus). */
  prompt: string | null;
  /** The fill-in sentence the learner typed (null: one taken from the corpus). */
  fill: string | null;
  /** Every run, oldest first. */
  runs: RunRecord[];
  /** The run whose model the worker holds, if any. */
  activeRunId: string | null;
  /** What the active run was built from (null for runs built from a checkpoint). */
  activeInputs: RunInputs | null;
  pending: PendingRun | null;
  /** The open lesson's id, and how many of its steps were done (null: no lesson). */
  lesson: string | null;
  lessonStep: number;
  /** Start as soon as the data steps have rebuilt (a lesson's "change, then Start"). */
  startWhenReady: boolean;
  /** The presenter view: large type, the live view filling the screen. */
  present: boolean;
  /** The latest finished fine-tune-versus-scratch comparison (null: none yet). */
  comparison: ComparisonResult | null;
  /** What a link or a set-up file asked for and the page ignored, in words. */
  setupNotices: readonly string[];
  /** Something the user should know (not an error), e.g. after a backend switch. */
  notice: string | null;
  /** The latest non-fatal error from the worker. */
  error: string | null;
  /** A fatal error: the worker must be restarted. */
  fatal: string | null;
  /** The fatal error was a lost GPU device: a restart continues on WASM. */
  gpuLost: boolean;
  /** Autosaves: the latest one, its failure, and those a previous page left. */
  autosave: AutosaveState;
}

/**
 * What changed since the active run was built, in words ("tokenizer changed"), most upstream
 * first; empty when Start would continue it.
 */
export function staleReasons(built: RunInputs | null, now: RunInputs | null): string[] {
  if (built === null || now === null) return [];
  if (built.datasetKey !== now.datasetKey) return ['corpus changed'];
  if (built.curatedKey !== now.curatedKey) return ['curation changed'];
  if (built.tokensKey !== now.tokensKey) return ['tokenizer changed'];
  if (built.settings !== now.settings) return ['model or training settings changed'];
  return [];
}

/** The notice for stale results: "tokenizer changed: Start builds a new run". */
export function staleNotice(reasons: readonly string[]): string | null {
  return reasons.length === 0 ? null : `${reasons.join(', ')}: Start builds a new run`;
}
