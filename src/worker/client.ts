/**
 * The main-thread side of the training worker: owns the Worker, sends typed commands,
 * fans events out to subscribers, pairs predict requests with their answers, and can
 * restart a crashed worker without reloading the page.
 */
import type { PredictRequest, PredictResult, WorkerCommand, WorkerEvent } from './protocol';

/** Creates the worker; tests and tools may pass their own. */
export type WorkerFactory = () => Worker;

/** An answered prediction, with the run and step it was made at. */
export interface Prediction {
  runId: string;
  step: number;
  result: PredictResult;
}

const createTrainerWorker: WorkerFactory = () =>
  new Worker(new URL('./trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  });

/** Talks to one training worker at a time. */
export class TrainerClient {
  private worker: Worker;
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly pending = new Map<
    number,
    { resolve: (p: Prediction) => void; reject: (e: Error) => void }
  >();
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
    this.rejectPending(message);
    this.emit({ type: 'error', message, fatal: true });
  }

  private rejectPending(message: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }

  private receive(event: WorkerEvent): void {
    if (event.type === 'predictions') {
      const waiter = this.pending.get(event.requestId);
      this.pending.delete(event.requestId);
      waiter?.resolve({ runId: event.runId, step: event.step, result: event.result });
    } else if (event.type === 'error' && event.requestId !== undefined) {
      const waiter = this.pending.get(event.requestId);
      this.pending.delete(event.requestId);
      waiter?.reject(new Error(event.message));
    }
    this.emit(event);
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Sends a command to the worker. */
  send(command: WorkerCommand): void {
    this.worker.postMessage(command);
  }

  /** Calls `listener` for every event; returns the function that unsubscribes. */
  subscribe(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the worker for predictions; resolves with the answer or rejects with its error. */
  predict(request: PredictRequest): Promise<Prediction> {
    const requestId = this.nextRequestId++;
    return new Promise<Prediction>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.send({ type: 'predict', requestId, request });
    });
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
