/**
 * A sweep's results as one JSON document — what `npm run sweep -- --json` prints last and what
 * the page exports and re-opens: the runs, the fit of L(C) on the compute-efficient frontier,
 * the Chinchilla fit L(N, D) on the final points, the check run and the mixture. Reading one
 * back checks every field it uses and says in words what is wrong.
 */
import type { ChinchillaFit, PowerFit } from './fit';
import { fitChinchilla, fitPowerLaw, frontier } from './fit';
import type { SweepSpec } from './plan';
import type { SweepPoint, SweepRunResult } from './types';

/** The file's format name and version. */
export const SWEEP_FORMAT = 'pretraining-playground-sweep';
export const SWEEP_VERSION = 1;

/** Runs a fit needs. */
export const MIN_FITTED_RUNS = 3;

/** A predicted loss with its spread (±2σ of the fit's residuals in log space). */
export interface Prediction {
  loss: number;
  low: number;
  high: number;
}

/** A run as the report keeps it. */
export interface ReportRun extends SweepRunResult {
  /** `sweep`: part of the fit; `check`: the bigger run predicted from it. */
  kind: 'sweep' | 'check';
  /** For the check run: what the fit predicted before it ran. */
  predicted?: Prediction;
}

/** One share of the mixture: the losses on both corpora's validation sets. */
export interface MixturePoint {
  share: number;
  lossA: number;
  lossB: number;
}

/** The mixture experiment's results. */
export interface MixtureReport {
  /** Names of corpus A and corpus B. */
  a: string;
  b: string;
  width: number;
  params: number;
  tokens: number;
  points: MixturePoint[];
}

/** The whole document. */
export interface SweepReport {
  format: typeof SWEEP_FORMAT;
  version: typeof SWEEP_VERSION;
  /** What the runs trained on (corpus name, tokenizer). */
  corpus: string;
  tokenizer: string;
  vocabSize: number;
  spec: SweepSpec;
  runs: ReportRun[];
  fit: PowerFit | null;
  chinchilla: ChinchillaFit | null;
  mixture: MixtureReport | null;
  /** When the report was made (ISO 8601). */
  created: string;
}

/** The runs a fit uses: sweep runs that did not diverge. */
export function fittedRuns(runs: readonly ReportRun[]): ReportRun[] {
  return runs.filter((r) => r.kind === 'sweep' && !r.diverged && Number.isFinite(r.valLoss));
}

/** Every evaluation after the start of the fitted runs, with the run it belongs to. */
export function evaluationPoints(
  runs: readonly ReportRun[],
): (SweepPoint & { runId: string; loss: number })[] {
  return fittedRuns(runs).flatMap((run) =>
    run.points
      .filter((p) => p.tokens > 0 && Number.isFinite(p.valLoss))
      .map((p) => ({ ...p, runId: run.id, loss: p.valLoss })),
  );
}

/** The compute-efficient frontier: the lowest loss reached at each compute. */
export function computeFrontier(
  runs: readonly ReportRun[],
): (SweepPoint & { runId: string; loss: number })[] {
  return frontier(evaluationPoints(runs));
}

/** Both fits of a set of runs: L(C) on the frontier, L(N, D) on the runs' final points. */
export function fitRuns(runs: readonly ReportRun[]): {
  fit: PowerFit | null;
  chinchilla: ChinchillaFit | null;
} {
  // A frontier of one or two runs is a learning curve, not a law of scale.
  if (fittedRuns(runs).length < MIN_FITTED_RUNS) return { fit: null, chinchilla: null };
  const fit = fitPowerLaw(computeFrontier(runs).map((p) => ({ x: p.compute, loss: p.loss })));
  const chinchilla = fitChinchilla(
    fittedRuns(runs).map((r) => ({ n: r.params, d: r.tokens, loss: r.valLoss })),
  );
  return { fit, chinchilla };
}

/** Builds the document (fits included) from the runs. */
export function buildSweepReport(
  about: { corpus: string; tokenizer: string; vocabSize: number; spec: SweepSpec },
  runs: readonly ReportRun[],
  mixture: MixtureReport | null = null,
): SweepReport {
  return {
    format: SWEEP_FORMAT,
    version: SWEEP_VERSION,
    ...about,
    runs: [...runs],
    ...fitRuns(runs),
    mixture,
    created: new Date().toISOString(),
  };
}

