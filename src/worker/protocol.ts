/**
 * The only contract between the UI thread and the training worker. Both directions are
 * discriminated unions on `type`; both sides switch on it exhaustively (`assertNever`).
 * Requests that expect an answer carry a `requestId`, echoed by the answer.
 */
import type { StepPoint } from '../shared/step-series';
import type { BackendChoice, BackendName } from '../config/backends';
import type { InferencePlace } from '../config/query';
import type { Objective, RunConfig, TrainingConfig } from '../config/config';
import type { AutosaveInfo, CheckpointInfo } from '../storage/checkpoints';
import type { PreparedTokens } from './data/protocol';
import type { PlannedRun } from '../scaling/plan';
import type { QueueOutcome, QueueProgress, SweepRunResult } from '../scaling/types';
import type { PredictRequest, PredictResult } from './predictions';

// Predictions (next token, fill-in, memorisation) are defined in predictions.ts.
export type * from './predictions';

/** What the worker learned about the WebGPU adapter, when WebGPU is in use. */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software adapter (SwiftShader): correct but slow. */
  isFallbackAdapter: boolean;
}

/** A backend's measured throughput on a square matrix product. */
export interface MatmulFigure {
  /** Side of the square matrices. */
  size: number;
  /** Billions of floating-point operations per second. */
  gflops: number;
}

/** A candidate's result in the speed test that picks the backend ("Auto"). */
export interface BackendSpeed {
  backend: BackendName;
  /** Training tokens/s in the speed test (a few steps of a small GPT), or null (see `reason`). */
  tokensPerSec: number | null;
  /** Throughput on a 256² product, or null when the backend did not start. */
  gflops: number | null;
  /** WebGPU on a software adapter (SwiftShader): never preferred over the CPU backends. */
  emulated: boolean;
  /** Why a figure is missing. */
  reason?: string;
}

/**
 * Auto's measured choice on one device, which the page keeps for the session and hands back to
 * a new worker, so a reload or a restart does not measure again.
 */
export interface AutoChoice {
  /** What the figures belong to: the GPU adapter, the cores, cross-origin isolation. */
  device: string;
  backend: BackendName;
  candidates: BackendSpeed[];
}

/** tfjs's memory: live tensors and the bytes they hold (`tf.memory()`). */
export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

/** One training step's numbers. */
export type { StepPoint };

/** One benchmark item as the UI shows it on hover. */
export interface BenchmarkItemView {
  /** Text before the gap. */
  before: string;
  /** Text after the gap (empty for multiple choice). */
  after: string;
  candidates: string[];
  /** Index of the right candidate. */
  answer: number;
  /** Index of the model's choice (the highest log-likelihood). */
  chosen: number;
}

/** A benchmark's score at one evaluation. */
export interface BenchmarkScore {
  kind: 'multiple-choice' | 'cloze';
  name: string;
  /** Share of items answered right, in [0, 1]. */
  accuracy: number;
  /** Accuracy of guessing. */
  chance: number;
  /** Number of items. */
  items: number;
  /** A few items with the model's answer. */
  examples: BenchmarkItemView[];
}

/** One evaluation on the fixed train/validation batches and the benchmark sets. */
export interface EvalPoint {
  step: number;
  tokensSeen: number;
  trainLoss: number;
  valLoss: number;
  /** exp(valLoss). */
  valPerplexity: number;
  /** Validation loss in bits per character (comparable across tokenizers); null for masked runs. */
  valBitsPerChar: number | null;
  /** Share of scored validation positions where the right token is the top guess (causal: next token; masked: fill-in). */
  valTop1: number;
  /** …or among the five top guesses. */
  valTop5: number;
  benchmarks: BenchmarkScore[];
}

/** A sample generated at a checkpoint (same prompt, same seed each time), causal runs. */
export interface SamplePoint {
  step: number;
  prompt: string;
  /** The generated text, after the prompt. */
  text: string;
  /** Character spans [start, end) of `text` found verbatim in the training data. */
  memorised: { start: number; end: number }[];
  /** Share of the generated tokens inside memorised spans. */
  memorisedFraction: number;
}

/** What a run is doing. */
export type RunStatus = 'ready' | 'training' | 'paused' | 'done' | 'diverged';

/** Numbers describing a configured run. */
export interface RunSummary {
  runId: string;
  objective: Objective;
  vocabSize: number;
  parameterCount: number;
  flopsPerToken: number;
  trainTokens: number;
  valTokens: number;
  tokensPerStep: number;
  /** The tokenizer's kind: char, byte or bpe. */
  tokenizer: string;
}

/**
 * What a run trains on, as the data worker prepared it: token ids of both splits (transferred,
 * never text to encode again) and the tokenizer that made them.
 */
