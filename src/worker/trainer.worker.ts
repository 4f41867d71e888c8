/**
 * The training worker: decodes commands from the UI, drives the engine, posts events back.
 * Commands are handled one after another, in order; training itself runs in the background
 * between them, in bursts (see engine/run.ts), so Pause and Predict are answered within a burst.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendChoice, BackendName } from '../config/backends';
import type { RunConfig } from '../config/config';
import { validateConfig } from '../config/validate';
import type { TokenSplit } from '../data/batcher';
import { splitTokens } from '../data/batcher';
import { selectBackend } from '../engine/backend';
import { TrainingRun } from '../engine/run';
import { checkDataFits } from '../engine/session';
import { assertNever } from '../shared/assertNever';
import { CharTokenizer } from '../tokenizer/char';
import { deserializeTokenizer } from '../tokenizer/serialize';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { toMetrics } from './events';
import type {
  AdapterInfo,
  PredictRequest,
  PreparedData,
  PredictResult,
  WorkerCommand,
  WorkerEvent,
} from './protocol';

setWasmPaths(new URL(`${import.meta.env.BASE_URL}tfjs-wasm/`, self.location.origin).href);

let run: TrainingRun | null = null;
let lastSetup: { config: RunConfig; text: string; prepared: PreparedData | undefined } | null =
  null;
let queue: Promise<void> = Promise.resolve();

function post(event: WorkerEvent): void {
  postMessage(event);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The adapter, with its info, when the browser offers WebGPU. */
async function probeAdapter(): Promise<AdapterInfo | null> {
  if (!('gpu' in navigator) || !navigator.gpu) return null;
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    // Newer browsers expose `adapter.info` (with isFallbackAdapter); older ones the flag on the adapter.
    const withInfo = adapter as GPUAdapter & {
      info?: GPUAdapterInfo & { isFallbackAdapter?: boolean };
    };
    const info = withInfo.info;
    return {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      device: info?.device ?? '',
      description: info?.description ?? '',
      isFallbackAdapter: info?.isFallbackAdapter ?? withInfo.isFallbackAdapter ?? false,
    };
  } catch {
    return null;
  }
}

/** The order to try backends in: WebGPU first only on a hardware adapter (or when asked). */
function backendOrder(choice: BackendChoice, adapter: AdapterInfo | null): BackendName[] {
  const cpuSide: BackendName[] = ['wasm', 'webgl', 'cpu'];
  if (choice === 'auto')
    return adapter && !adapter.isFallbackAdapter ? ['webgpu', ...cpuSide] : cpuSide;
  return [choice, ...cpuSide.filter((b) => b !== choice)];
}

/** Reports WebGPU device loss and validation errors, which tfjs only logs. */
function watchGpuDevice(): void {
  const device = (tf.backend() as WebGPUBackend).device;
  void device.lost.then((info) => {
    if (info.reason === 'destroyed') return;
    void run?.pause();
    post({
      type: 'error',
      message: `The GPU device was lost (${info.message || info.reason}). Restart the worker to continue; your curves are kept.`,
      fatal: true,
    });
  });
  device.onuncapturederror = (event: GPUUncapturedErrorEvent) => {
    void run?.pause();
    post({
      type: 'error',
      message: `WebGPU error: ${event.error.message}. Training was paused.`,
      fatal: false,
    });
  };
}

async function initBackend(choice: BackendChoice): Promise<void> {
  await disposeRun();
  const adapter = await probeAdapter();
  const { backend, failures } = await selectBackend(backendOrder(choice, adapter));
  if (backend === 'webgpu') watchGpuDevice();
  post({
    type: 'ready',
    backend,
    adapter: backend === 'webgpu' ? adapter : null,
    fallbacks: failures,
    wasmThreads: backend === 'wasm' ? getThreadsCount() : null,
  });
}

async function disposeRun(): Promise<void> {
  const old = run;
  run = null;
  await old?.dispose();
}

