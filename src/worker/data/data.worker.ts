/**
 * The data worker: reads corpora and files, curates documents, splits them and builds
 * tokenizers, off the main thread, keeping each result (see pipeline.ts). Commands are handled
 * one after another, in order; progress is posted a few times a second. To cancel, the client
 * terminates the worker, and replays what a later request needs (`missing`).
 */
import { assertNever } from '../../shared/assertNever';
import { errorMessage } from '../../shared/errors';
import { DataPipeline, MissingResultError } from './pipeline';
import type { DataCommand, DataEvent } from './protocol';
import { createThrottle } from './throttle';

const pipeline = new DataPipeline();
let queue: Promise<void> = Promise.resolve();

function post(event: DataEvent, transfer: Transferable[] = []): void {
  postMessage(event, transfer);
}

/** A progress callback for one request that posts at a bounded rate. */
function progressFor(requestId: number): (fraction: number, stage: string) => void {
  const due = createThrottle();
  return (fraction, stage) => {
    if (due()) post({ type: 'progress', requestId, fraction, stage });
  };
}

async function handle(command: DataCommand): Promise<void> {
  const { requestId } = command;
  const progress = progressFor(requestId);
  switch (command.type) {
    case 'load': {
      const result = await pipeline.load(command.key, command.origin, progress);
      return post({ type: 'loaded', requestId, result });
    }
    case 'curate': {
      const { key, datasetKey, options, valFraction } = command;
      const result = await pipeline.curate(key, datasetKey, options, valFraction, progress);
      return post({ type: 'curated', requestId, result });
    }
    case 'tokenize': {
      const { key, curatedKey, kind, vocabSize } = command;
      const result = pipeline.tokenize(key, curatedKey, kind, vocabSize, progress);
      return post({ type: 'tokenized', requestId, result });
    }
    case 'tokens': {
      const result = pipeline.preparedTokens(command.tokensKey);
      return post({ type: 'tokens', requestId, result }, [result.train.buffer, result.val.buffer]);
    }
    case 'mixture': {
      const { a, b, options, valFraction, kind, vocabSize } = command;
      const result = await pipeline.mixture(
        [a, b],
        options,
        valFraction,
        kind,
        vocabSize,
        progress,
      );
      const buffers = [result.a.train, result.a.val, result.b.train, result.b.val].map(
        (ids) => ids.buffer,
      );
      return post({ type: 'mixture-tokens', requestId, result }, buffers);
    }
    default:
      return assertNever(command);
  }
}

onmessage = (message: MessageEvent<DataCommand>) => {
  const command = message.data;
  queue = queue.then(() =>
    handle(command).catch((error: unknown) => {
      post({
        type: 'error',
        requestId: command.requestId,
        message: errorMessage(error),
        ...(error instanceof MissingResultError ? { missing: error.key } : {}),
      });
    }),
  );
};
