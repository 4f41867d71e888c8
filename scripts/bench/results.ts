/**
 * The benchmark's results: the figures of each cell (a backend × a configuration), how they
 * are computed from what the page recorded, and a check that a results file is complete.
 * Every figure is a number, or null with a note saying why.
 */
import type { ProbeInput, ProbeLongFrame, ProbeLongTask, ProbeSample } from './probe';

/** The figures of a cell, in the order the JSON lists them. */
export const CELL_METRICS = [
  'stepsReached',
  'tokensPerSec',
  'msPerStep',
  'wallTokensPerSec',
  'matmulGflops',
  'achievedGflops',
  'efficiency',
  'flopsPerToken',
  'tokensPerStep',
  'wasmThreads',
  'trainingWorkers',
  'timeToFirstLossMs',
  'longTaskCount',
  'longestTaskMs',
  'inputLatencyMs',
  'earlyStep',
  'earlyTensors',
  'earlyTfjsBytes',
  'earlyPageHeapBytes',
  'earlyWorkerHeapBytes',
  'lateStep',
  'lateTensors',
  'lateTfjsBytes',
  'latePageHeapBytes',
  'lateWorkerHeapBytes',
] as const;

/** A cell's figure. */
export type CellMetric = (typeof CELL_METRICS)[number];

/** A cell's figures: each a number or null (then `notes` says why). */
export type CellMetrics = Record<CellMetric, number | null>;

/** One backend × configuration. */
export interface CellResult {
  backend: string;
  config: string;
  /** The page opened, relative to the server. */
  url: string;
  /** False when the browser does not offer the backend (every figure is then null). */
  available: boolean;
  /** The backend the page reported (null if it never became ready). */
  backendInUse: string | null;
  /** The backend badge's text, e.g. "WebGPU · google / swiftshader · software adapter". */
  backendDescription: string | null;
  /** Training time budget of the cell. */
  budgetSeconds: number;
  metrics: CellMetrics;
  /**
   * tokensPerSec ÷ the PyTorch reference's (nanoGPT's recipe, same machine, same run); null for
   * other configurations or without a reference.
   */
  ratioToReference?: number | null;
  /** Why a figure is null, or what qualifies it; `cell` is about the whole cell. */
  notes: Partial<Record<CellMetric | 'cell', string>>;
}

/** Steps before the throughput counts (kernel compilation, first allocations). */
export const WARMUP_STEPS = 10;
/** When the early memory figures are taken. */
export const EARLY_STEP = 50;
/** When the late memory figures are taken (or at the last step reached). */
export const LATE_STEP = 500;

/** Memory figures taken at one point of a run. */
export interface MemorySnapshot {
  step: number;
  tensors: number | null;
  tfjsBytes: number | null;
  pageHeapBytes: number | null;
  workerHeapBytes: number | null;
  /** Why `workerHeapBytes` is null. */
  workerHeapNote: string | null;
  /** Page time the measurement started and ended (its own long tasks are not the app's). */
  from: number;
  to: number;
}

/** What a cell recorded, before it is summarised. */
export interface CellObservation {
  backendInUse: string | null;
  wasmThreads: number | null;
  matmulGflops: number | null;
  /** Why the backend asked for is not the one in use, if it is not. */
  unavailable: string | null;
  budgetMs: number;
  startClickedAt: number | null;
  firstPlotAt: number | null;
  /** Page time the cell stopped watching. */
  endedAt: number;
  samples: ProbeSample[];
  longTasks: ProbeLongTask[];
  /** Long animation frames, naming the code that ran in them. */
  longFrames: ProbeLongFrame[];
  inputs: ProbeInput[];
  /** Page time the benchmark began clicking a chart option while the run trained, or null. */
  clicksFrom: number | null;
  tokensPerStep: number | null;
  flopsPerToken: number | null;
  early: MemorySnapshot | null;
  late: MemorySnapshot | null;
}

/** The median of a list (null if empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Rounds to a few significant figures, so the JSON stays readable. */
function round(value: number, digits = 4): number {
  return Number(value.toPrecision(digits));
}

/** Every figure null (the caller adds the notes). */
export function emptyMetrics(): CellMetrics {
  const metrics: Partial<CellMetrics> = {};
  for (const name of CELL_METRICS) metrics[name] = null;
  return metrics as CellMetrics;
}

interface Throughput {
  tokensPerSec: number | null;
  msPerStep: number | null;
  wallTokensPerSec: number | null;
  note: string | null;
}

/**
 * Training throughput from the samples: for each interval between two stats updates after
 * warm-up, tokens trained ÷ training time (the worker's burst time, so evaluations and
 * pauses do not count); the median over the intervals. Also the wall-clock rate over the same
 * span, which counts evaluations, predictions and scheduling too.
 */
