/**
 * The page side of the workers, in one place: the training worker, the data worker and the
 * checkpoint database (which the training worker opens too). The app store holds a bridge and
 * is the only caller; UI components never reach it. Each method is one typed call.
 */
import type { CurationOptions } from '../data/curate';
import type { AutosaveInfo, CheckpointInfo } from '../storage/checkpoints';
import { CheckpointStore } from '../storage/checkpoints';
import type { TokenizerKind } from '../tokenizer/registry';
import type {
  CurationSummary,
  DataRequest,
  DatasetOrigin,
  DatasetSummary,
  MixtureTokens,
  PreparedTokens,
  TokenizerResult,
} from '../worker/data/protocol';
import type {
  ComparisonCurve,
  ComparisonResult,
  PredictRequest,
  QueueRequest,
  WorkerCommand,
  WorkerEvent,
} from '../worker/protocol';
import { DataClient, type RequestOptions } from './data-client';
import { TrainerClient, type EventOf, type Prediction } from './trainer-client';
import type { QueueOutcome, QueueProgress, SweepRunResult } from '../scaling/types';

export { isAborted, type RequestOptions } from './data-client';
export type { EventOf, Prediction } from './trainer-client';

/** The fine-tuning request, without the id the client assigns. */
export type FinetuneRequest = Omit<
  Extract<WorkerCommand, { type: 'configure-finetune' }>,
  'type' | 'requestId'
>;

/** The comparison request, without the id the client assigns. */
export type CompareRequest = Omit<
  Extract<WorkerCommand, { type: 'compare' }>,
  'type' | 'requestId'
>;

/** Owns the page's workers and checkpoint store. */
export class Bridge {
  /** Tests pass their own clients. */
  constructor(
    private readonly trainer: TrainerClient = new TrainerClient(),
    private readonly data: DataClient = new DataClient(),
    private readonly checkpoints: CheckpointStore = new CheckpointStore(),
  ) {}

