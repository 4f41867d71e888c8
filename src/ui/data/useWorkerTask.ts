/**
 * Runs one request to the data worker for the current inputs, named by a key: when the key
 * changes, the request for the old key is cancelled and a new one starts after a short delay
 * (so a slider being dragged does not start a request per pixel). The last result stays
 * available while the next one is computed, so the page does not flash.
 */
import { useEffect, useRef, useState } from 'react';
import type { RequestOptions } from '../../worker/data-client';
import { isAborted } from '../../worker/data-client';
import { errorMessage } from '../../shared/errors';

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

interface Settled<T> {
  key: string;
  status: Extract<TaskStatus<T>, { status: 'done' | 'failed' }>;
}

/**
 * Runs `run` whenever `key` changes (nothing while it is null), `delayMs` after the last
 * change. `run` must depend only on what `key` names.
 */
export function useWorkerTask<T>(
  key: string | null,
  run: (options: RequestOptions) => Promise<T>,
  delayMs = 0,
): TaskState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [latest, setLatest] = useState<T | null>(null);
  const [progress, setProgress] = useState<{ key: string; fraction: number; stage: string } | null>(
    null,
  );
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      runRef
        .current({
          signal: controller.signal,
          onProgress: (fraction, stage) => {
            if (!controller.signal.aborted) setProgress({ key, fraction, stage });
          },
        })
        .then(
          (value) => {
            if (controller.signal.aborted) return;
            setSettled({ key, status: { status: 'done', value } });
            setLatest(value);
          },
          (error: unknown) => {
            if (!controller.signal.aborted && !isAborted(error)) {
              setSettled({ key, status: { status: 'failed', message: errorMessage(error) } });
            }
          },
        );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);

  if (key === null) return { current: { status: 'idle' }, latest };
  if (settled?.key === key) return { current: settled.status, latest };
  const mine = progress?.key === key ? progress : null;
  return {
    current: { status: 'running', fraction: mine?.fraction ?? 0, stage: mine?.stage ?? 'Starting' },
    latest,
  };
}
