/**
 * The training worker's run queue (the scaling sweep, its check run, the mixture experiment):
 * started in the background so that Pause, Resume and Cancel — and every other command — are
 * handled while it trains; one queue at a time.
 */
import { RunQueue } from '../../engine/scaling/runner';
import type { QueueRequest, WorkerCommand, WorkerEvent } from '../protocol';

let active: RunQueue | null = null;

/** Whether a queue is training (the page's own run must wait). */
export function queueRunning(): boolean {
  return active !== null;
}

/** Starts a queue in the background; `post` receives its progress, runs and outcome. */
export function startQueue(
  requestId: number,
  request: QueueRequest,
  post: (event: WorkerEvent) => void,
): void {
  if (active) throw new Error('A sweep is already running: pause or cancel it first.');
  const jobs = request.jobs.map(({ run, stream }) => {
    const train = request.streams[stream];
    if (!train) throw new Error(`The sweep names a training stream (${stream}) it did not send.`);
    return { run, train };
  });
  const queue = new RunQueue(jobs, request.evalSets, request.vocabSize, {
    onProgress: (progress) => post({ type: 'queue-progress', requestId, progress }),
    onRun: (result) => post({ type: 'queue-run', requestId, result }),
  });
  active = queue;
  void queue
    .run()
    .then(
      (outcome) => post({ type: 'queue-done', requestId, outcome }),
      (error: unknown) =>
        post({
          type: 'error',
          requestId,
          fatal: false,
          message: `The sweep stopped: ${error instanceof Error ? error.message : String(error)}`,
        }),
    )
    .finally(() => {
      if (active === queue) active = null;
    });
}

/** Pauses, resumes or cancels the running queue (nothing when none runs). */
export function controlQueue(action: Extract<WorkerCommand, { type: 'queue-control' }>['action']) {
  if (action === 'pause') active?.pause();
  else if (action === 'resume') active?.resume();
  else active?.cancel();
}
