/**
 * A data-parallel helper (see engine/parallel.ts and replica-memory.ts): a copy of the model on
 * its own single-threaded WASM backend. Each step it takes the trainer's weights and its share
 * of the batch from shared memory, and writes back its loss and gradients. Between steps it
 * waits on `Atomics.wait`, so it uses no CPU while training is paused. The trainer starts it
 * once (`boot`) and keeps it between runs: `STOP` ends a run's model, and the helper waits for
 * the next `serve`. Booting before a run is what keeps a run's start light: a helper's start
 * (its script and WASM backend) takes several threads' worth of CPU for a moment.
 *
 * The same helper runs in a Web Worker in the page (replica.worker.ts) and in a worker thread
 * in Node for the CLI (cli/replica-thread.ts); each supplies how to post and start the backend.
 */
import * as tf from '@tensorflow/tfjs';
import { batchLoss } from '../../engine/loss';
import {
  initParams,
  listParameters,
  type GptParams,
  type NamedParameter,
} from '../../engine/model/params';
import { batchWeight, tensorValues } from '../../engine/parallel';
import type { Batch } from '../../engine/objectives/batch';
import { errorMessage } from '../../shared/errors';
import {
  COMMAND,
  DONE,
  HAS_SEED,
  ROWS,
  SEED,
  STATUS,
  STOP,
  gradientSize,
  replicaViews,
  type ReplicaCommand,
  type ReplicaMessage,
  type ReplicaSetup,
  type ReplicaViews,
} from './replica-memory';

/**
 * Sets the model to the trainer's weights. Each step needs new tensors, not writes into the old
 * ones: the WASM backend caches XNNPACK's packed copy of a product's weights by tensor.
 */
function loadWeights(named: readonly NamedParameter[], parameters: Float32Array): void {
  let offset = 0;
  for (const { variable } of named) {
    const values = parameters.subarray(offset, offset + variable.size);
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    offset += variable.size;
  }
}

/** Computes the loss and gradients of the share in `views`, and writes them there. */
function step(
  setup: ReplicaSetup,
  params: GptParams,
  trainable: readonly NamedParameter[],
  views: ReplicaViews,
): void {
  const { model, objective } = setup;
  const positions = (views.control[ROWS] ?? 0) * model.blockSize;
  const batch: Batch = {
    inputs: views.inputs.slice(0, positions),
    targets: views.targets.slice(0, positions),
    weights: views.weights.slice(0, positions),
    batchSize: views.control[ROWS] ?? 0,
    blockSize: model.blockSize,
  };
  const dropoutSeed = views.control[HAS_SEED] === 1 ? (views.control[SEED] ?? 0) : null;
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => batchLoss(params, model, objective, batch, dropoutSeed),
      trainable.map((p) => p.variable),
    );
    let offset = 0;
    for (const { variable } of trainable) {
      const grad = grads[variable.name];
      if (!grad) throw new Error(`No gradient for ${variable.name}.`);
      views.grads.set(tensorValues(grad), offset);
      offset += variable.size;
    }
    views.scalars[0] = tensorValues(value)[0] ?? NaN;
    views.scalars[1] = batchWeight(batch);
  });
}

/** Answers steps until told to stop. Blocks the worker: commands sent meanwhile wait for it. */
function serve(setup: ReplicaSetup, params: GptParams, post: Post): void {
  const named = listParameters(params);
  const trainable = named.filter((_, i) => setup.trainable[i]);
  const views = replicaViews(
    setup.buffer,
    setup.maxRows,
    setup.model.blockSize,
    gradientSize(named, setup.trainable),
  );
  const weights = new Float32Array(setup.parameters);
  // The buffer is new, so no step has been asked for yet; `COMMAND` may already be `STOP` if
  // the run ended before this helper took it.
  let seen = 0;
  for (;;) {
    Atomics.wait(views.control, COMMAND, seen);
    const command = Atomics.load(views.control, COMMAND);
    if (command === STOP) return;
    seen = command;
    try {
      loadWeights(named, weights);
      step(setup, params, trainable, views);
      Atomics.store(views.control, STATUS, 0);
    } catch (error) {
      Atomics.store(views.control, STATUS, 1);
      post({ type: 'error', id: setup.id, message: errorMessage(error) });
    }
    Atomics.store(views.control, DONE, command);
    Atomics.notify(views.control, DONE);
  }
}

/** Sends a message to the trainer. */
type Post = (message: ReplicaMessage) => void;

/**
 * Starts the helper's backend on one thread (the trainer and the other helpers use the rest),
 * with the WASM binaries at `wasmPath`; resolves with why it failed, or null.
 */
export type StartBackend = (wasmPath: string) => Promise<string | null>;

/**
 * A helper's command handler: `boot` starts its backend, `serve` serves one run's model until
 * the trainer stops it. Commands run one at a time (a run's `serve` waits for `boot`).
 */
export function replicaHandler(
  post: Post,
  startBackend: StartBackend,
): (command: ReplicaCommand) => void {
  /** Why the helper cannot serve, once `boot` has failed (said to the run that asks it). */
  let bootFailure: string | null = null;

  const boot = async (wasmPath: string): Promise<void> => {
    try {
      bootFailure = await startBackend(wasmPath);
    } catch (error) {
      bootFailure = `Its WASM backend did not start (${errorMessage(error)}).`;
    }
  };

  /** Serves one run's model until the trainer stops it, then frees the model. */
  const serveRun = (setup: ReplicaSetup): void => {
    if (bootFailure !== null) {
      post({ type: 'error', id: setup.id, message: bootFailure });
      return;
    }
    try {
      // Zeros: the values are replaced by the trainer's before every step.
      const params = initParams(setup.model, null);
      post({ type: 'ready', id: setup.id });
      serve(setup, params, post);
    } catch (error) {
      post({ type: 'error', id: setup.id, message: errorMessage(error) });
    } finally {
      // The model's variables are the only tensors a helper keeps.
      tf.disposeVariables();
    }
  };

  let queue: Promise<void> = Promise.resolve();
  return (command) => {
    queue = queue.then(() =>
      command.type === 'boot' ? boot(command.wasmPath) : serveRun(command.setup),
    );
  };
}
