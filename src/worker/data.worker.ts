/**
 * The data worker: reads files, curates documents, splits them and builds tokenizers, off the
 * main thread. Each command is handled to completion before the next (the work is synchronous);
 * progress is posted a few times a second. To cancel, the client terminates the worker.
 */
import { describeRule } from '../data/curate';
import { assertNever } from '../shared/assertNever';
import { curateForDisplay } from './data/curation';
import { parseSources } from './data/parse';
import { splitForTraining } from './data/split';
import { createThrottle } from './data/throttle';
import { buildTokenizerForDisplay } from './data/tokenize';
import type { DataCommand, DataEvent } from './data-protocol';
import { errorMessage } from '../shared/errors';

function post(event: DataEvent): void {
  postMessage(event);
}

/** A progress callback for one request that posts at a bounded rate. */
function progressFor(requestId: number): (fraction: number, stage: string) => void {
  const due = createThrottle();
  return (fraction, stage) => {
    if (due()) post({ type: 'progress', requestId, fraction, stage });
  };
}

function handle(command: DataCommand): DataEvent {
  const { requestId } = command;
  switch (command.type) {
    case 'parse':
      return { type: 'parsed', requestId, result: parseSources(command.sources) };
    case 'curate': {
      const progress = progressFor(requestId);
      const result = curateForDisplay(command.documents, command.options, (fraction, stage) =>
        progress(fraction, stage === 'done' ? 'Done' : describeRule(stage).label),
      );
      return { type: 'curated', requestId, result };
    }
    case 'split':
      return {
        type: 'split',
        requestId,
        result: splitForTraining(
          command.documents,
          command.groups,
          command.valFraction,
          command.seed,
        ),
      };
    case 'build-tokenizer':
      return {
        type: 'tokenizer-built',
        requestId,
        result: buildTokenizerForDisplay(
          command.kind,
          command.vocabSize,
          command.trainText,
          command.valText,
          progressFor(requestId),
        ),
      };
    default:
      return assertNever(command);
  }
}

onmessage = (message: MessageEvent<DataCommand>) => {
  const command = message.data;
  try {
    post(handle(command));
  } catch (error) {
    const reason = errorMessage(error);
    post({ type: 'error', requestId: command.requestId, message: reason });
  }
};
