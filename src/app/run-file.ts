/**
 * A run file (`.json`): one learner's run as the Class results view compares it — the set-up
 * it was built from, its loss curves (thinned), its final metrics, the backend and its speed.
 * Reading one checks every field and refuses a wrong file in words; it never throws.
 */
import { stringifyWithChecksum } from '../shared/json-file';
import type { Objective, RunConfig } from '../config/config';
import type { RunDisplayStatus, RunRecord } from './runs';
import { DEFAULT_SETUP, type Setup } from './setup/setup';
import type { BackendInfo } from './state';

/** What a run file says it is. */
export const RUN_FILE_FORMAT = 'pretraining-playground-run';
/** The newest run file version this app reads and writes. */
export const RUN_FILE_VERSION = 1;
/** The most training points an exported curve keeps (evenly thinned, first and last kept). */
export const MAX_EXPORTED_POINTS = 1000;
/** The most points of one curve a run file may hold when read (hand-made files included). */
export const MAX_READ_POINTS = 100_000;

/** A training-loss point of the curve. */
export interface TrainPoint {
  step: number;
  /** Tokens seen by then. */
  tokens: number;
  loss: number;
}

/** A validation point of the curve. */
export interface ValidationPoint {
  step: number;
  tokens: number;
  valLoss: number;
}

/** The backend a run file was exported on. */
export interface RunFileBackend {
  /** `webgpu`, `wasm`, `webgl` or `cpu`. */
  name: string;
  /** The WebGPU adapter, in words (null for the CPU backends). */
  adapter: string | null;
  /** WASM threads in use (null for the other backends). */
  wasmThreads: number | null;
}

/** Where a run ended. */
export interface RunFileFinal {
  /** The highest step reached. */
  steps: number;
  tokensSeen: number;
  /** The last training loss (null before the first step). */
  trainLoss: number | null;
  /** The last validation loss (null before the first evaluation). */
  valLoss: number | null;
  /** The lowest validation loss of any evaluation. */
  bestValLoss: number | null;
}

/** A run file's contents. */
export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: number;
  /** When it was exported (ISO 8601). */
  exportedAt: string;
  /** "Run 2". */
  label: string;
  objective: Objective;
  status: RunDisplayStatus;
  corpusName: string;
  sizeName: string;
  /** The set-up Start built it from (null for a run resumed from a checkpoint). */
  setup: Setup | null;
  /** The model and training settings it trained with. */
  config: RunConfig;
  /** The backend in use when it was exported (null if it was not known). */
  backend: RunFileBackend | null;
  parameterCount: number | null;
  /** Training throughput at the latest report, as the Train step showed it. */
  tokensPerSec: number;
  /** Time spent in training steps (pauses and evaluations excluded), ms. */
  trainingMs: number;
  /** When Start built the run (ISO 8601). */
  startedAt: string;
  /** From Start to the export, ms: points carry no clock time, so this includes pauses. */
  wallMs: number;
  final: RunFileFinal;
  curve: { train: TrainPoint[]; validation: ValidationPoint[] };
}

/** A run file as the Class results view holds it. */
export interface ImportedRun {
  fileName: string;
  /** What the view calls it: the file name without `.json` (learners may name it after themselves). */
  name: string;
  file: RunFile;
  /** Values of its set-up that were out of range and replaced (in words). */
  notices: string[];
}

/** What reading a run file gave. */
export type RunFileReading = { ok: true; run: ImportedRun } | { ok: false; message: string };

/** At most `max` of `points`, evenly spaced, always keeping the first and the last. */
export function thinPoints<T>(points: readonly T[], max: number): T[] {
  const n = points.length;
  if (n <= max) return points.slice();
  const out: T[] = [];
  const stride = (n - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const point = points[Math.round(i * stride)];
    if (point !== undefined) out.push(point);
  }
  return out;
}

/** Losses are written to 5 decimals (the page shows 3): the file stays small. */
function rounded(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function backendOf(info: BackendInfo | null): RunFileBackend | null {
  if (info === null) return null;
  const adapter = info.adapter;
  const adapterText =
    adapter === null
      ? null
      : adapter.description || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ');
  return { name: info.backend, adapter: adapterText || null, wasmThreads: info.wasmThreads };
}

/** The run file of `run`, exported at `now` on `backend`. */
export function runFileOf(run: RunRecord, backend: BackendInfo | null, now = new Date()): RunFile {
  const train = run.steps
    .toArray()
    .filter((p) => Number.isFinite(p.loss))
    .map((p) => ({ step: p.step, tokens: p.tokensSeen, loss: rounded(p.loss) }));
  const validation = run.evals
    .filter((e) => Number.isFinite(e.valLoss))
    .map((e) => ({ step: e.step, tokens: e.tokensSeen, valLoss: rounded(e.valLoss) }));
  const lastTrain = train[train.length - 1];
  const lastValidation = validation[validation.length - 1];
  const tokensSeen = Math.max(run.steps.at(-1)?.tokensSeen ?? 0, lastValidation?.tokens ?? 0);
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    exportedAt: now.toISOString(),
    label: run.label,
    objective: run.objective,
    status: run.status,
    corpusName: run.corpusName,
    sizeName: run.sizeName,
    setup: run.setup,
    config: run.config,
    backend: backendOf(backend),
    parameterCount: run.summary?.parameterCount ?? null,
    tokensPerSec: Number.isFinite(run.tokensPerSec) ? run.tokensPerSec : 0,
    trainingMs: run.elapsedMs,
    startedAt: new Date(run.createdAt).toISOString(),
    wallMs: Math.max(0, now.getTime() - run.createdAt),
    final: {
      steps: run.step,
      tokensSeen,
      trainLoss: lastTrain?.loss ?? null,
      valLoss: lastValidation?.valLoss ?? null,
      bestValLoss: validation.length === 0 ? null : Math.min(...validation.map((v) => v.valLoss)),
    },
    curve: {
      train: thinPoints(train, MAX_EXPORTED_POINTS),
      validation: thinPoints(validation, MAX_EXPORTED_POINTS),
    },
  };
}

/** The run file of `run` as its text: compact JSON ending with its checksum. */
export function runFileText(run: RunRecord, backend: BackendInfo | null, now = new Date()): string {
  return stringifyWithChecksum(runFileOf(run, backend, now), 0);
}

/** A file name for `run`'s file: `run-2-tiny-shakespeare-2025-01-31.json`. */
export function runFileName(
  run: Pick<RunRecord, 'label' | 'corpusName'>,
  now = new Date(),
): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const parts = [slug(run.label) || 'run', slug(run.corpusName), now.toISOString().slice(0, 10)];
  return `${parts.filter(Boolean).join('-')}.json`;
}

/** The set-up a fresh page would have with `config` (for runs that carry no set-up). */
export function setupWithConfig(config: RunConfig, base: Readonly<Setup> = DEFAULT_SETUP): Setup {
  return { ...base, config };
}