export function throughputOf(samples: readonly ProbeSample[], tokensPerStep: number): Throughput {
  const warm = samples.findIndex((s) => s.step >= WARMUP_STEPS);
  const warmedUp = warm >= 0 && samples.length - warm >= 2;
  const span = warmedUp ? samples.slice(warm) : samples;
  const rates: number[] = [];
  const stepTimes: number[] = [];
  for (let i = 1; i < span.length; i++) {
    const [a, b] = [span[i - 1], span[i]];
    if (a === undefined || b === undefined) continue;
    const steps = b.step - a.step;
    const ms = b.elapsedMs - a.elapsedMs;
    if (steps <= 0 || ms <= 0) continue;
    rates.push((steps * tokensPerStep * 1000) / ms);
    stepTimes.push(ms / steps);
  }
  const first = span[0];
  const last = span[span.length - 1];
  const wall =
    first !== undefined && last !== undefined && last.t > first.t && last.step > first.step
      ? ((last.step - first.step) * tokensPerStep * 1000) / (last.t - first.t)
      : null;
  if (rates.length === 0) {
    const only = samples[samples.length - 1];
    return only !== undefined && only.tokensPerSec > 0
      ? {
          tokensPerSec: only.tokensPerSec,
          msPerStep: (tokensPerStep * 1000) / only.tokensPerSec,
          wallTokensPerSec: null,
          note: `only ${samples.length} stats update(s): the worker's own estimate, warm-up included`,
        }
      : { tokensPerSec: null, msPerStep: null, wallTokensPerSec: null, note: null };
  }
  return {
    tokensPerSec: median(rates),
    msPerStep: median(stepTimes),
    wallTokensPerSec: wall,
    note: warmedUp
      ? `median of ${rates.length} intervals after step ${first?.step ?? WARMUP_STEPS}`
      : `only ${last?.step ?? 0} steps: median of ${rates.length} intervals, warm-up included`,
  };
}

