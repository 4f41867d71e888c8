/**
 * The training worker: decodes commands from the UI, drives the engine, posts events back.
 * Commands are handled one after another, in order; training itself runs in the background
 * between them, in bursts (see engine/run.ts), so Pause and Predict are answered within a burst.
 */
import { StepSeries, type StepPoint } from '../../shared/step-series';
import { getBackend } from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendChoice } from '../../config/backends';
import type { RunConfig } from '../../config/config';
import { MAX_TRAINING_WORKERS } from '../../config/query';
import type { TokenSplit } from '../../data/batcher';
import { TrainingRun, type RunListener } from '../../engine/run';
import { checkDataFits, TrainingSession } from '../../engine/session';
import { assertNever } from '../../shared/assertNever';
import { deserializeTokenizer } from '../../tokenizer/serialize';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import { compareWithScratch, encodeTask, splitTaskExamples } from '../adaptation';
import {
  autosaveRun,
  checkConfig,
  exportCheckpoint,
  exportCurrentRun,
  importCheckpoint,
  importFolderFiles,
  loadBase,
  loadCheckpoint,
  saveRun,
  type RunHistory,
} from './checkpoints';
import { measureBackend, probeAdapter, startBackend, watchGpuDevice } from './backend-start';
import { toMetrics } from './events';
import { predict } from './predict';
import { controlQueue, queueRunning, startQueue } from './queue';
import { canShareBatches, shareBatches } from './sharing';
import { LOGICAL_CORES, setWasmThreads, withWasmThreadHint } from './wasm-threads';
import { HelperWorkers } from '../replica/replicas';
import { InferenceWorker } from '../inference/client';
import type { InferencePlace } from '../../config/query';
import type { AutoChoice, WorkerCommand, WorkerEvent } from '../protocol';
import { errorMessage } from '../../shared/errors';

const WASM_PATH = new URL(`${import.meta.env.BASE_URL}tfjs-wasm/`, self.location.origin).href;
setWasmPaths(WASM_PATH);

let run: TrainingRun | null = null;
/** The config and token ids of the current run, for Reset and for checkpoints. */
let lastConfig: RunConfig | null = null;
let currentData: TokenSplit | null = null;
let currentTokenizer: Tokenizer | null = null;
/** The curves reported for the current run (its autosaves keep them). */
let history: RunHistory = { steps: new StepSeries(), evals: [] };
/** The untouched base model of a fine-tuning run, for side-by-side predictions. */
let baseRun: TrainingRun | null = null;
let queue: Promise<void> = Promise.resolve();
/** At most this many workers share a batch (`init`'s `workers`; one per core by default). */
let maxWorkers = Math.min(MAX_TRAINING_WORKERS, LOGICAL_CORES);
/** Data-parallel helpers, started with the backend and kept between runs. */
const helperWorkers = new HelperWorkers(WASM_PATH);
/**
 * Evaluations and predictions of WASM runs, in a worker of their own beside training (`init`'s
 * `inference`; engine/inference.ts), so the steps never wait for them.
 */
const inferenceWorker = new InferenceWorker(WASM_PATH);
let inferencePlace: InferencePlace = 'worker';

function post(event: WorkerEvent): void {
  postMessage(event);
}

/** Posts an event whose buffers move to the page instead of being copied. */
function postTransfer(event: WorkerEvent, transfer: Transferable[]): void {
  postMessage(event, { transfer });
}

async function initBackend(choice: BackendChoice, earlier?: AutoChoice): Promise<void> {
  await disposeRun();
  const adapter = await probeAdapter();
  const { backend, fallbacks, candidates, autoChoice, autoCached } = await withWasmThreadHint(() =>
    startBackend(choice, adapter, earlier),
  );
  if (backend === 'webgpu') {
    watchGpuDevice((message, fatal) => {
      void run?.pause();
      post({ type: 'error', message, fatal, ...(fatal ? { gpuLost: true } : {}) });
    });
  }
  const matmul = await measureBackend();
  post({
    type: 'ready',
    backend,
    adapter: backend === 'webgpu' ? adapter : null,
    fallbacks,
    wasmThreads: backend === 'wasm' ? getThreadsCount() : null,
    matmul,
    candidates,
    autoChoice,
    autoCached,
    cores: LOGICAL_CORES,
  });
  // Helpers start now, after the measurement (which they would disturb) and before any run:
  // starting them as a run starts starved the page's main thread (see replicas.ts).
  if (canShareBatches()) helperWorkers.warm(Math.min(MAX_TRAINING_WORKERS, maxWorkers) - 1);
  else helperWorkers.dispose();
  if (inferenceHere()) inferenceWorker.warm();
  else inferenceWorker.dispose();
}

