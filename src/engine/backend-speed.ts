/**
 * How Auto chooses a backend: by timing what the app does, a few training steps of a small GPT
 * (the engine's own forward, backward and AdamW update, read back as in training), on every
 * backend that starts, hardware WebGPU included. A matrix product alone flatters a GPU on
 * shapes this small (dispatch and readback costs dominate), which is why the figure that
 * decides is tokens per second. The matmul figure is kept beside it, for the header.
 */
import { DEFAULT_TRAINING, type ModelConfig, type TrainingConfig } from '../config/config';
import type { BackendName } from '../config/backends';
import { splitTokens } from '../data/batcher';
import { errorMessage } from '../shared/errors';
import { createRng } from '../shared/rng';
import {
  CHOICE_MATMUL_BUDGET_MS,
  CHOICE_MATMUL_SIZE,
  measureMatmulGflops,
  trySetBackend,
} from './backend';
import { TrainingSession } from './session';

/** The speed test's model: the Medium preset's width and context, half its depth. */
export const SPEED_TEST_MODEL: ModelConfig = {
  vocabSize: 64,
  blockSize: 64,
  nLayer: 2,
  nHead: 4,
  nEmbd: 128,
  dropout: 0,
};

/** The speed test's training: the default recipe, 8 sequences a step. */
export const SPEED_TEST_TRAINING: TrainingConfig = {
  ...DEFAULT_TRAINING,
  batchSize: 8,
  maxIters: 1000,
  warmupIters: 0,
};

/** Time given to the timed steps of each candidate (the warm-up step is not counted). */
export const SPEED_TEST_BUDGET_MS = 400;
/** At most this many steps are timed. */
const MAX_TIMED_STEPS = 12;

/** What the training speed test measured on the current backend. */
export interface TrainingSpeed {
  tokensPerSec: number;
  /** Steps timed (after one warm-up step) and their time. */
  steps: number;
  ms: number;
}

/**
 * Times training steps of `SPEED_TEST_MODEL` on the current backend: one warm-up step (kernel
 * compilation, allocation), one timed step, then as many as fit in what is left of `budgetMs`
 * as one burst; the better rate counts. Creates and frees its own model.
 */
export async function measureTrainingSpeed(
  budgetMs = SPEED_TEST_BUDGET_MS,
): Promise<TrainingSpeed> {
  const rng = createRng(4242);
  const tokens = Int32Array.from({ length: 8192 }, () =>
    Math.floor(rng.next() * SPEED_TEST_MODEL.vocabSize),
  );
  const session = new TrainingSession(SPEED_TEST_MODEL, SPEED_TEST_TRAINING, splitTokens(tokens));
  const tokensPerStep = SPEED_TEST_TRAINING.batchSize * SPEED_TEST_MODEL.blockSize;
  const rate = (steps: number, ms: number): number =>
    (steps * tokensPerStep * 1000) / Math.max(ms, 0.001);
  try {
    await session.trainSteps(1);
    const started = performance.now();
    await session.trainSteps(1);
    const oneMs = performance.now() - started;
    let best: TrainingSpeed = { tokensPerSec: rate(1, oneMs), steps: 1, ms: oneMs };
    const steps = Math.min(MAX_TIMED_STEPS, Math.floor((budgetMs - oneMs) / Math.max(oneMs, 1)));
    if (steps >= 2) {
      const from = performance.now();
      await session.trainSteps(steps);
      const ms = performance.now() - from;
      if (rate(steps, ms) > best.tokensPerSec) best = { tokensPerSec: rate(steps, ms), steps, ms };
    }
    return best;
  } finally {
    session.dispose();
  }
}

/** A candidate backend's speed-test result, when the app chooses the backend itself. */
export interface CandidateSpeed {
  backend: BackendName;
  /** Training tokens per second in the speed test, or null (see `reason`). */
  tokensPerSec: number | null;
  /** Matrix-product throughput (a 256² product), or null when the backend did not start. */
  gflops: number | null;
  /** True for WebGPU on a software adapter (SwiftShader). */
  emulated: boolean;
  /** Why a figure is missing. */
  reason?: string;
}

/**
 * The fastest candidate that was measured, or null if none was: by training tokens per second
 * where measured, else by matmul throughput. An emulated GPU is never preferred over a backend
 * that runs on the CPU directly, whatever it measured.
 */
export function pickFastest(candidates: readonly CandidateSpeed[]): BackendName | null {
  const measured = candidates.filter((c) => c.tokensPerSec !== null || c.gflops !== null);
  const direct = measured.filter((c) => !c.emulated);
  const pool = direct.length > 0 ? direct : measured;
  const byTraining = pool.some((c) => c.tokensPerSec !== null);
  const score = (c: CandidateSpeed): number =>
    (byTraining ? c.tokensPerSec : c.gflops) ?? -Infinity;
  let best: CandidateSpeed | null = null;
  for (const candidate of pool) {
    if (best === null || score(candidate) > score(best)) best = candidate;
  }
  return best?.backend ?? null;
}

/**
 * Chooses the fastest backend by measuring each candidate that starts (a 256² product for the
 * header, then the training speed test) and switches to it. An emulated GPU (`emulatedGpu`
 * marks `webgpu` as one) only gets the product: it is never preferred over the CPU backends,
 * so its training figure could not change the choice, and SwiftShader compiles slowly. `cpu`
 * is measured only when `wasm` fails. Each candidate's figures, or why they are missing, are
 * returned for the UI. Throws if no candidate starts.
 */
export async function selectFastestBackend(
  candidates: readonly BackendName[],
  emulatedGpu: boolean,
  budgetMs = SPEED_TEST_BUDGET_MS,
): Promise<{ backend: BackendName; speeds: CandidateSpeed[] }> {
  const speeds: CandidateSpeed[] = [];
  const queue = [...candidates];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const emulated = name === 'webgpu' && emulatedGpu;
    const reason = await trySetBackend(name);
    if (reason !== null) {
      speeds.push({ backend: name, tokensPerSec: null, gflops: null, emulated, reason });
      if (name === 'wasm' && !candidates.includes('cpu')) queue.push('cpu');
      continue;
    }
    speeds.push(await measureCandidate(name, emulated, budgetMs));
  }
  const best = pickFastest(speeds);
  if (best === null || (await trySetBackend(best)) !== null) {
    const reasons = speeds.map((s) => `${s.backend} (${s.reason ?? 'failed to switch back'})`);
    throw new Error(`No tfjs backend could start: ${reasons.join('; ')}`);
  }
  return { backend: best, speeds };
}

/** Both figures of the backend in use (it started); a failed test is a reason, not a throw. */
async function measureCandidate(
  backend: BackendName,
  emulated: boolean,
  budgetMs: number,
): Promise<CandidateSpeed> {
  const without = (gflops: number | null, reason: string): CandidateSpeed => ({
    backend,
    tokensPerSec: null,
    gflops,
    emulated,
    reason,
  });
  let gflops: number;
  try {
    gflops = (await measureMatmulGflops(CHOICE_MATMUL_SIZE, CHOICE_MATMUL_BUDGET_MS)).gflops;
  } catch (error) {
    return without(null, `speed test failed: ${errorMessage(error)}`);
  }
  if (emulated) {
    return without(gflops, 'a software GPU is never preferred, so its training speed is not timed');
  }
  try {
    const { tokensPerSec } = await measureTrainingSpeed(budgetMs);
    return { backend, tokensPerSec, gflops, emulated };
  } catch (error) {
    return without(gflops, `training speed test failed: ${errorMessage(error)}`);
  }
}