/** Turns what a cell recorded into its figures and notes. */
export function summariseCell(observed: CellObservation): Pick<CellResult, 'metrics' | 'notes'> {
  const metrics = emptyMetrics();
  const notes: CellResult['notes'] = {};
  const budget = `${Math.round(observed.budgetMs / 1000)} s budget`;
  if (observed.unavailable !== null) {
    notes.cell = observed.unavailable;
    for (const name of CELL_METRICS) notes[name] = 'backend unavailable';
    return { metrics, notes };
  }
  const set = (name: CellMetric, value: number | null, note: string): void => {
    metrics[name] = value === null || !Number.isFinite(value) ? null : round(value);
    if (metrics[name] === null) notes[name] = note;
  };
  // What happened after the cell stopped watching (while its figures were read) does not count.
  const samples = observed.samples.filter((sample) => sample.t <= observed.endedAt);
  const lastStep = samples[samples.length - 1]?.step ?? 0;
  set('stepsReached', lastStep, '');
  set('matmulGflops', observed.matmulGflops, 'the worker did not report a matmul figure');
  set(
    'wasmThreads',
    observed.wasmThreads,
    observed.backendInUse === 'wasm' ? 'not reported' : 'not a WASM backend',
  );
  set(
    'trainingWorkers',
    samples[samples.length - 1]?.workers ?? null,
    'no stats update reported the workers',
  );
  set('tokensPerStep', observed.tokensPerStep, 'the run summary never arrived');
  set('flopsPerToken', observed.flopsPerToken, 'the run summary never arrived');

  const noSteps = `no training step reported within the ${budget}`;
  const speed =
    observed.tokensPerStep === null ? null : throughputOf(samples, observed.tokensPerStep);
  set('tokensPerSec', speed?.tokensPerSec ?? null, noSteps);
  set('msPerStep', speed?.msPerStep ?? null, noSteps);
  set('wallTokensPerSec', speed?.wallTokensPerSec ?? null, 'fewer than two stats updates');
  if (speed?.note && metrics.tokensPerSec !== null) notes.tokensPerSec = speed.note;

  const achieved =
    metrics.tokensPerSec !== null && metrics.flopsPerToken !== null
      ? (metrics.tokensPerSec * metrics.flopsPerToken) / 1e9
      : null;
  set('achievedGflops', achieved, noSteps);
  set(
    'efficiency',
    achieved !== null && metrics.matmulGflops !== null && metrics.matmulGflops > 0
      ? achieved / metrics.matmulGflops
      : null,
    achieved === null ? noSteps : 'no matmul figure',
  );

  const { startClickedAt, firstPlotAt } = observed;
  set(
    'timeToFirstLossMs',
    startClickedAt !== null && firstPlotAt !== null ? firstPlotAt - startClickedAt : null,
    startClickedAt === null
      ? 'Start was not clicked'
      : `no loss point plotted within the ${budget}`,
  );

  const measuring = [observed.early, observed.late].filter((m) => m !== null);
  const during = observed.longTasks.filter(
    (task) =>
      startClickedAt !== null &&
      task.startTime >= startClickedAt &&
      task.startTime <= observed.endedAt &&
      !measuring.some((m) => task.startTime < m.to && task.startTime + task.duration > m.from),
  );
  set('longTaskCount', during.length, '');
  set(
    'longestTaskMs',
    during.reduce((longest, task) => Math.max(longest, task.duration), 0),
    '',
  );
  const named = during.map((task) => {
    const frame = observed.longFrames.find(
      (f) =>
        f.startTime <= task.startTime + task.duration && task.startTime <= f.startTime + f.duration,
    );
    const at = `${Math.round(task.duration)} ms at ${((task.startTime - (startClickedAt ?? 0)) / 1000).toFixed(1)} s`;
    if (frame === undefined) return at;
    const scripts = frame.scripts.length > 0 ? frame.scripts.join(', ') : 'no script';
    return `${at}: ${scripts}; rendering ${Math.round(frame.renderMs)} ms`;
  });
  if (named.length > 0)
    notes.longestTaskMs = `what ran (Long Animation Frames): ${named.join(' | ')}`;
  if (measuring.length > 0) {
    notes.longTaskCount =
      'long tasks from Start to the end of the cell, except those overlapping the benchmark’s own memory measurements';
  }

  const { clicksFrom } = observed;
  const clicks = observed.inputs.filter((e) => clicksFrom !== null && e.startTime >= clicksFrom);
  set(
    'inputLatencyMs',
    clicksFrom === null ? null : clicks.reduce((longest, e) => Math.max(longest, e.duration), 0),
    `the run ended before step ${EARLY_STEP}, or a click did not go through within 5 s, so no click was timed`,
  );
  if (clicksFrom !== null) {
    notes.inputLatencyMs = `the slowest of the clicks on a chart option after step ${EARLY_STEP}, from input to the next paint (Event Timing; 0 when all were under 16 ms)`;
  }

  const snapshot = (prefix: 'early' | 'late', taken: MemorySnapshot | null, missing: string) => {
    set(`${prefix}Step`, taken?.step ?? null, missing);
    set(`${prefix}Tensors`, taken?.tensors ?? null, missing);
    set(`${prefix}TfjsBytes`, taken?.tfjsBytes ?? null, missing);
    set(
      `${prefix}PageHeapBytes`,
      taken?.pageHeapBytes ?? null,
      taken ? 'performance.memory is missing' : missing,
    );
    set(
      `${prefix}WorkerHeapBytes`,
      taken?.workerHeapBytes ?? null,
      taken?.workerHeapNote ?? missing,
    );
  };
  snapshot(
    'early',
    observed.early,
    `step ${EARLY_STEP} not reached within the ${budget} (last step ${lastStep})`,
  );
  snapshot('late', observed.late, `no step reported within the ${budget}`);
  if (observed.late !== null && observed.late.step < LATE_STEP) {
    notes.lateStep = `step ${LATE_STEP} not reached within the ${budget}: taken at the last step reached`;
  }
  return { metrics, notes };
}

/** The problems of a results file (empty when complete): every figure a number or null with a note. */
export function checkResults(results: unknown): string[] {
  const problems: string[] = [];
  if (typeof results !== 'object' || results === null) return ['not an object'];
  const { cells } = results as { cells?: unknown };
  if (!Array.isArray(cells) || cells.length === 0) return ['no cells'];
  for (const [index, cell] of cells.entries()) {
    const where = `cells[${index}]`;
    if (typeof cell !== 'object' || cell === null) {
      problems.push(`${where} is not an object`);
      continue;
    }
    const { metrics, notes, backend, config } = cell as Record<string, unknown>;
    if (typeof backend !== 'string' || typeof config !== 'string') {
      problems.push(`${where} has no backend or config name`);
    }
    const m = (typeof metrics === 'object' && metrics !== null ? metrics : {}) as Record<
      string,
      unknown
    >;
    const n = (typeof notes === 'object' && notes !== null ? notes : {}) as Record<string, unknown>;
    for (const name of CELL_METRICS) {
      const value = m[name];
      if (!(name in m)) problems.push(`${where}.metrics.${name} is missing`);
      else if (value === null) {
        if (typeof n[name] !== 'string' || n[name] === '') {
          problems.push(`${where}.metrics.${name} is null without a note`);
        }
      } else if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(`${where}.metrics.${name} is neither a number nor null`);
      }
    }
  }
  return problems;
}