/** Whether runs use the inference worker: on WASM unless `init` said `trainer`. */
function inferenceHere(): boolean {
  return inferencePlace === 'worker' && getBackend() === 'wasm';
}

async function disposeRun(): Promise<void> {
  const old = [run, baseRun];
  run = null;
  baseRun = null;
  await Promise.all(old.map((r) => r?.dispose()));
}

/** Makes `created` the current run and announces it; `earlier` holds the curves it had so far. */
function install(
  created: TrainingRun,
  data: TokenSplit,
  earlier: RunHistory = { steps: new StepSeries(), evals: [] },
): void {
  shareBatches(created.session, maxWorkers, helperWorkers, post);
  if (inferenceHere()) {
    const { session, tokenizer } = created;
    created.useInference(inferenceWorker.forRun(session.model, session.training, tokenizer, data));
  }
  run = created;
  currentData = data;
  history = earlier;
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
    progress: (p) => {
      const metrics = toMetrics(p);
      if (run?.runId === runId) {
        history.steps.append(metrics.steps);
        history.evals.push(...metrics.evals);
      }
      post({ type: 'metrics', runId, ...metrics });
    },
    status: (status, step, message) =>
      post({ type: 'run-state', runId, status, step, ...(message ? { message } : {}) }),
  };
}

/** Builds a fresh model for `data` (token ids, never text) and makes it the current run. */
async function configure(
  runId: string,
  config: RunConfig,
  tokenizer: Tokenizer,
  data: TokenSplit,
): Promise<void> {
  checkConfig(config);
  if (data.train.length === 0) throw new Error('No training text is left after curation.');
  const problem = checkDataFits(data, config.model.blockSize);
  if (problem) throw new Error(problem);
  await disposeRun();
  install(new TrainingRun(runId, config, tokenizer, data, listenerFor(runId)), data);
  lastConfig = config;
  currentTokenizer = tokenizer;
}

/** The curves a checkpoint kept (its `ui.steps` and `ui.evals`), read defensively. */
function savedHistory(ui: unknown): RunHistory {
  const record = (typeof ui === 'object' && ui !== null ? ui : {}) as {
    steps?: unknown;
    evals?: unknown;
  };
  return {
    steps: new StepSeries(Array.isArray(record.steps) ? (record.steps as StepPoint[]) : []),
    evals: Array.isArray(record.evals) ? record.evals.slice() : [],
  };
}

async function resumeCheckpoint(requestId: number, id: string, runId: string): Promise<void> {
  const loaded = await loadCheckpoint(id);
  const { data } = loaded;
  const session = TrainingSession.restore(loaded.saved.state, data);
  await disposeRun();
  const config = { model: loaded.settings, training: loaded.saved.state.training };
  install(
    new TrainingRun(runId, config, loaded.tokenizer, data, listenerFor(runId), undefined, session),
    data,
    savedHistory(loaded.ui),
  );
  lastConfig = config;
  currentTokenizer = loaded.tokenizer;
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
    config: { model: loaded.settings, training },
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
    baseData: loaded.data,
  };
  const result = await compareWithScratch(base, taskText, fractions, training, freeze, (curve) =>
    post({ type: 'comparison-progress', requestId, curve }),
  );
  post({ type: 'comparison-result', requestId, result });
}

/** The page's run and a sweep would share the backend and halve each other's speed. */
function refuseWhileQueued(): void {
  if (queueRunning())
    throw new Error(
      'The scaling lab is running a sweep: pause or cancel it on the Scale step first.',
    );
}

