/**
 * One stage of the data pipeline as the store runs it: a request for the current key, started
 * a short delay after the key last changed (a slider being dragged does not start a request per
 * pixel), cancelled when the key changes again, with its progress; the last result stays
 * available while the next one is computed, so the page does not flash.
 */
import { isAborted, type RequestOptions } from '../bridge/bridge';
import { errorMessage } from '../shared/errors';

/** Where a task is for the current key. */
export type TaskStatus<T> =
  | { status: 'idle' }
  | { status: 'running'; fraction: number; stage: string }
  | { status: 'done'; value: T }
  | { status: 'failed'; message: string };

/** The current key's status, and the latest result of any key (null before the first one). */
export interface TaskState<T> {
  current: TaskStatus<T>;
  latest: T | null;
}

/** A stage's request, rerun whenever its key changes. */
export class StageTask<T> {
  private key: string | null = null;
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private value: TaskState<T> = { current: { status: 'idle' }, latest: null };

  /** `onChange` is called after every change of state. */
  constructor(
    private readonly onChange: () => void,
    private readonly delayMs = 0,
  ) {}

  /** The state for the current key. */
  get state(): TaskState<T> {
    return this.value;
  }

  /** The key of the result in `state.current` when it is done, else null. */
  get doneKey(): string | null {
    return this.value.current.status === 'done' ? this.key : null;
  }

  /** Runs `run` for `key` unless that key is already running or done; null stops the task. */
  want(key: string | null, run: (options: RequestOptions) => Promise<T>): void {
    if (key === this.key) return;
    this.cancel();
    this.key = key;
    if (key === null) {
      this.set({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.set({ status: 'running', fraction: 0, stage: 'Starting' });
    this.timer = setTimeout(() => {
      this.timer = null;
      run({
        signal: controller.signal,
        onProgress: (fraction, stage) => {
          if (!controller.signal.aborted) this.set({ status: 'running', fraction, stage });
        },
      }).then(
        (value) => {
          if (!controller.signal.aborted) this.set({ status: 'done', value });
        },
        (error: unknown) => {
          if (!controller.signal.aborted && !isAborted(error)) {
            this.set({ status: 'failed', message: errorMessage(error) });
          }
        },
      );
    }, this.delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.controller = null;
  }

  private set(current: TaskStatus<T>): void {
    this.value = {
      current,
      latest: current.status === 'done' ? current.value : this.value.latest,
    };
    this.onChange();
  }
}