/** The tokenizer and token split for a run: prepared by the data stage, or char-level 90/10. */
function tokenize(
  text: string,
  prepared: PreparedData | undefined,
): { tokenizer: Tokenizer; data: TokenSplit } {
  if (!prepared) {
    if (text.trim() === '')
      throw new Error('The corpus is empty: choose a built-in text or paste your own.');
    const tokenizer = CharTokenizer.fromText(text);
    return { tokenizer, data: splitTokens(tokenizer.encode(text)) };
  }
  if (prepared.trainText.trim() === '') throw new Error('No training text is left after curation.');
  const tokenizer = deserializeTokenizer(prepared.tokenizer);
  return {
    tokenizer,
    data: { train: tokenizer.encode(prepared.trainText), val: tokenizer.encode(prepared.valText) },
  };
}

async function configure(
  runId: string,
  config: RunConfig,
  text: string,
  prepared?: PreparedData,
): Promise<void> {
  const issues = validateConfig(config);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join(' '));
  const { tokenizer, data } = tokenize(text, prepared);
  const problem = checkDataFits(data, config.model.blockSize);
  if (problem) throw new Error(problem);
  await disposeRun();
  const created = new TrainingRun(runId, config, tokenizer, data, {
    progress: (p) => post({ type: 'metrics', runId, ...toMetrics(p) }),
    status: (status, step, message) =>
      post({ type: 'run-state', runId, status, step, ...(message ? { message } : {}) }),
  });
  run = created;
  lastSetup = { config, text, prepared };
  const size = created.describe();
  post({
    type: 'configured',
    run: {
      runId,
      objective: config.training.objective,
      vocabSize: tokenizer.vocabSize,
      parameterCount: size.parameterCount,
      flopsPerToken: size.flopsPerToken,
      trainTokens: data.train.length,
      valTokens: data.val.length,
      tokensPerStep: size.tokensPerStep,
      tokenizer: tokenizer.kind,
    },
  });
  post({ type: 'run-state', runId, status: 'ready', step: 0 });
}

function currentRun(): TrainingRun {
  if (!run) throw new Error('No model yet: press Start to build one.');
  return run;
}

async function predict(current: TrainingRun, request: PredictRequest): Promise<PredictResult> {
  switch (request.kind) {
    case 'next-token': {
      const { top, sample, attention } = await current.predictNext(request.prompt, request);
      return { kind: 'next-token', top, sample, attention };
    }
    case 'fill-in': {
      const { masks, attention } = await current.predictFill(request.text, request);
      return { kind: 'fill-in', masks, attention };
    }
    case 'memorisation':
      return { kind: 'memorisation', ...current.findMemorised(request.text) };
    default:
      return assertNever(request);
  }
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case 'init':
    case 'set-backend':
      return initBackend(command.backend);
    case 'configure':
      return configure(command.runId, command.config, command.text, command.prepared);
    case 'start':
    case 'resume':
      currentRun().start();
      return;
    case 'pause':
      return currentRun().pause();
    case 'step-once':
      return currentRun().stepOnce();
    case 'reset':
      if (!lastSetup) throw new Error('Nothing to reset: no model has been built yet.');
      return configure(command.runId, lastSetup.config, lastSetup.text, lastSetup.prepared);
    case 'predict': {
      const { requestId } = command;
      try {
        const current = currentRun();
        const result = await predict(current, command.request);
        post({
          type: 'predictions',
          requestId,
          runId: current.runId,
          step: current.session.step,
          result,
        });
      } catch (error) {
        post({ type: 'error', requestId, message: messageOf(error), fatal: false });
      }
      return;
    }
    default:
      return assertNever(command);
  }
}

onmessage = (message: MessageEvent<WorkerCommand>) => {
  const command = message.data;
  queue = queue.then(() =>
    handle(command).catch((error: unknown) => {
      post({ type: 'error', message: messageOf(error), fatal: false });
    }),
  );
};
