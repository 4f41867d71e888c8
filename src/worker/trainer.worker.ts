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
import type { RunConfig, TrainingConfig } from '../config/config';
import { MAX_TRAINING_WORKERS, trainingWorkersFor } from '../config/query';
import { validateConfig } from '../config/validate';
import type { TokenSplit } from '../data/batcher';
import {
  isEmulatedAdapter,
  measureMatmulGflops,
  REPORT_MATMUL_BUDGET_MS,
  REPORT_MATMUL_SIZE,
  selectBackend,
  selectFastestBackend,
} from '../engine/backend';
import { TrainingRun, type RunListener } from '../engine/run';
import { checkDataFits, isFrozen, TrainingSession } from '../engine/session';
import { assertNever } from '../shared/assertNever';
import { compareWithScratch, encodeTask, splitTaskExamples } from './adaptation';
import { importCheckpoint, loadCheckpoint, saveRun, type LoadedCheckpoint } from './checkpoints';
import { encodeCorpus, tokenizerFor, type RunCorpus } from './corpus';
import { toMetrics } from './events';
import { LOGICAL_CORES, setWasmThreads, withWasmThreadHint } from './wasm-threads';
import { HelperWorkers, ReplicaPool } from './replicas';
import type {
  AdapterInfo,
  BackendSpeed,
  FreezeSettings,
  MatmulFigure,
  PredictRequest,
  PredictResult,
  WorkerCommand,
  WorkerEvent,
} from './protocol';
import { errorMessage } from '../shared/errors';

const WASM_PATH = new URL(`${import.meta.env.BASE_URL}tfjs-wasm/`, self.location.origin).href;
setWasmPaths(WASM_PATH);

let run: TrainingRun | null = null;
/** The config and corpus of the current run, for Reset and for checkpoints. */
let lastConfig: RunConfig | null = null;
let currentCorpus: RunCorpus | null = null;
/** The untouched base model of a fine-tuning run, for side-by-side predictions. */
let baseRun: TrainingRun | null = null;
let queue: Promise<void> = Promise.resolve();
/** At most this many workers share a batch (`init`'s `workers`; one per core by default). */
let maxWorkers = Math.min(MAX_TRAINING_WORKERS, LOGICAL_CORES);
/** Data-parallel helpers, started with the backend and kept between runs. */
const helperWorkers = new HelperWorkers(WASM_PATH);

