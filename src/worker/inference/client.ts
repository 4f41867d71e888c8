/**
 * The training worker's side of the inference worker (inference.worker.ts): started with the
 * backend, kept between runs; each run gets a `RemoteInference` that sends it jobs with copies
 * of the weights and resolves with the answers. If the worker fails, every job waiting rejects
 * and the runs evaluate and predict between their bursts again (engine/run.ts).
 */
import type { ModelConfig, TrainingConfig } from '../../config/config';
import type { TokenSplit } from '../../data/batcher';
import { InferenceUnavailable, type RemoteInference } from '../../engine/inference';
import { serializeTokenizer } from '../../tokenizer/serialize';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import type { InferenceAnswer, InferenceCommand, InferenceJob } from './protocol';

interface Waiting {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

let nextRunId = 1;

export class InferenceWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextJob = 1;

  /** `wasmPath`: where the WASM binaries are served. */
  constructor(private readonly wasmPath: string) {}

  /** Starts the worker (its backend starts in the background), if it is not running. */
  warm(): void {
    if (this.worker !== null) return;
    const worker = new Worker(new URL('./inference.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<InferenceAnswer>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`The inference worker failed: ${event.message || 'unknown error'}.`);
    };
    this.worker = worker;
    this.send({ type: 'boot', wasmPath: this.wasmPath });
  }

  /** Ends the worker; jobs waiting reject. */
  dispose(): void {
    this.fail('The inference worker was stopped.');
  }

  /** A run's model in the worker (replacing the previous run's). */
  forRun(
    model: ModelConfig,
    training: TrainingConfig,
    tokenizer: Tokenizer,
    data: TokenSplit,
  ): RemoteInference {
    this.warm();
    const id = nextRunId++;
    const tokenizerData = serializeTokenizer(tokenizer);
    this.send({ type: 'setup', id, model, training, tokenizer: tokenizerData, data });
    let released = false;
    const job = (request: InferenceJob): Promise<never> =>
      released
        ? Promise.reject(new InferenceUnavailable('This run no longer uses the inference worker.'))
        : (this.run(id, request) as Promise<never>);
    return {
      evaluate: (weights, withSample) => job({ kind: 'evaluate', weights, withSample }),
      predictNext: (weights, prompt, options) =>
        job({ kind: 'predict-next', weights, prompt, options }),
      predictFill: (weights, text, options) =>
        job({ kind: 'predict-fill', weights, text, options }),
      dispose: () => {
        if (released) return;
        released = true;
        if (this.worker !== null) this.send({ type: 'release', id });
      },
    };
  }

  private run(id: number, request: InferenceJob): Promise<unknown> {
    if (this.worker === null) {
      return Promise.reject(new InferenceUnavailable('The inference worker stopped.'));
    }
    const job = this.nextJob++;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.set(job, { resolve, reject });
      // Copied, not transferred: the run evaluates them itself if this worker cannot.
      this.send({ type: 'job', id, job, request });
    });
  }

  private send(command: InferenceCommand): void {
    this.worker?.postMessage(command);
  }

  private receive(answer: InferenceAnswer): void {
    const waiting = this.waiting.get(answer.job);
    if (waiting === undefined) return;
    this.waiting.delete(answer.job);
    if (answer.type === 'answer') waiting.resolve(answer.result);
    else if (answer.unavailable) {
      waiting.reject(new InferenceUnavailable(answer.message));
      // It cannot answer any other job either: the runs evaluate and predict themselves.
      this.fail(answer.message);
    } else waiting.reject(new Error(answer.message));
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const { reject } of this.waiting.values()) reject(new InferenceUnavailable(message));
    this.waiting.clear();
  }
}