  /** Sends a command to the training worker. */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.trainer.send(command, transfer);
  }

  /** Calls `listener` for every training-worker event; returns the function that unsubscribes. */
  onEvent(listener: (event: WorkerEvent) => void): () => void {
    return this.trainer.subscribe(listener);
  }

  /** Replaces a crashed training worker with a fresh one. */
  restartTrainer(): void {
    this.trainer.restart();
  }

  /** Predictions of the current model (or a fine-tuning run's base). */
  predict(request: PredictRequest, model: 'current' | 'base' = 'current'): Promise<Prediction> {
    return this.trainer.predict(request, model);
  }

  /** Saves the current run in browser storage. */
  async saveCheckpoint(name: string, extra: unknown): Promise<CheckpointInfo> {
    return (
      await this.trainer.request({ type: 'save-checkpoint', name, extra }, 'checkpoint-saved')
    ).info;
  }

  /** Autosaves the current run (the worker reads its state and writes it to browser storage). */
  autosave(details: { label: string; [key: string]: unknown }): Promise<EventOf<'autosaved'>> {
    return this.trainer.request({ type: 'autosave', details }, 'autosaved');
  }

  /** The autosaves in browser storage, newest first. */
  listAutosaves(): Promise<AutosaveInfo[]> {
    return this.checkpoints.listAutosaves();
  }

  removeAutosave(id: string): Promise<void> {
    return this.checkpoints.removeAutosave(id);
  }

  /** Validates a checkpoint file in the worker and stores it (the bytes are transferred). */
  async importCheckpoint(fileName: string, bytes: ArrayBuffer): Promise<CheckpointInfo> {
    const request = { type: 'import-checkpoint', fileName, bytes } as const;
    return (await this.trainer.request(request, 'checkpoint-saved', undefined, [bytes])).info;
  }

  /** Validates a picked folder's files in the worker and stores them as one model (transferred). */
  async importFolder(
    folderName: string,
    files: { path: string; bytes: ArrayBuffer }[],
  ): Promise<CheckpointInfo> {
    const request = { type: 'import-folder', folderName, files } as const;
    const transfer = files.map((f) => f.bytes);
    return (await this.trainer.request(request, 'checkpoint-saved', undefined, transfer)).info;
  }

  /**
   * A stored checkpoint, or the current run (`checkpointId` null, saved with `name` and `extra`),
   * as a Hugging Face / nanoGPT / PyTorch folder, zipped in the worker.
   */
  exportFolder(
    checkpointId: string | null,
    name: string,
    extra: unknown,
  ): Promise<EventOf<'folder-exported'>> {
    return this.trainer.request(
      { type: 'export-folder', checkpointId, name, extra },
      'folder-exported',
    );
  }

  /** Loads a stored checkpoint as the current run, under `runId`. */
  resumeCheckpoint(id: string, runId: string): Promise<EventOf<'checkpoint-resumed'>> {
    return this.trainer.request({ type: 'resume-checkpoint', id, runId }, 'checkpoint-resumed');
  }

  /** Builds a fine-tuning run from a stored checkpoint. */
  configureFinetune(request: FinetuneRequest): Promise<EventOf<'finetune-ready'>> {
    return this.trainer.request({ type: 'configure-finetune', ...request }, 'finetune-ready');
  }

  /** Fine-tune versus scratch; `onCurve` receives each curve as it is finished. */
  async compare(
    request: CompareRequest,
    onCurve: (curve: ComparisonCurve) => void,
  ): Promise<ComparisonResult> {
    const answer = await this.trainer.request(
      { type: 'compare', ...request },
      'comparison-result',
      (event) => {
        if (event.type === 'comparison-progress') onCurve(event.curve);
      },
    );
    return answer.result;
  }

  /**
   * Runs a queue of runs in the training worker (the streams are transferred); `onProgress` and
   * `onRun` receive its progress and each finished run. Resolves with how it ended.
   */
  async runQueue(
    request: QueueRequest,
    onProgress: (progress: QueueProgress) => void,
    onRun: (result: SweepRunResult) => void,
  ): Promise<QueueOutcome> {
    const buffers = [...request.streams, ...Object.values(request.evalSets)].map((s) => s.buffer);
    const answer = await this.trainer.request(
      { type: 'queue-start', ...request },
      'queue-done',
      (event) => {
        if (event.type === 'queue-progress') onProgress(event.progress);
        else if (event.type === 'queue-run') onRun(event.result);
      },
      [...new Set(buffers)],
    );
    return answer.outcome;
  }

  /** Pauses, resumes or cancels the running queue. */
  controlQueue(action: 'pause' | 'resume' | 'cancel'): void {
    this.trainer.send({ type: 'queue-control', action });
  }

  /** Two corpora encoded by one tokenizer, for the mixture experiment (data worker). */
  mixtureTokens(
    request: Omit<Extract<DataRequest, { type: 'mixture' }>, 'type'>,
    options?: RequestOptions,
  ): Promise<MixtureTokens> {
    return this.data.mixture(request, options);
  }

  /** The stored checkpoints. */
  listCheckpoints(): Promise<CheckpointInfo[]> {
    return this.checkpoints.list();
  }

  /** A stored checkpoint's bytes (to export). */
  loadCheckpoint(id: string): Promise<Uint8Array> {
    return this.checkpoints.load(id);
  }

  renameCheckpoint(id: string, name: string): Promise<CheckpointInfo> {
    return this.checkpoints.rename(id, name);
  }

  removeCheckpoint(id: string): Promise<void> {
    return this.checkpoints.remove(id);
  }

  /** Reads a dataset in the data worker (see DataClient). */
  loadDataset(
    key: string,
    origin: DatasetOrigin,
    options?: RequestOptions,
  ): Promise<DatasetSummary> {
    return this.data.load(key, origin, options);
  }

  curate(
    key: string,
    datasetKey: string,
    curation: CurationOptions,
    valFraction: number,
    options?: RequestOptions,
  ): Promise<CurationSummary> {
    return this.data.curate(key, datasetKey, curation, valFraction, options);
  }

  tokenize(
    key: string,
    curatedKey: string,
    kind: TokenizerKind,
    vocabSize: number,
    options?: RequestOptions,
  ): Promise<TokenizerResult> {
    return this.data.tokenize(key, curatedKey, kind, vocabSize, options);
  }

  /** The token ids a run trains on, transferred from the data worker. */
  tokens(tokensKey: string): Promise<PreparedTokens> {
    return this.data.tokens(tokensKey);
  }

  /** Stops both workers. */
  dispose(): void {
    this.trainer.dispose();
    this.data.dispose();
  }
}
