/**
 * The inference worker: a copy of the current run's model on its own single-threaded WASM
 * backend, which evaluates and predicts with the copies of the weights the training worker
 * hands it (engine/inference.ts), while training goes on there.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { InferenceModel } from '../../engine/inference';
import { assertNever } from '../../shared/assertNever';
import { errorMessage } from '../../shared/errors';
import { deserializeTokenizer } from '../../tokenizer/serialize';
import { setWasmThreads } from '../trainer/wasm-threads';
import type { InferenceAnswer, InferenceCommand, InferenceJob } from './protocol';

let booted: Promise<void> = Promise.resolve();
let model: { id: number; inference: InferenceModel } | null = null;

function post(answer: InferenceAnswer): void {
  postMessage(answer);
}

async function boot(wasmPath: string): Promise<void> {
  setWasmPaths(wasmPath);
  setWasmThreads(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('Its WASM backend did not start.');
}

function answer(inference: InferenceModel, request: InferenceJob): Promise<unknown> {
  switch (request.kind) {
    case 'evaluate':
      return inference.evaluate(request.weights, request.withSample);
    case 'predict-next':
      return inference.predictNext(request.weights, request.prompt, request.options);
    case 'predict-fill':
      return inference.predictFill(request.weights, request.text, request.options);
    default:
      return assertNever(request);
  }
}

async function handle(command: InferenceCommand): Promise<void> {
  switch (command.type) {
    case 'boot':
      booted = boot(command.wasmPath);
      // Said to each job instead (`unavailable`).
      booted.catch(() => undefined);
      return;
    case 'setup': {
      model?.inference.dispose();
      model = null;
      await booted;
      const { id, model: config, training, data } = command;
      const tokenizer = deserializeTokenizer(command.tokenizer);
      model = { id, inference: new InferenceModel({ model: config, training, tokenizer, data }) };
      return;
    }
    case 'job': {
      const { id, job } = command;
      try {
        await booted;
        if (model?.id !== id) throw new Error('This run’s model is not loaded here.');
      } catch (error) {
        post({ type: 'failed', id, job, message: errorMessage(error), unavailable: true });
        return;
      }
      try {
        const result = (await answer(model.inference, command.request)) as never;
        post({ type: 'answer', id, job, result });
      } catch (error) {
        post({ type: 'failed', id, job, message: errorMessage(error), unavailable: false });
      }
      return;
    }
    case 'release':
      if (model?.id === command.id) {
        model.inference.dispose();
        model = null;
      }
      return;
    default:
      assertNever(command);
  }
}

let queue: Promise<void> = Promise.resolve();
onmessage = (message: MessageEvent<InferenceCommand>) => {
  const command = message.data;
  // One command at a time, in order; a failed setup fails that run's jobs.
  queue = queue.then(() => handle(command)).catch(() => undefined);
};
