/**
 * The UI's record of a training run: what it was configured with, and every loss point the
 * worker reported. Runs are kept after they end so curves can be compared.
 */
import type { Objective, RunConfig } from '../config/config';
import type { Setup } from './setup/setup';
import { StepSeries } from '../shared/step-series';
import type {
  BenchmarkItemView,
  EvalPoint,
  RunStatus,
  RunSummary,
  SamplePoint,
  StepPoint,
  TensorMemory,
} from '../worker/protocol';

/** A run's status as the UI sees it: the worker's, or `stopped` when the worker dropped it. */
export type RunDisplayStatus = RunStatus | 'stopped';

/** One run, as shown in the chart legend and the stats. */
export interface RunRecord {
  runId: string;
  /** "Run 1", "Run 2", … in creation order. */
  label: string;
  /** 0-based creation index. */
  index: number;
  /** How many runs with the same objective came before it (picks the colour). */
  colourIndex: number;
  objective: Objective;
  config: RunConfig;
  /** Name of the text it trains on. */
  corpusName: string;
  /** Name of the size preset, or "Custom". */
  sizeName: string;
  /** The set-up Start built it from (null for a run built from a checkpoint). */
  setup: Setup | null;
  /** When it was created (`Date.now()`). */
  createdAt: number;
  /** What the worker reported when it built the model (null until then). */
  summary: RunSummary | null;
  /**
   * Training points, appended in place as metrics arrive (copying them at every update would
   * cost O(n) each time), stored by column; `revision` changes whenever they do.
   */
  steps: StepSeries;
  /** Evaluation points, appended in place like `steps`. */
  evals: EvalPoint[];
  /** Checkpoint samples (causal runs), appended in place like `steps`. */
  samples: SamplePoint[];
  /** Increases whenever `steps` or `evals` grow. */
  revision: number;
  status: RunDisplayStatus;
  /** Why the run stopped (divergence, replaced, backend switched…). */
  statusMessage: string | null;
  /** Highest step the worker reported for this run. */
  step: number;
  tokensPerSec: number;
  /** Training time so far (pauses and evaluations excluded). */
  elapsedMs: number;
  /** tfjs's live tensors and bytes in the worker at the latest report (null before one). */
  memory: TensorMemory | null;
  /** Workers that shared the latest steps (1 unless data-parallel). */
  workers: number;
  /** Shown on the chart. */
  visible: boolean;
}

/** A new record for `runId`, after `runs` (its label and colour follow theirs). */
export function newRecord(
  runs: readonly RunRecord[],
  runId: string,
  from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'> & {
    label?: string;
    setup?: Setup | null;
  },
): RunRecord {
  const index = runs.length;
  const objective = from.config.training.objective;
  return {
    runId,
    label: from.label ?? `Run ${index + 1}`,
    index,
    colourIndex: runs.filter((run) => run.objective === objective).length,
    objective,
    config: from.config,
    corpusName: from.corpusName,
    sizeName: from.sizeName,
    setup: from.setup ?? null,
    createdAt: Date.now(),
    summary: null,
    steps: new StepSeries(),
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

/** Colours for causal runs (cool) and masked runs (warm), so the two are told apart at a glance. */
const CAUSAL_COLOURS = ['#2563eb', '#0f766e', '#7c3aed', '#0369a1', '#4338ca', '#15803d'];
const MASKED_COLOURS = ['#c2410c', '#be185d', '#a16207', '#b91c1c', '#9333ea', '#c026d3'];

/** The colour of a run's curves. */
export function runColour(run: Pick<RunRecord, 'objective' | 'colourIndex'>): string {
  const palette = run.objective === 'causal' ? CAUSAL_COLOURS : MASKED_COLOURS;
  return palette[run.colourIndex % palette.length] ?? '#334155';
}

/** Human names of the objectives. */
export const OBJECTIVE_LABELS: Record<Objective, string> = {
  causal: 'Causal (GPT: next token)',
  masked: 'Masked (BERT: fill in)',
};

/** Short names of the objectives, for the legend. */
export const OBJECTIVE_SHORT_LABELS: Record<Objective, string> = {
  causal: 'Causal',
  masked: 'Masked',
};

/** The latest training point of a run, if any. */
export function lastStep(run: RunRecord): StepPoint | undefined {
  return run.steps.at(-1);
}

/** The latest evaluation of a run, if any. */
export function lastEval(run: RunRecord): EvalPoint | undefined {
  return run.evals[run.evals.length - 1];
}

/**
 * Appends evaluations to `evals`, sharing the benchmark items' texts with the evaluation before
 * (each evaluation shows the same few items, only the model's choice changes): a long run keeps
 * one copy of each text, not one per evaluation.
 */
export function appendEvals(evals: EvalPoint[], incoming: readonly EvalPoint[]): void {
  for (const point of incoming) {
    const previous = evals[evals.length - 1];
    if (previous !== undefined) {
      for (const score of point.benchmarks) {
        const before = previous.benchmarks.find((b) => b.name === score.name)?.examples;
        if (before !== undefined)
          score.examples = score.examples.map((item, i) => shared(item, before[i]));
      }
    }
    evals.push(point);
  }
}

/** `item`, with the texts of `earlier` where they are the same. */
function shared(
  item: BenchmarkItemView,
  earlier: BenchmarkItemView | undefined,
): BenchmarkItemView {
  if (earlier === undefined || earlier.before !== item.before || earlier.after !== item.after)
    return item;
  const sameCandidates =
    earlier.candidates.length === item.candidates.length &&
    earlier.candidates.every((candidate, i) => candidate === item.candidates[i]);
  return {
    ...item,
    before: earlier.before,
    after: earlier.after,
    candidates: sameCandidates ? earlier.candidates : item.candidates,
  };
}