function post(event: WorkerEvent): void {
  postMessage(event);
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

/** The order to try a chosen backend in, then the others if it fails to start. */
function fallbackOrder(choice: BackendName): BackendName[] {
  const cpuSide: BackendName[] = ['wasm', 'webgl', 'cpu'];
  return [choice, ...cpuSide.filter((b) => b !== choice)];
}

/**
 * Starts a backend. A forced one (or WebGPU on a hardware adapter, for Auto) is tried first,
 * then the others; otherwise Auto measures the candidates and takes the fastest (see
 * `selectFastestBackend`), WebGPU included only when its adapter is an emulated one.
 */
async function startBackend(
  choice: BackendChoice,
  adapter: AdapterInfo | null,
): Promise<{
  backend: BackendName;
  fallbacks: { backend: BackendName; reason: string }[];
  candidates: BackendSpeed[];
}> {
  if (choice !== 'auto') {
    const { backend, failures } = await selectBackend(fallbackOrder(choice));
    return { backend, fallbacks: failures, candidates: [] };
  }
  const emulated = adapter !== null && isEmulatedAdapter(adapter);
  if (adapter !== null && !emulated) {
    const { backend, failures } = await selectBackend(['webgpu', 'wasm', 'webgl', 'cpu']);
    return { backend, fallbacks: failures, candidates: [] };
  }
  const candidates: BackendName[] =
    adapter !== null ? ['wasm', 'webgl', 'webgpu'] : ['wasm', 'webgl'];
  const { backend, speeds } = await selectFastestBackend(candidates, emulated);
  return { backend, fallbacks: [], candidates: speeds };
}

/** The backend's throughput on a 512² product, in a bounded time; null if the test fails. */
async function measureBackend(): Promise<MatmulFigure | null> {
  try {
    const { size, gflops } = await measureMatmulGflops(REPORT_MATMUL_SIZE, REPORT_MATMUL_BUDGET_MS);
    return { size, gflops };
  } catch {
    return null;
  }
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
  const { backend, fallbacks, candidates } = await withWasmThreadHint(() =>
    startBackend(choice, adapter),
  );
  if (backend === 'webgpu') watchGpuDevice();
  const matmul = await measureBackend();
  post({
    type: 'ready',
    backend,
    adapter: backend === 'webgpu' ? adapter : null,
    fallbacks,
    wasmThreads: backend === 'wasm' ? getThreadsCount() : null,
    matmul,
    candidates,
    cores: LOGICAL_CORES,
  });
  // Helpers start now, after the measurement (which they would disturb) and before any run:
  // starting them as a run starts starved the page's main thread (see replicas.ts).
  if (canShareBatches()) helperWorkers.warm(Math.min(MAX_TRAINING_WORKERS, maxWorkers) - 1);
  else helperWorkers.dispose();
}

async function disposeRun(): Promise<void> {
  const old = [run, baseRun];
  run = null;
  baseRun = null;
  await Promise.all(old.map((r) => r?.dispose()));
}

/**
 * Whether helper workers can share batches here: single-threaded WASM (XNNPACK's own threads
 * would compete for the cores) and shared memory (a cross-origin isolated page).
 */
function canShareBatches(): boolean {
  return tf.getBackend() === 'wasm' && getThreadsCount() === 1 && self.crossOriginIsolated;
}

/**
 * Gives helper workers a share of each batch of `session` (data-parallel training, see
 * engine/parallel.ts) when that pays: where `canShareBatches`, for a model large enough
 * (`trainingWorkersFor`). The session trains alone until they have taken its model.
 */
function shareBatches(session: TrainingSession): void {
  if (!canShareBatches()) return;
  const { model, training } = session;
  const workers = trainingWorkersFor(model, training.batchSize, maxWorkers);
  if (workers < 2) return;
  const named = session.parameters;
  const pool = new ReplicaPool(
    model,
    training.objective,
    named,
    named.map((p) => !isFrozen(p.name, session.freeze)),
    training.batchSize,
    workers - 1,
    helperWorkers,
    (message) => post({ type: 'error', message, fatal: false }),
  );
  session.useHelpers(pool);
}

/** Makes `created` the current run and announces it. */
function install(created: TrainingRun, corpus: RunCorpus, data: TokenSplit): void {
  shareBatches(created.session);
  run = created;
  currentCorpus = corpus;
  const size = created.describe();
  const { runId } = created;
  post({
    type: 'configured',
    run: {
      runId,
      objective: created.config.training.objective,
      vocabSize: created.tokenizer.vocabSize,
      parameterCount: size.parameterCount,
      flopsPerToken: size.flopsPerToken,
      trainTokens: data.train.length,
      valTokens: data.val.length,
      tokensPerStep: size.tokensPerStep,
      tokenizer: created.tokenizer.kind,
    },
  });
  post({ type: 'run-state', runId, status: created.status, step: created.session.step });
}

function listenerFor(runId: string): RunListener {
  return {
    progress: (p) => post({ type: 'metrics', runId, ...toMetrics(p) }),
    status: (status, step, message) =>
      post({ type: 'run-state', runId, status, step, ...(message ? { message } : {}) }),
  };
}

/** Throws one message listing every problem of a configuration. */
function checkConfig(config: RunConfig): void {
  const issues = validateConfig(config);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join(' '));
}

/** Loads a base checkpoint for adaptation and checks the new training settings against it. */
async function loadBase(
  baseId: string,
  training: TrainingConfig,
  freeze: FreezeSettings,
): Promise<LoadedCheckpoint> {
  const loaded = await loadCheckpoint(baseId);
  checkConfig({ model: loaded.settings, training });
  if (freeze.blocks > loaded.settings.nLayer) {
    throw new Error(
      `The base model has ${loaded.settings.nLayer} blocks; it cannot freeze ${freeze.blocks}.`,
    );
  }
  return loaded;
}

async function configure(runId: string, config: RunConfig, corpus: RunCorpus): Promise<void> {
  checkConfig(config);
  const tokenizer = tokenizerFor(corpus);
  const data = encodeCorpus(corpus, tokenizer);
  const problem = checkDataFits(data, config.model.blockSize);
  if (problem) throw new Error(problem);
  await disposeRun();
  install(new TrainingRun(runId, config, tokenizer, data, listenerFor(runId)), corpus, data);
  lastConfig = config;
}

async function resumeCheckpoint(requestId: number, id: string, runId: string): Promise<void> {
  const loaded = await loadCheckpoint(id);
  const data = encodeCorpus(loaded.corpus, loaded.tokenizer);
  const session = TrainingSession.restore(loaded.saved.state, data);
  await disposeRun();
  const config = { model: loaded.settings, training: loaded.saved.state.training };
  install(
    new TrainingRun(runId, config, loaded.tokenizer, data, listenerFor(runId), undefined, session),
    loaded.corpus,
    data,
  );
  lastConfig = config;
  post({ type: 'checkpoint-resumed', requestId, runId, info: loaded.info, extra: loaded.ui });
}