/** The mixture's points from its runs (ids `mix-<percent>`, losses on sets `a` and `b`). */
export function mixturePoints(results: readonly SweepRunResult[]): MixturePoint[] {
  return results
    .map((r) => ({
      share: Number(r.id.replace(/^mix-/, '')) / 100,
      lossA: r.losses.a ?? NaN,
      lossB: r.losses.b ?? NaN,
    }))
    .filter((p) => Number.isFinite(p.share))
    .sort((x, y) => x.share - y.share);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks one run of a file; the reason in words, or null. */
function runProblem(value: unknown, index: number): string | null {
  const where = `run ${index + 1}`;
  if (!isRecord(value)) return `${where} is not an object.`;
  for (const key of ['params', 'tokens', 'compute', 'tokensPerSec'] as const) {
    if (!isNumber(value[key]) || value[key] < 0) return `${where}: "${key}" is not a number ≥ 0.`;
  }
  if (typeof value.valLoss !== 'number' && value.valLoss !== null)
    return `${where}: "valLoss" is not a number.`;
  if (!Array.isArray(value.points)) return `${where}: "points" is not a list.`;
  for (const p of value.points) {
    if (!isRecord(p) || !isNumber(p.tokens) || !isNumber(p.compute))
      return `${where}: a point lacks its tokens or compute.`;
  }
  return null;
}

/**
 * Reads a sweep file (this format, or the CLI's bare `{runs, fit, chinchilla}`): the report, or
 * the reason it is refused. Fits are computed again from the runs, never trusted.
 */
export function readSweepReport(text: string): { report: SweepReport } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'This file is not JSON: it is not a sweep file.' };
  }
  if (!isRecord(value) || !Array.isArray(value.runs))
    return { error: 'This JSON has no "runs" list: it is not a sweep file.' };
  if (value.format !== undefined && value.format !== SWEEP_FORMAT)
    return { error: `This is a "${String(value.format)}" file, not a sweep file.` };
  if (isNumber(value.version) && value.version > SWEEP_VERSION)
    return { error: `This sweep file is version ${value.version}; this page reads version 1.` };
  if (value.runs.length === 0) return { error: 'This sweep file holds no runs.' };
  for (let i = 0; i < value.runs.length; i++) {
    const problem = runProblem(value.runs[i], i);
    if (problem) return { error: `This sweep file is damaged: ${problem}` };
  }
  const runs: ReportRun[] = (value.runs as Record<string, unknown>[]).map((r, i) => ({
    id: typeof r.id === 'string' ? r.id : `run-${i + 1}`,
    label: typeof r.label === 'string' ? r.label : `Run ${i + 1}`,
    width: isNumber(r.width) ? r.width : 0,
    nLayer: isNumber(r.nLayer) ? r.nLayer : 0,
    params: r.params as number,
    tokens: r.tokens as number,
    compute: r.compute as number,
    valLoss: isNumber(r.valLoss) ? r.valLoss : NaN,
    losses: isRecord(r.losses) ? (r.losses as Record<string, number>) : {},
    trainLoss: isNumber(r.trainLoss) ? r.trainLoss : NaN,
    tokensPerSec: r.tokensPerSec as number,
    trainingMs: isNumber(r.trainingMs) ? r.trainingMs : 0,
    points: (r.points as SweepPoint[]).map((p) => ({
      tokens: p.tokens,
      compute: p.compute,
      valLoss: isNumber(p.valLoss) ? p.valLoss : NaN,
    })),
    kind: r.kind === 'check' ? 'check' : 'sweep',
    ...(r.diverged === true || !isNumber(r.valLoss) ? { diverged: true } : {}),
    ...(isRecord(r.predicted) && isNumber(r.predicted.loss)
      ? {
          predicted: {
            loss: r.predicted.loss,
            low: isNumber(r.predicted.low) ? r.predicted.low : r.predicted.loss,
            high: isNumber(r.predicted.high) ? r.predicted.high : r.predicted.loss,
          },
        }
      : {}),
  }));
  const spec = isRecord(value.spec) ? (value.spec as unknown as SweepSpec) : null;
  const mixture = readMixture(value.mixture);
  return {
    report: {
      format: SWEEP_FORMAT,
      version: SWEEP_VERSION,
      corpus: typeof value.corpus === 'string' ? value.corpus : 'unknown corpus',
      tokenizer: typeof value.tokenizer === 'string' ? value.tokenizer : 'unknown',
      vocabSize: isNumber(value.vocabSize) ? value.vocabSize : 0,
      spec: spec ?? {
        widths: [...new Set(runs.map((r) => r.width))],
        budgets: [...new Set(runs.map((r) => r.tokens))],
        objective: 'causal',
        blockSize: 0,
        batchSize: 0,
        seed: 0,
        evalIters: 0,
      },
      runs,
      ...fitRuns(runs),
      mixture,
      created: typeof value.created === 'string' ? value.created : new Date().toISOString(),
    },
  };
}

function readMixture(value: unknown): MixtureReport | null {
  if (!isRecord(value) || !Array.isArray(value.points)) return null;
  const points = (value.points as unknown[])
    .filter(isRecord)
    .filter((p) => isNumber(p.share))
    .map((p) => ({
      share: p.share as number,
      lossA: isNumber(p.lossA) ? p.lossA : NaN,
      lossB: isNumber(p.lossB) ? p.lossB : NaN,
    }));
  return {
    a: typeof value.a === 'string' ? value.a : 'A',
    b: typeof value.b === 'string' ? value.b : 'B',
    width: isNumber(value.width) ? value.width : 0,
    params: isNumber(value.params) ? value.params : 0,
    tokens: isNumber(value.tokens) ? value.tokens : 0,
    points,
  };
}