export type RunData = PreparedTokens;

/** Which parameters stay fixed while fine-tuning. */
export interface FreezeSettings {
  /** Keep the token and position embeddings (and the tied output head) fixed. */
  embeddings: boolean;
  /** Keep this many of the lowest transformer blocks fixed. */
  blocks: number;
}

/** A saved checkpoint as listed (see src/storage/checkpoints.ts). */
export type { CheckpointInfo } from '../storage/checkpoints';

/** One curve of the fine-tune-versus-scratch comparison. */
export interface ComparisonCurve {
  /** `finetune` starts from the base checkpoint; `scratch` from a fresh model of the same shape. */
  kind: 'finetune' | 'scratch';
  /** Share of the task's training examples used (e.g. 0.01, 0.1, 1). */
  fraction: number;
  /** Validation loss on the held-out task examples, by step. */
  points: { step: number; valLoss: number }[];
  /** Task metric at the end: top-1 accuracy on the held-out task examples (next token or fill-in). */
  taskAccuracy: number | null;
}

/** The finished comparison. */
export interface ComparisonResult {
  curves: ComparisonCurve[];
  /** The base corpus's validation loss before fine-tuning and after (per fraction), to show forgetting. */
  forgetting: { fraction: number; before: number; after: number }[];
  /** Task examples used for training at fraction 1, and held out. */
  trainExamples: number;
  valExamples: number;
}

/**
 * A queue of runs (a scaling sweep, its check run, or the data-mixture experiment): each job a
 * planned run and the index of the training stream it reads; every run is evaluated on all
 * `evalSets` (validation token streams, by name). The streams are transferred.
 */
export interface QueueRequest {
  jobs: { run: PlannedRun; stream: number }[];
  streams: Int32Array[];
  evalSets: Record<string, Int32Array>;
  vocabSize: number;
}

/** Commands from the UI to the worker. */
export type WorkerCommand =
  /**
   * Choose a backend (`auto` = fastest available) and report `ready`. `threads` (1–4, default 1)
   * sets the WASM threads; it counts only before the WASM backend first starts in this worker,
   * so changing it needs a new worker. `workers` (1–4, default one per core) caps the workers
   * that share each batch of a large enough model on single-threaded WASM (data-parallel).
   */
  | {
      type: 'init';
      backend: BackendChoice;
      threads?: number;
      workers?: number;
      /**
       * Where evaluations and predictions run: `worker` (default) in an inference worker beside
       * training on WASM, so the steps never wait for them; `trainer` between bursts.
       */
      inference?: InferencePlace;
      /** Auto's choice measured earlier in this session, if any (used when on the same device). */
      autoChoice?: AutoChoice;
    }
  | { type: 'set-backend'; backend: BackendChoice; autoChoice?: AutoChoice }
  /**
   * Build a fresh model for these tokens and config, then `then` (start training, or take one
   * step); answers `configured` or `error`. The token buffers are transferred.
   */
  | {
      type: 'configure';
      runId: string;
      config: RunConfig;
      data: RunData;
      then: 'start' | 'step-once' | 'none';
    }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Take exactly one step (while paused or ready). */
  | { type: 'step-once' }
  /** Throw the current weights away and start again from a fresh model, as a new run. */
  | { type: 'reset'; runId: string }
  | {
      type: 'predict';
      requestId: number;
      request: PredictRequest;
      /** Ask the fine-tuning run's base model instead of the current weights. */
      model?: 'current' | 'base';
    }
  /** Save the current run (weights, optimiser, tokenizer, corpus, `extra` e.g. curves) to IndexedDB. */
  | { type: 'save-checkpoint'; requestId: number; name: string; extra: unknown }
  /**
   * Autosave the current run (its state between two bursts, its curves, `details` from the page)
   * to IndexedDB, replacing its previous autosave; answers `autosaved` or an error.
   */
  | { type: 'autosave'; requestId: number; details: { label: string; [key: string]: unknown } }
  /** Validate a checkpoint file and store it; answers `checkpoint-saved` or an error. */
  | { type: 'import-checkpoint'; requestId: number; fileName: string; bytes: ArrayBuffer }
  /** A picked folder's files (paths inside it), imported as one model. */
  | {
      type: 'import-folder';
      requestId: number;
      folderName: string;
      files: { path: string; bytes: ArrayBuffer }[];
    }
  /** A stored checkpoint (or, with null, the current run) as a Hugging Face / PyTorch folder, zipped. */
  | {
      type: 'export-folder';
      requestId: number;
      checkpointId: string | null;
      name: string;
      extra: unknown;
    }
  /** Load a stored checkpoint as the current run (paused at its step) under a new run id. */
  | { type: 'resume-checkpoint'; requestId: number; id: string; runId: string }
  /** Start fine-tuning a stored checkpoint on task text (split by line, last 10% held out). */
  | {
      type: 'configure-finetune';
      requestId: number;
      runId: string;
      baseId: string;
      taskText: string;
      training: TrainingConfig;
      freeze: FreezeSettings;
    }
  /** Fine-tune versus train from scratch on the same task data and budget, for each fraction. */
  | {
      type: 'compare';
      requestId: number;
      baseId: string;
      taskText: string;
      fractions: number[];
      training: TrainingConfig;
      freeze: FreezeSettings;
    }
  /** Run a queue (pauses the current run first); answers `queue-done`, with progress before. */
  | ({ type: 'queue-start'; requestId: number } & QueueRequest)
  /** Pause, resume or cancel the running queue (cancel keeps the finished runs). */
  | { type: 'queue-control'; action: 'pause' | 'resume' | 'cancel' };

