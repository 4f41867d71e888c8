/**
 * The trainer's side of data-parallel training (engine/parallel.ts): starts helper workers
 * (replica.worker.ts), and each step hands them the weights and their shares through shared
 * memory (replica-memory.ts) and waits for their gradients with `Atomics.wait`, which a worker
 * may do. Until every helper has started, `count` is 0 and the session trains alone.
 */
import type { ModelConfig, Objective } from '../config/config';
import type { NamedParameter } from '../engine/model/params';
import type { Batch } from '../engine/objectives/batch';
import type { GradientHelpers, ShareGradients } from '../engine/parallel';
import { tensorValues } from '../engine/parallel';
import {
  COMMAND,
  DONE,
  HAS_SEED,
  ROWS,
  SEED,
  STATUS,
  STOP,
  gradientSize,
  replicaBytes,
  replicaViews,
  type ReplicaMessage,
  type ReplicaSetup,
  type ReplicaViews,
} from './replica-memory';

/**
 * How long a step waits for a helper before dropping it. Generous: a helper's share takes
 * well under a second; only a crashed or stalled helper takes this long.
 */
const HELPER_TIMEOUT_MS = 30_000;

interface Helper {
  worker: Worker;
  views: ReplicaViews;
}

/** Helpers for one session's model. */
export class ReplicaPool implements GradientHelpers {
  private readonly helpers: Helper[] = [];
  private readonly parameters: Float32Array;
  private started = 0;
  private sequence = 0;
  private disposed = false;

  /**
   * Starts `count` helpers for a model of this shape, whose batches have at most `batchSize`
   * rows. `onProblem` hears why the helpers were dropped, if they are.
   */
  constructor(
    model: ModelConfig,
    objective: Objective,
    named: readonly NamedParameter[],
    trainable: readonly boolean[],
    batchSize: number,
    count: number,
    wasmPath: string,
    private readonly onProblem: (message: string) => void,
  ) {
    const total = named.reduce((sum, p) => sum + p.variable.size, 0);
    const gradSize = gradientSize(named, trainable);
    const maxRows = Math.ceil(batchSize / (count + 1));
    const parameters = new SharedArrayBuffer(4 * total);
    this.parameters = new Float32Array(parameters);
    for (let i = 0; i < count; i++) {
      const buffer = new SharedArrayBuffer(replicaBytes(maxRows, model.blockSize, gradSize));
      const worker = new Worker(new URL('./replica.worker.ts', import.meta.url), {
        type: 'module',
      });
      const helper = { worker, views: replicaViews(buffer, maxRows, model.blockSize, gradSize) };
      worker.onmessage = (event: MessageEvent<ReplicaMessage>) => this.receive(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.fail(`A training helper failed to start: ${event.message || 'unknown error'}.`);
      };
      const setup: ReplicaSetup = {
        model,
        objective,
        trainable: [...trainable],
        maxRows,
        parameters,
        buffer,
        wasmPath,
      };
      worker.postMessage(setup);
      this.helpers.push(helper);
    }
  }

  /** How many helpers share each batch: all of them once all have started, else 0. */
  get count(): number {
    return !this.disposed && this.started === this.helpers.length ? this.helpers.length : 0;
  }

  private receive(message: ReplicaMessage): void {
    if (message.type === 'ready') this.started++;
    else this.fail(`A training helper failed: ${message.message}`);
  }

  private fail(message: string): void {
    if (this.disposed) return;
    this.dispose();
    this.onProblem(`${message} Training goes on in one worker.`);
  }

  start(
    params: readonly NamedParameter[],
    shares: readonly Batch[],
    dropoutSeed: number | null,
  ): void {
    this.sequence++;
    let offset = 0;
    for (const { variable } of params) {
      this.parameters.set(tensorValues(variable), offset);
      offset += variable.size;
    }
    this.helpers.forEach(({ views }, i) => {
      const share = shares[i];
      if (!share) throw new Error('Every helper needs a share of the batch.');
      views.inputs.set(share.inputs);
      views.targets.set(share.targets);
      views.weights.set(share.weights);
      views.control[ROWS] = share.batchSize;
      views.control[HAS_SEED] = dropoutSeed === null ? 0 : 1;
      // Each share draws its own dropout masks.
      views.control[SEED] = dropoutSeed === null ? 0 : (dropoutSeed + i + 1) % 2 ** 31;
      Atomics.store(views.control, COMMAND, this.sequence);
      Atomics.notify(views.control, COMMAND);
    });
  }

  collect(): ShareGradients[] | null {
    const results: ShareGradients[] = [];
    for (const { views } of this.helpers) {
      const deadline = performance.now() + HELPER_TIMEOUT_MS;
      for (;;) {
        const done = Atomics.load(views.control, DONE);
        if (done === this.sequence) break;
        const left = deadline - performance.now();
        if (left <= 0) {
          this.fail('A training helper stopped answering.');
          return null;
        }
        Atomics.wait(views.control, DONE, done, left);
      }
      if (Atomics.load(views.control, STATUS) !== 0) {
        this.fail('A training helper could not compute its share.');
        return null;
      }
      results.push({
        loss: views.scalars[0] ?? NaN,
        weight: views.scalars[1] ?? 0,
        values: views.grads,
      });
    }
    return results;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const { worker, views } of this.helpers) {
      Atomics.store(views.control, COMMAND, STOP);
      Atomics.notify(views.control, COMMAND);
      worker.terminate();
    }
  }
}
