/**
 * The main-thread side of the data worker: typed requests that resolve with their result,
 * progress callbacks, cancellation through an AbortSignal, and a fresh worker after a crash.
 * Requests run one at a time, in order. The work in the worker is synchronous, so cancelling
 * the running request terminates the worker; the next request starts a new one. The worker keeps
 * each result under its key; when a request names one a new worker lacks, the client replays the
 * request that made it (it remembers every keyed request) and tries again.
 */
import type { CurationOptions } from '../data/curate';
import type { TokenizerKind } from '../tokenizer/registry';
import type {
  CurationSummary,
  DataCommand,
  DataEvent,
  DataRequest,
  DatasetOrigin,
  DatasetSummary,
  MixtureTokens,
  PreparedTokens,
  TokenizerResult,
} from '../worker/data/protocol';
import { assertNever } from '../shared/assertNever';

/** Creates the worker; tests pass their own. */
export type DataWorkerFactory = () => Worker;

/** Receives the fraction done (0…1) and what the worker is doing. */
export type ProgressListener = (fraction: number, stage: string) => void;

/** Options of every request. */
export interface RequestOptions {
  onProgress?: ProgressListener;
  /** Aborting it cancels the request (queued or running); it then rejects with an `AbortedError`. */
  signal?: AbortSignal;
}

/** A request named a result the worker does not hold. */
class MissingResultError extends Error {
  constructor(readonly key: string) {
    super(`The data worker no longer holds '${key}'.`);
  }
}

/** How many results a request may replay before it gives up. */
const MAX_REPLAYS = 4;

/** The error a cancelled request rejects with. */
export class AbortedError extends Error {
  override readonly name = 'AbortError';
}

/** Whether an error only says that a request was cancelled (nothing to show the user). */
export function isAborted(error: unknown): boolean {
  return error instanceof AbortedError;
}

/** The events that answer a request. */
type AnswerEvent = Exclude<DataEvent, { type: 'progress' | 'error' }>;

/** A request waiting for its answer. */
interface Job {
  command: DataCommand;
  transfer: Transferable[];
  /** Resolves the caller's promise if `event` is the answer it expects. */
  answer: (event: AnswerEvent) => void;
  reject: (error: Error) => void;
  onProgress: ProgressListener | undefined;
  /** Stops listening to the caller's signal. */
  release: () => void;
}

const createDataWorker: DataWorkerFactory = () =>
  new Worker(new URL('../worker/data/data.worker.ts', import.meta.url), {
    type: 'module',
    name: 'data',
  });

/** Talks to the data worker. */
export class DataClient {
  private worker: Worker | null = null;
  private running: Job | null = null;
  private readonly queue: Job[] = [];
  private nextRequestId = 1;
  /** Every keyed request sent, by key: how to make each result again in a new worker. */
  private readonly recipes = new Map<string, Extract<DataRequest, { key: string }>>();

  /** The worker starts with the first request. */
  constructor(private readonly createWorker: DataWorkerFactory = createDataWorker) {}

  /** Reads a built-in corpus (fetched by the worker) or the learner's files into documents. */
  load(key: string, origin: DatasetOrigin, options: RequestOptions = {}): Promise<DatasetSummary> {
    return this.keyed({ type: 'load', key, origin }, options, (event) =>
      event.type === 'loaded' ? event.result : undefined,
    );
  }

  /** Cleans, filters and deduplicates a loaded dataset, and splits it by document. */
  curate(
    key: string,
    datasetKey: string,
    curation: CurationOptions,
    valFraction: number,
    options: RequestOptions = {},
  ): Promise<CurationSummary> {
    return this.keyed(
      { type: 'curate', key, datasetKey, options: curation, valFraction },
      options,
      (event) => (event.type === 'curated' ? event.result : undefined),
    );
  }

  /** Builds a tokenizer on the curated training text and encodes both splits. */
  tokenize(
    key: string,
    curatedKey: string,
    kind: TokenizerKind,
    vocabSize: number,
    options: RequestOptions = {},
  ): Promise<TokenizerResult> {
    return this.keyed({ type: 'tokenize', key, curatedKey, kind, vocabSize }, options, (event) =>
      event.type === 'tokenized' ? event.result : undefined,
    );
  }

  /** The token ids of both splits (a copy, transferred here): what a run trains on. */
  tokens(tokensKey: string, options: RequestOptions = {}): Promise<PreparedTokens> {
    return this.withReplays({ type: 'tokens', tokensKey }, options, (event) =>
      event.type === 'tokens' ? event.result : undefined,
    );
  }

