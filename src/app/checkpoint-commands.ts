/**
 * The store's checkpoint commands: save the active run (with its curves), import, resume as the
 * active run, rename, export, delete, and fine-tuning from a checkpoint (a run of its own, or
 * fine-tune versus scratch). They go through the bridge, which owns the checkpoint store.
 */
import type { Bridge, CompareRequest, FinetuneRequest } from '../bridge/bridge';
import type { RunConfig } from '../config/config';
import type { CheckpointInfo } from '../storage/checkpoints';
import { onStorageChange } from '../storage/checkpoints';
import type { ComparisonCurve, ComparisonResult, EvalPoint, StepPoint } from '../worker/protocol';
import type { RunRecord } from './runs';

/** What the commands need of the store. */
export interface CheckpointHost {
  activeRun(): RunRecord | undefined;
  /** The settings on the Model step (for a checkpoint saved without them). */
  config(): RunConfig;
  /** The curation rules the data was cleaned with, or null (kept in exports' meta.json). */
  curation(): unknown;
  newRunId(): string;
  adoptRun(
    runId: string,
    from: Pick<RunRecord, 'config' | 'corpusName' | 'sizeName'> & { label?: string },
    history?: { steps?: StepPoint[]; evals?: EvalPoint[] },
    replaces?: string,
  ): void;
  /** Keeps the latest finished comparison (a lesson checks it). */
  compared(result: ComparisonResult): void;
}

/** The run details a checkpoint keeps for the UI (its `extra`), read defensively. */
interface SavedRunDetails {
  label?: unknown;
  corpusName?: unknown;
  sizeName?: unknown;
  config?: RunConfig;
  steps?: StepPoint[];
  evals?: EvalPoint[];
}

export class CheckpointCommands {
  constructor(
    private readonly bridge: Bridge,
    private readonly host: CheckpointHost,
  ) {}

  /** The active run's name, data and settings, as checkpoints and autosaves keep them. */
  runDetails(): { label: string; [key: string]: unknown } | null {
    const run = this.host.activeRun();
    return run === undefined
      ? null
      : {
          label: run.label,
          corpusName: run.corpusName,
          sizeName: run.sizeName,
          config: run.config,
          curation: this.host.curation(),
        };
  }

  /** What a checkpoint of the active run keeps for the UI: its names, settings and curves. */
  private activeDetails(): unknown {
    const run = this.host.activeRun();
    const details = this.runDetails();
    return run === undefined || details === null
      ? null
      : { ...details, steps: run.steps.toArray(), evals: run.evals };
  }

  /** Saves the active run in browser storage, with its curves. */
  save(name: string): Promise<CheckpointInfo> {
    return this.bridge.saveCheckpoint(name, this.activeDetails());
  }

  /** Imports a `.ptpg` checkpoint or a zipped Hugging Face / exported folder. */
  import(fileName: string, bytes: ArrayBuffer): Promise<CheckpointInfo> {
    return this.bridge.importCheckpoint(fileName, bytes);
  }

  /** Imports a picked folder (its files, by path inside it). */
  importFolder(
    folderName: string,
    files: { path: string; bytes: ArrayBuffer }[],
  ): Promise<CheckpointInfo> {
    return this.bridge.importFolder(folderName, files);
  }

  /**
   * A stored checkpoint (or, with null, the active run under `name`) as a zipped folder for
   * Hugging Face, nanoGPT and PyTorch: its file name, bytes and the files inside.
   */
  async exportFolder(
    checkpointId: string | null,
    name: string,
  ): Promise<{ fileName: string; bytes: Uint8Array; files: string[] }> {
    const extra = checkpointId === null ? this.activeDetails() : null;
    const answer = await this.bridge.exportFolder(checkpointId, name, extra);
    return { fileName: answer.fileName, bytes: new Uint8Array(answer.bytes), files: answer.files };
  }

  /**
   * Loads a stored checkpoint as the active run, paused at its step, with its saved curves. It is
   * named after the checkpoint, or (`keepLabel`, an autosave) after the run it continues.
   */
  async resume(
    id: string,
    keepLabel = false,
    replaces?: string,
  ): Promise<{ runId: string; info: CheckpointInfo }> {
    const answer = await this.bridge.resumeCheckpoint(id, this.host.newRunId());
    const extra = (
      typeof answer.extra === 'object' && answer.extra !== null ? answer.extra : {}
    ) as SavedRunDetails;
    this.host.adoptRun(
      answer.runId,
      {
        config: extra.config ?? this.host.config(),
        corpusName: typeof extra.corpusName === 'string' ? extra.corpusName : 'saved data',
        sizeName: typeof extra.sizeName === 'string' ? extra.sizeName : 'Saved',
        label: keepLabel && typeof extra.label === 'string' ? extra.label : answer.info.name,
      },
      {
        steps: Array.isArray(extra.steps) ? extra.steps : [],
        evals: Array.isArray(extra.evals) ? extra.evals : [],
      },
      replaces,
    );
    return { runId: answer.runId, info: answer.info };
  }

  /**
   * Builds a fine-tuning run from a checkpoint and starts it; its record carries the
   * checkpoint's own model config (not the settings on the Model step).
   */
  async fineTune(
    request: Omit<FinetuneRequest, 'runId'>,
    baseName: string,
  ): Promise<Awaited<ReturnType<Bridge['configureFinetune']>>> {
    const runId = this.host.newRunId();
    const answer = await this.bridge.configureFinetune({ ...request, runId });
    this.host.adoptRun(runId, {
      config: answer.config,
      corpusName: `task (fine-tuning ${baseName})`,
      sizeName: 'Fine-tuned',
      label: `Fine-tuned ${baseName}`,
    });
    this.bridge.send({ type: 'start' });
    return answer;
  }

  /** Fine-tune versus scratch on the same task data; `onCurve` receives each finished curve. */
  compare(
    request: CompareRequest,
    onCurve: (curve: ComparisonCurve) => void,
  ): Promise<ComparisonResult> {
    return this.bridge.compare(request, onCurve).then((result) => {
      this.host.compared(result);
      return result;
    });
  }

  /** Calls `listener` when this or another tab (or a worker) changes stored checkpoints. */
  onChange(listener: () => void): () => void {
    return onStorageChange(() => listener());
  }

  /** How much browser storage the site uses and may use (null where the browser does not say). */
  async storageUse(): Promise<{ usage: number; quota: number; autosaveBytes: number } | null> {
    const autosaveBytes = (await this.bridge.listAutosaves().catch(() => [])).reduce(
      (sum, a) => sum + a.bytes,
      0,
    );
    if (typeof navigator === 'undefined' || navigator.storage?.estimate === undefined) return null;
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota, autosaveBytes };
  }

  list(): Promise<CheckpointInfo[]> {
    return this.bridge.listCheckpoints();
  }

  /** The checkpoint's file, for export. */
  load(id: string): Promise<Uint8Array> {
    return this.bridge.loadCheckpoint(id);
  }

  rename(id: string, name: string): Promise<CheckpointInfo> {
    return this.bridge.renameCheckpoint(id, name);
  }

  remove(id: string): Promise<void> {
    return this.bridge.removeCheckpoint(id);
  }
}