/** Events from the worker to the UI. */
export type WorkerEvent =
  | {
      type: 'ready';
      backend: BackendName;
      adapter: AdapterInfo | null;
      /** Backends tried first that failed, with the reason. */
      fallbacks: { backend: BackendName; reason: string }[];
      /** WASM threads in use (1 when not cross-origin isolated); null for other backends. */
      wasmThreads: number | null;
      /** The backend's measured throughput on a 512² matrix product (null if it failed). */
      matmul: MatmulFigure | null;
      /** Each candidate's speed test, when the backend was chosen by measuring (Auto). */
      candidates: BackendSpeed[];
      /** Auto's choice, for the page to keep for the session (null: not chosen by Auto). */
      autoChoice: AutoChoice | null;
      /** True when Auto used the page's figures from earlier in the session, not new ones. */
      autoCached: boolean;
      /** The machine's logical cores as the browser reports them. */
      cores: number;
    }
  | { type: 'configured'; run: RunSummary }
  | {
      type: 'metrics';
      runId: string;
      /** Steps since the last metrics event. */
      steps: StepPoint[];
      /** Evaluations since the last metrics event. */
      evals: EvalPoint[];
      /** Checkpoint samples since the last metrics event. */
      samples: SamplePoint[];
      /** Recent training throughput. */
      tokensPerSec: number;
      /** Training time of this run so far (pauses and evaluations excluded). */
      elapsedMs: number;
      /** tfjs's live tensors and bytes after the latest burst. */
      memory: TensorMemory;
      /** Workers that shared the latest steps (data-parallel training on WASM), else 1. */
      workers: number;
    }
  | { type: 'predictions'; requestId: number; runId: string; step: number; result: PredictResult }
  | { type: 'run-state'; runId: string; status: RunStatus; step: number; message?: string }
  | { type: 'checkpoint-saved'; requestId: number; info: CheckpointInfo }
  /** An autosave was written; how long its parts took (reading back, encoding, storing), in ms. */
  | {
      type: 'autosaved';
      requestId: number;
      info: AutosaveInfo;
      timing: { readMs: number; encodeMs: number; storeMs: number };
    }
  | {
      type: 'folder-exported';
      requestId: number;
      fileName: string;
      bytes: ArrayBuffer;
      files: string[];
    }
  /** A checkpoint became the current run; `extra` is what was saved with it (e.g. curves). */
  | {
      type: 'checkpoint-resumed';
      requestId: number;
      runId: string;
      info: CheckpointInfo;
      extra: unknown;
    }
  /**
   * A fine-tuning run is configured, with the base checkpoint's own model config; characters of
   * the task text the base tokenizer lacks.
   */
  | {
      type: 'finetune-ready';
      requestId: number;
      runId: string;
      config: RunConfig;
      unknownCharacters: string[];
      unknownTokens: number;
      trainExamples: number;
      valExamples: number;
    }
  | { type: 'comparison-progress'; requestId: number; curve: ComparisonCurve }
  | { type: 'comparison-result'; requestId: number; result: ComparisonResult }
  | { type: 'queue-progress'; requestId: number; progress: QueueProgress }
  | { type: 'queue-run'; requestId: number; result: SweepRunResult }
  | { type: 'queue-done'; requestId: number; outcome: QueueOutcome }
  | {
      type: 'error';
      message: string;
      /** Set when the error answers a predict request. */
      requestId?: number;
      /** The backend is unusable (lost GPU device, crashed worker): restart the worker. */
      fatal: boolean;
      /** The GPU device was lost: a restart should not use WebGPU again. */
      gpuLost?: boolean;
    };
