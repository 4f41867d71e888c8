/**
 * The trainer's side of data-parallel training (engine/parallel.ts): keeps helper workers
 * (replica.worker.ts) started between runs (`HelperWorkers`), and each step hands a run's
 * helpers the weights and their shares through shared memory (replica-memory.ts) and waits for
 * their gradients with `Atomics.wait`, which a worker may do (`ReplicaPool`). Until every helper
 * has taken the run's model, `count` is 0 and the session trains alone.
 */
import type { ModelConfig, Objective } from '../../config/config';
import type { NamedParameter } from '../../engine/model/params';
import type { Batch } from '../../engine/objectives/batch';
import type { GradientHelpers, ShareGradients } from '../../engine/parallel';
import { tensorValues } from '../../engine/parallel';
import { isFrozen, type TrainingSession } from '../../engine/session';
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
  type ReplicaCommand,
  type ReplicaMessage,
  type ReplicaSetup,
  type ReplicaViews,
} from './replica-memory';

/**
 * How long a step waits for a helper before dropping it. Generous: a helper's share takes
 * well under a second; only a crashed or stalled helper takes this long.
 */
const HELPER_TIMEOUT_MS = 30_000;

/**
 * The thread a helper runs in (replica-core.ts): a Web Worker in the page (`webHelperThread`), a
 * worker thread in Node (cli/helper-threads.ts).
 */
export interface HelperThread {
  post(command: ReplicaCommand): void;
  /**
   * Replaces the listeners: the helper's messages (null: none expected), and a failure of its
   * script, with what it said.
   */
  listen(
    onMessage: ((message: ReplicaMessage) => void) | null,
    onError: (message: string) => void,
  ): void;
  terminate(): void;
}

/** A helper in a module Web Worker (replica.worker.ts, bundled by Vite). */
export function webHelperThread(): HelperThread {
  const worker = new Worker(new URL('./replica.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (command) => worker.postMessage(command),
    listen(onMessage, onError) {
      worker.onmessage =
        onMessage && ((event: MessageEvent<ReplicaMessage>) => onMessage(event.data));
      worker.onerror = (event) => {
        event.preventDefault();
        onError(event.message || 'unknown error');
      };
    },
    terminate: () => worker.terminate(),
  };
}

interface Helper {
  worker: HelperThread;
  views: ReplicaViews;
}

/**
 * Helper workers, started ahead of the runs that use them and kept between runs. Starting a
 * helper (its script, its WASM backend) keeps several threads busy for a moment; done while a
 * run starts, it starved the page's main thread just as it drew the new run.
 */
export class HelperWorkers {
  private idle: HelperThread[] = [];

  /** `wasmPath`: where the WASM binaries are served; `spawn` starts a helper's thread. */
  constructor(
    private readonly wasmPath: string,
    private readonly spawn: () => HelperThread = webHelperThread,
  ) {}

  /** Starts helpers until `count` are idle; their backends start in the background. */
  warm(count: number): void {
    while (this.idle.length < count) this.idle.push(this.start());
  }

  /** `count` helpers for a run: idle ones first, then new ones. */
  take(count: number): HelperThread[] {
    const taken = this.idle.splice(0, count);
    while (taken.length < count) taken.push(this.start());
    return taken;
  }

  /** Takes back a helper whose run has stopped it, for the next run. */
  release(worker: HelperThread): void {
    this.watch(worker);
    this.idle.push(worker);
  }

  /** Ends the idle helpers; a run's helpers come back here when its pool is disposed. */
  dispose(): void {
    for (const worker of this.idle) worker.terminate();
    this.idle = [];
  }

  private start(): HelperThread {
    const worker = this.spawn();
    this.watch(worker);
    worker.post({ type: 'boot', wasmPath: this.wasmPath });
    return worker;
  }

  /**
   * While idle, a helper whose script fails is dropped. One that could not start its backend
   * says so when a run asks it to serve, and that run drops it.
   */
  private watch(worker: HelperThread): void {
    worker.listen(null, () => {
      worker.terminate();
      this.idle = this.idle.filter((w) => w !== worker);
    });
  }
}

let nextSetupId = 1;

/** Helpers for one session's model. */
export class ReplicaPool implements GradientHelpers {
  private readonly helpers: Helper[] = [];
  private readonly parameters: Float32Array;
  private readonly id = nextSetupId++;
  private started = 0;
  private sequence = 0;
  private disposed = false;
  private settle: (allStarted: boolean) => void = () => {};
  /** Resolves true once every helper has taken the model, false if they were dropped first. */
  readonly ready = new Promise<boolean>((resolve) => (this.settle = resolve));

  /**
   * Gives `count` helpers from `workers` a model of this shape, whose batches have at most
   * `batchSize` rows. `onProblem` hears why the helpers were dropped, if they are.
   */
  constructor(
    model: ModelConfig,
    objective: Objective,
    named: readonly NamedParameter[],
    trainable: readonly boolean[],
    batchSize: number,
    count: number,
    private readonly workers: HelperWorkers,
    private readonly onProblem: (message: string) => void,
  ) {
    const total = named.reduce((sum, p) => sum + p.variable.size, 0);
    const gradSize = gradientSize(named, trainable);
    const maxRows = Math.ceil(batchSize / (count + 1));
    const parameters = new SharedArrayBuffer(4 * total);
    this.parameters = new Float32Array(parameters);
    for (const worker of workers.take(count)) {
      const buffer = new SharedArrayBuffer(replicaBytes(maxRows, model.blockSize, gradSize));
      const helper = { worker, views: replicaViews(buffer, maxRows, model.blockSize, gradSize) };
      worker.listen(
        (message) => this.receive(message),
        (message) => this.fail(`A training helper failed to start: ${message}.`),
      );
      const setup: ReplicaSetup = {
        id: this.id,
        model,
        objective,
        trainable: [...trainable],
        maxRows,
        parameters,
        buffer,
      };
      worker.post({ type: 'serve', setup });
      this.helpers.push(helper);
    }
  }

  /** How many helpers share each batch: all of them once all have started, else 0. */
  get count(): number {
    return !this.disposed && this.started === this.helpers.length ? this.helpers.length : 0;
  }

  private receive(message: ReplicaMessage): void {
    if (message.id !== this.id) return; // a helper's earlier run
    if (message.type === 'ready') {
      this.started++;
      if (this.started === this.helpers.length) this.settle(true);
    } else this.fail(`A training helper failed: ${message.message}`);
  }

  /** Drops the helpers: they end, as their state is unknown. */
  private fail(message: string): void {
    if (this.disposed) return;
    this.stop(false);
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

  /** Stops the helpers, which go back to `workers` for the next run. */
  dispose(): void {
    this.stop(true);
  }

  private stop(keep: boolean): void {
    if (this.disposed) return;
    this.disposed = true;
    this.settle(false);
    for (const { worker, views } of this.helpers) {
      Atomics.store(views.control, COMMAND, STOP);
      Atomics.notify(views.control, COMMAND);
      if (keep) this.workers.release(worker);
      else worker.terminate();
    }
  }
}

/**
 * A pool of `count` helpers from `workers` for `session`'s model: its shape, objective, batch
 * size and which parameters train.
 */
export function replicaPoolFor(
  session: TrainingSession,
  count: number,
  workers: HelperWorkers,
  onProblem: (message: string) => void,
): ReplicaPool {
  const { model, training } = session;
  const named = session.parameters;
  return new ReplicaPool(
    model,
    training.objective,
    named,
    named.map((p) => !isFrozen(p.name, session.freeze)),
    training.batchSize,
    count,
    workers,
    onProblem,
  );
}
