/**
 * The shared memory between the training worker and one helper (data-parallel training, see
 * engine/parallel.ts): a few control words the two wait on with `Atomics`, the helper's share of
 * the batch, and its gradients. The weights the helpers read live in one buffer for all of them.
 *
 * A step: the trainer writes the weights and the share, bumps `COMMAND` and notifies; the helper
 * computes, writes its loss, weight and gradients, sets `DONE` to the same number and notifies.
 * `COMMAND` = -1 tells the helper to stop.
 */
import type { ModelConfig, Objective } from '../../config/config';

/** Control word indices. */
export const COMMAND = 0;
export const DONE = 1;
/** 0 when the last step succeeded, 1 when it threw. */
export const STATUS = 2;
export const ROWS = 3;
/** 1 when `SEED` holds a dropout seed, 0 for no dropout. */
export const HAS_SEED = 4;
export const SEED = 5;
const CONTROL_WORDS = 8;
/** The command that stops a helper. */
export const STOP = -1;

/** Views of one helper's shared buffer. */
export interface ReplicaViews {
  control: Int32Array;
  /** [loss, weight] of the helper's share. */
  scalars: Float64Array;
  inputs: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  /** The gradients of the trainable parameters, one after another. */
  grads: Float32Array;
}

/** How many gradient values a helper writes: the sizes of the trainable parameters. */
export function gradientSize(
  named: readonly { variable: { size: number } }[],
  trainable: readonly boolean[],
): number {
  return named.reduce((sum, p, i) => sum + (trainable[i] ? p.variable.size : 0), 0);
}

/** The bytes one helper's buffer needs. */
export function replicaBytes(maxRows: number, blockSize: number, gradSize: number): number {
  const positions = maxRows * blockSize;
  return 4 * CONTROL_WORDS + 8 * 2 + 4 * 3 * positions + 4 * gradSize;
}

/** Views of one helper's buffer (laid out as `replicaBytes` counts). */
export function replicaViews(
  buffer: SharedArrayBuffer,
  maxRows: number,
  blockSize: number,
  gradSize: number,
): ReplicaViews {
  const positions = maxRows * blockSize;
  let offset = 0;
  const take = (bytes: number): number => {
    const at = offset;
    offset += bytes;
    return at;
  };
  return {
    control: new Int32Array(buffer, take(4 * CONTROL_WORDS), CONTROL_WORDS),
    scalars: new Float64Array(buffer, take(8 * 2), 2),
    inputs: new Int32Array(buffer, take(4 * positions), positions),
    targets: new Int32Array(buffer, take(4 * positions), positions),
    weights: new Float32Array(buffer, take(4 * positions), positions),
    grads: new Float32Array(buffer, take(4 * gradSize), gradSize),
  };
}

/** A run's model, as the trainer hands it to a helper. */
export interface ReplicaSetup {
  /** Tells this run's answers from those of a helper's earlier run. */
  id: number;
  model: ModelConfig;
  objective: Objective;
  /** Per parameter (in `listParameters` order): whether it trains (has a gradient). */
  trainable: boolean[];
  maxRows: number;
  /** Every parameter's values, one after another: written by the trainer each step. */
  parameters: SharedArrayBuffer;
  /** This helper's buffer (`replicaViews`). */
  buffer: SharedArrayBuffer;
}

/**
 * What the trainer sends a helper: `boot` once, when the helper is created (it starts its WASM
 * backend, from the binaries at `wasmPath`), then `serve` for each run that uses it. A helper
 * serves until `COMMAND` = `STOP`, then waits for its next run.
 */
export type ReplicaCommand =
  { type: 'boot'; wasmPath: string } | { type: 'serve'; setup: ReplicaSetup };

/** What a helper posts back to the run `id`: ready to serve it, or why it cannot. */
export type ReplicaMessage =
  { type: 'ready'; id: number } | { type: 'error'; id: number; message: string };