  /** Two corpora encoded by one tokenizer (the mixture experiment). */
  mixture(
    request: Omit<Extract<DataRequest, { type: 'mixture' }>, 'type'>,
    options: RequestOptions = {},
  ): Promise<MixtureTokens> {
    return this.withReplays({ type: 'mixture', ...request }, options, (event) =>
      event.type === 'mixture-tokens' ? event.result : undefined,
    );
  }

  /** Sends a request whose result the worker keeps, remembering it for replays. */
  private keyed<T>(
    request: Extract<DataRequest, { key: string }>,
    options: RequestOptions,
    pick: (event: AnswerEvent) => T | undefined,
  ): Promise<T> {
    this.recipes.set(request.key, request);
    return this.withReplays(request, options, pick);
  }

  /** Sends `request`; when it needs a result the worker lacks, replays that result's request first. */
  private async withReplays<T>(
    request: DataRequest,
    options: RequestOptions,
    pick: (event: AnswerEvent) => T | undefined,
  ): Promise<T> {
    for (let replays = 0; ; replays++) {
      try {
        return await this.request(request, [], options, pick);
      } catch (error) {
        const recipe =
          error instanceof MissingResultError ? this.recipes.get(error.key) : undefined;
        if (recipe === undefined || replays >= MAX_REPLAYS) {
          throw error instanceof MissingResultError
            ? new Error('The data worker lost its data: load the corpus again.')
            : error;
        }
        await this.withReplays(recipe, { ...options, onProgress: undefined }, (event) => event);
      }
    }
  }

  /** Cancels everything and stops the worker; later requests start a new one. */
  dispose(): void {
    this.stopWorker();
    const jobs = [...(this.running ? [this.running] : []), ...this.queue];
    this.running = null;
    this.queue.length = 0;
    for (const job of jobs) this.fail(job, new AbortedError('The data worker was stopped.'));
  }

  private request<T>(
    request: DataRequest,
    transfer: Transferable[],
    options: RequestOptions,
    pick: (event: AnswerEvent) => T | undefined,
  ): Promise<T> {
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new AbortedError('Cancelled.'));
    const command: DataCommand = { ...request, requestId: this.nextRequestId++ };
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        command,
        transfer,
        onProgress,
        reject,
        answer: (event) => {
          const value = pick(event);
          if (value === undefined) {
            reject(new Error(`The data worker answered '${command.type}' with '${event.type}'.`));
          } else resolve(value);
        },
        release: () => signal?.removeEventListener('abort', onAbort),
      };
      const onAbort = (): void => this.cancel(job);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Sends the next queued request when none is running. */
  private dispatch(): void {
    if (this.running !== null) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    this.running = job;
    this.worker ??= this.spawn();
    this.worker.postMessage(job.command, job.transfer);
  }

  private spawn(): Worker {
    const worker = this.createWorker();
    worker.onmessage = (message: MessageEvent<DataEvent>) => this.receive(message.data);
    worker.onerror = (error: ErrorEvent) => {
      error.preventDefault();
      this.crash(`The data worker crashed: ${error.message || 'unknown error'}.`);
    };
    worker.onmessageerror = () => this.crash('A message from the data worker was unreadable.');
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Fails the running request, replaces the worker and goes on with the queue. */
  private crash(message: string): void {
    this.stopWorker();
    const job = this.running;
    this.running = null;
    if (job) this.fail(job, new Error(message));
    this.dispatch();
  }

  private cancel(job: Job): void {
    if (this.running === job) {
      this.stopWorker();
      this.running = null;
    } else {
      const at = this.queue.indexOf(job);
      if (at < 0) return;
      this.queue.splice(at, 1);
    }
    this.fail(job, new AbortedError('Cancelled.'));
    this.dispatch();
  }

  private fail(job: Job, error: Error): void {
    job.release();
    job.reject(error);
  }

  private receive(event: DataEvent): void {
    const job = this.running;
    // Answers to a request cancelled since are dropped.
    if (job === null || event.requestId !== job.command.requestId) return;
    switch (event.type) {
      case 'progress':
        job.onProgress?.(event.fraction, event.stage);
        return;
      case 'error':
        this.finish(job);
        job.reject(
          event.missing === undefined
            ? new Error(event.message)
            : new MissingResultError(event.missing),
        );
        return;
      case 'loaded':
      case 'curated':
      case 'tokenized':
      case 'tokens':
      case 'mixture-tokens':
        this.finish(job);
        job.answer(event);
        return;
      default:
        assertNever(event);
    }
  }

  private finish(job: Job): void {
    job.release();
    this.running = null;
    this.dispatch();
  }
}