function baseModel(): TrainingRun {
  if (!baseRun) throw new Error('No base model: start fine-tuning from a checkpoint first.');
  return baseRun;
}

function currentRun(): TrainingRun {
  if (!run) throw new Error('No model yet: press Start to build one.');
  return run;
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case 'init':
      setWasmThreads(command.threads ?? 1);
      if (command.workers !== undefined) maxWorkers = command.workers;
      if (command.inference !== undefined) inferencePlace = command.inference;
      return initBackend(command.backend, command.autoChoice);
    case 'set-backend':
      return initBackend(command.backend, command.autoChoice);
    case 'configure': {
      if (command.then === 'start') refuseWhileQueued();
      const { train, val, tokenizer } = command.data;
      await configure(command.runId, command.config, deserializeTokenizer(tokenizer), {
        train,
        val,
      });
      if (command.then === 'start') currentRun().start();
      else if (command.then === 'step-once') await currentRun().stepOnce();
      return;
    }
    case 'start':
    case 'resume':
      refuseWhileQueued();
      currentRun().start();
      return;
    case 'pause':
      return currentRun().pause();
    case 'step-once':
      return currentRun().stepOnce();
    case 'reset':
      if (!lastConfig || !currentData || !currentTokenizer)
        throw new Error('Nothing to reset: build a model with Start first.');
      return configure(command.runId, lastConfig, currentTokenizer, currentData);
    case 'save-checkpoint': {
      const current = currentRun();
      const info = await saveRun(
        current,
        currentData ?? { train: new Int32Array(), val: new Int32Array() },
        command.name,
        command.extra,
      );
      post({ type: 'checkpoint-saved', requestId: command.requestId, info });
      return;
    }
    case 'autosave': {
      const current = currentRun();
      const data = currentData ?? { train: new Int32Array(), val: new Int32Array() };
      const { info, timing } = await autosaveRun(current, data, command.details, history);
      post({ type: 'autosaved', requestId: command.requestId, info, timing });
      return;
    }
    case 'import-checkpoint': {
      const info = await importCheckpoint(command.fileName, new Uint8Array(command.bytes));
      post({ type: 'checkpoint-saved', requestId: command.requestId, info });
      return;
    }
    case 'import-folder': {
      const files = new Map(command.files.map((f) => [f.path, new Uint8Array(f.bytes)]));
      const info = await importFolderFiles(command.folderName, files);
      post({ type: 'checkpoint-saved', requestId: command.requestId, info });
      return;
    }
    case 'export-folder': {
      const folder =
        command.checkpointId === null
          ? await exportCurrentRun(
              currentRun(),
              currentData ?? { train: new Int32Array(), val: new Int32Array() },
              command.name,
              command.extra,
            )
          : await exportCheckpoint(command.checkpointId);
      const bytes = folder.bytes.buffer as ArrayBuffer;
      postTransfer(
        {
          type: 'folder-exported',
          requestId: command.requestId,
          fileName: folder.fileName,
          bytes,
          files: folder.files,
        },
        [bytes],
      );
      return;
    }
    case 'resume-checkpoint':
      return resumeCheckpoint(command.requestId, command.id, command.runId);
    case 'configure-finetune':
      return configureFinetune(command);
    case 'compare':
      return compare(command);
    case 'queue-start': {
      const { requestId, type: _type, ...request } = command;
      await run?.pause();
      startQueue(requestId, request, post);
      return;
    }
    case 'queue-control':
      controlQueue(command.action);
      return;
    case 'predict': {
      const current = command.model === 'base' ? baseModel() : currentRun();
      const answered = predict(current, command.request).then((result) =>
        post({
          type: 'predictions',
          requestId: command.requestId,
          runId: current.runId,
          step: current.session.step,
          result,
        }),
      );
      // Answered elsewhere, a prediction does not hold up the commands after it (Pause).
      if (current.inferenceElsewhere) {
        answered.catch((error: unknown) =>
          post({
            type: 'error',
            message: errorMessage(error),
            fatal: false,
            requestId: command.requestId,
          }),
        );
        return;
      }
      await answered;
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
