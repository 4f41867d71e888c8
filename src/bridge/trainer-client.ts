/**
 * The main-thread side of the training worker: owns the Worker, sends typed commands,
 * fans events out to subscribers, pairs requests (commands with a `requestId`) with their
 * answers, and can restart a crashed worker without reloading the page.
 */
import type { PredictRequest, PredictResult, WorkerCommand, WorkerEvent } from '../worker/protocol';

/** Creates the worker; tests and tools may pass their own. */
export type WorkerFactory = () => Worker;

/** An answered prediction, with the run and step it was made at. */
export interface Prediction {
  runId: string;
  step: number;
  result: PredictResult;
}

/** Commands that expect an answer, without the id the client assigns. */
type RequestCommand = Extract<WorkerCommand, { requestId: number }>;
type WithoutId<C> = C extends unknown ? Omit<C, 'requestId'> : never;

/** Events that answer a request. */
type AnswerEvent = Extract<WorkerEvent, { requestId: number }>;

/** An event of type `K`. */
export type EventOf<K extends WorkerEvent['type']> = Extract<WorkerEvent, { type: K }>;

interface Pending {
  answer: WorkerEvent['type'];
  resolve: (event: WorkerEvent) => void;
  reject: (error: Error) => void;
  /** Intermediate events for this request (progress), if the caller wants them. */
  onEvent: ((event: WorkerEvent) => void) | undefined;
}

const createTrainerWorker: WorkerFactory = () =>
  new Worker(new URL('../worker/trainer/trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  });

/** Talks to one training worker at a time. */
export class TrainerClient {
  private worker: Worker;
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  /** Starts a worker. */
  constructor(private readonly createWorker: WorkerFactory = createTrainerWorker) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = this.createWorker();
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.receive(message.data);
    worker.onerror = (error: ErrorEvent) => {
      error.preventDefault();
      this.crash(`The training worker crashed: ${error.message || 'unknown error'}.`);
    };
    worker.onmessageerror = () => this.crash('A message from the training worker was unreadable.');
    return worker;
  }

  private crash(message: string): void {
    // After an uncaught error the worker's state is unknown: stop it; restart() makes a new one.
    this.worker.terminate();
    this.rejectPending(message);
    this.emit({ type: 'error', message, fatal: true });
  }

  private rejectPending(message: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }

  private receive(event: WorkerEvent): void {
    const requestId = 'requestId' in event ? event.requestId : undefined;
    const waiter = requestId === undefined ? undefined : this.pending.get(requestId);
    if (waiter && requestId !== undefined) {
      if (event.type === 'error') {
        this.pending.delete(requestId);
        waiter.reject(new Error(event.message));
      } else if (event.type === waiter.answer) {
        this.pending.delete(requestId);
        waiter.resolve(event);
      } else {
        waiter.onEvent?.(event);
      }
    }
    this.emit(event);
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Sends a command to the worker; buffers in `transfer` move, not copy. */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.worker.postMessage(command, transfer);
  }

  /** Calls `listener` for every event; returns the function that unsubscribes. */
  subscribe(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends a request and resolves with its `answer` event (or rejects with its error). Other
   * events for the same request (progress) go to `onEvent`. Buffers in `transfer` move, not copy.
   */
  request<K extends AnswerEvent['type']>(
    command: WithoutId<RequestCommand>,
    answer: K,
    onEvent?: (event: AnswerEvent) => void,
    transfer: Transferable[] = [],
  ): Promise<EventOf<K>> {
    const requestId = this.nextRequestId++;
    return new Promise<EventOf<K>>((resolve, reject) => {
      this.pending.set(requestId, {
        answer,
        resolve: (event) => resolve(event as EventOf<K>),
        reject,
        onEvent: onEvent as ((event: WorkerEvent) => void) | undefined,
      });
      this.worker.postMessage({ ...command, requestId }, transfer);
    });
  }

  /** Asks the worker for predictions (of the current model, or a fine-tuning run's base). */
  async predict(
    request: PredictRequest,
    model: 'current' | 'base' = 'current',
  ): Promise<Prediction> {
    const { runId, step, result } = await this.request(
      { type: 'predict', request, model },
      'predictions',
    );
    return { runId, step, result };
  }

  /** Replaces the worker with a fresh one (after a crash or a lost GPU). Send `init` again. */
  restart(): void {
    this.worker.terminate();
    this.rejectPending('The training worker was restarted.');
    this.worker = this.spawn();
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.worker.terminate();
    this.rejectPending('The training worker was stopped.');
    this.listeners.clear();
  }
}