async function configureFinetune(
  command: Extract<WorkerCommand, { type: 'configure-finetune' }>,
): Promise<void> {
  const { requestId, runId, baseId, taskText, training, freeze } = command;
  const loaded = await loadBase(baseId, training, freeze);
  const split = splitTaskExamples(taskText);
  const task = encodeTask(loaded.tokenizer, split, loaded.settings.blockSize);
  await disposeRun();
  const session = TrainingSession.fromBase(loaded.saved.state, training, task.data, freeze);
  const config = { model: loaded.settings, training };
  const corpus = { text: taskText };
  install(
    new TrainingRun(
      runId,
      config,
      loaded.tokenizer,
      task.data,
      listenerFor(runId),
      undefined,
      session,
    ),
    corpus,
    task.data,
  );
  lastConfig = null; // Reset rebuilds from a corpus; a fine-tuning run is rebuilt from its base instead.
  baseRun = new TrainingRun(
    `${runId}-base`,
    config,
    loaded.tokenizer,
    task.data,
    { progress: () => undefined, status: () => undefined },
    undefined,
    TrainingSession.restore(loaded.saved.state, task.data),
  );
  post({
    type: 'finetune-ready',
    requestId,
    runId,
    unknownCharacters: task.unknownCharacters,
    unknownTokens: task.unknownTokens,
    trainExamples: split.train.length,
    valExamples: split.val.length,
  });
}

async function compare(command: Extract<WorkerCommand, { type: 'compare' }>): Promise<void> {
  const { requestId, baseId, taskText, fractions, training, freeze } = command;
  const loaded = await loadBase(baseId, training, freeze);
  const base = {
    state: loaded.saved.state,
    tokenizer: loaded.tokenizer,
    baseData: encodeCorpus(loaded.corpus, loaded.tokenizer),
  };
  const result = await compareWithScratch(base, taskText, fractions, training, freeze, (curve) =>
    post({ type: 'comparison-progress', requestId, curve }),
  );
  post({ type: 'comparison-result', requestId, result });
}

function baseModel(): TrainingRun {
  if (!baseRun) throw new Error('No base model: start fine-tuning from a checkpoint first.');
  return baseRun;
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
      setWasmThreads(command.threads ?? 1);
      if (command.workers !== undefined) maxWorkers = command.workers;
      return initBackend(command.backend);
    case 'set-backend':
      return initBackend(command.backend);
    case 'configure':
      return configure(
        command.runId,
        command.config,
        command.prepared
          ? { text: command.text, prepared: command.prepared }
          : { text: command.text },
      );
    case 'start':
    case 'resume':
      currentRun().start();
      return;
    case 'pause':
      return currentRun().pause();
    case 'step-once':
      return currentRun().stepOnce();
    case 'reset':
      if (!lastConfig || !currentCorpus)
        throw new Error('Nothing to reset: build a model with Start first.');
      return configure(command.runId, lastConfig, currentCorpus);
    case 'save-checkpoint': {
      const current = currentRun();
      const info = await saveRun(
        current,
        currentCorpus ?? { text: '' },
        command.name,
        command.extra,
      );
      post({ type: 'checkpoint-saved', requestId: command.requestId, info });
      return;
    }
    case 'import-checkpoint': {
      const info = await importCheckpoint(command.fileName, new Uint8Array(command.bytes));
      post({ type: 'checkpoint-saved', requestId: command.requestId, info });
      return;
    }
    case 'resume-checkpoint':
      return resumeCheckpoint(command.requestId, command.id, command.runId);
    case 'configure-finetune':
      return configureFinetune(command);
    case 'compare':
      return compare(command);
    case 'predict': {
      const current = command.model === 'base' ? baseModel() : currentRun();
      const result = await predict(current, command.request);
      const { runId, session } = current;
      post({
        type: 'predictions',
        requestId: command.requestId,
        runId,
        step: session.step,
        result,
      });
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
      // A failed request (save, import, resume, fine-tune, compare) answers its own requestId,
      // so the caller's promise rejects with the message instead of waiting forever.
      const requestId = 'requestId' in command ? command.requestId : undefined;
      post({
        type: 'error',
        message: errorMessage(error),
        fatal: false,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }),
  );
};
