/**
 * Checkpoints on the worker side: saving the current run (with its tokenizer and corpus, so it
 * can resume after a reload), importing a file after validating it (our `.ptpg`, or a Hugging
 * Face GPT-2 folder, zipped or as files), exporting one as that folder zipped, and loading one
 * back (as a run to resume, or as the base of a fine-tuning run).
 */
import type { ModelSettings, RunConfig, TrainingConfig } from '../../config/config';
import { validateConfig } from '../../config/validate';
import { readCheckpoint, writeCheckpoint, type SavedRun } from '../../engine/checkpoint/checkpoint';
import { CheckpointError } from '../../engine/checkpoint/format';
import type { TrainingRun } from '../../engine/run';
import { countParameters } from '../../config/size';
import {
  CheckpointStore,
  autosaveCorpusId,
  type AutosaveInfo,
  type CheckpointInfo,
} from '../../storage/checkpoints';
import { deserializeTokenizer, serializeTokenizer } from '../../tokenizer/serialize';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import type { TokenSplit } from '../../data/batcher';
import {
  corpusBytes,
  readCorpus,
  readCorpusBytes,
  saveCorpus,
  type CheckpointExtra,
} from '../../engine/checkpoint/corpus';
import { errorMessage } from '../../shared/errors';
import { exportFolder, importFolder, type FolderFiles } from '../../interop/folder';
import { looksLikeZip, stripTopFolder, unzipFolder, zipFolder } from '../../interop/zip';
import { TRAIN_PY } from './train-script';
import type { EvalPoint, FreezeSettings } from '../protocol';
import type { StepSeries } from '../../shared/step-series';

/** The browser's checkpoint database. */
export const checkpointStore = new CheckpointStore();

function newId(): string {
  return `ckpt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The listing entry for a checkpoint. */
function infoFor(id: string, saved: SavedRun): Omit<CheckpointInfo, 'bytes'> {
  const now = new Date().toISOString();
  return {
    id,
    name: saved.name,
    createdAt: saved.createdAt || now,
    updatedAt: now,
    step: saved.state.step,
    objective: saved.state.training.objective,
    parameterCount: countParameters(saved.state.model),
    model: saved.state.model,
  };
}

/** The current run as a checkpoint keeps it; `ui` (e.g. its curves) is kept with it. */
async function currentSavedRun(
  run: TrainingRun,
  data: TokenSplit,
  name: string,
  ui: unknown,
): Promise<SavedRun> {
  return {
    name: name.trim() || `${run.config.training.objective} run, step ${run.session.step}`,
    createdAt: new Date().toISOString(),
    state: await run.saveState(),
    tokenizer: serializeTokenizer(run.tokenizer),
    extra: { ui, corpus: saveCorpus(data) } satisfies CheckpointExtra,
  };
}

/** Saves the current run under `name`; `ui` (e.g. its curves) is kept with it. */
export async function saveRun(
  run: TrainingRun,
  data: TokenSplit,
  name: string,
  ui: unknown,
): Promise<CheckpointInfo> {
  const saved = await currentSavedRun(run, data, name, ui);
  return checkpointStore.save(infoFor(newId(), saved), writeCheckpoint(saved));
}

/** What the page keeps of a run besides its curves: its name, data and settings. */
export interface RunDetails {
  label: string;
  [key: string]: unknown;
}

/** The curves the worker has reported for the current run (an autosave keeps them). */
export interface RunHistory {
  /** By column: a long run's steps in 40 bytes each (see StepSeries). */
  steps: StepSeries;
  evals: EvalPoint[];
}

/** The run whose token ids are stored beside its autosaves (written with its first one). */
let corpusStoredFor: string | null = null;

/** What an autosave's `extra` says instead of holding the corpus: it is stored beside it. */
const CORPUS_BESIDE = 'beside';

/** How long an autosave took, by part (ms). */
export interface AutosaveTiming {
  readMs: number;
  encodeMs: number;
  storeMs: number;
}

/**
 * Autosaves the current run (replacing its previous autosave): its state between two bursts,
 * the curves up to that step, the page's details of it, and its corpus.
 */
export async function autosaveRun(
  run: TrainingRun,
  data: TokenSplit,
  details: RunDetails,
  history: RunHistory,
): Promise<{ info: AutosaveInfo; timing: AutosaveTiming }> {
  const started = performance.now();
  const state = await run.saveState();
  const read = performance.now();
  const saved: SavedRun = {
    name: `${details.label}, step ${state.step} (autosave)`,
    createdAt: new Date().toISOString(),
    state,
    tokenizer: serializeTokenizer(run.tokenizer),
    extra: {
      ui: {
        ...details,
        steps: history.steps.upTo(state.step),
        evals: history.evals.filter((e) => e.step <= state.step),
      },
      corpusStored: CORPUS_BESIDE,
    },
  };
  const bytes = writeCheckpoint(saved);
  const corpus = corpusStoredFor === run.runId ? undefined : corpusBytes(data);
  const encoded = performance.now();
  const { id: _id, ...info } = infoFor('', saved);
  const status = run.status;
  const stored = await checkpointStore.saveAutosave(
    {
      ...info,
      runId: run.runId,
      runLabel: details.label,
      runStatus: status === 'done' ? 'done' : status === 'training' ? 'training' : 'paused',
      maxIters: run.config.training.maxIters,
    },
    bytes,
    corpus,
  );
  corpusStoredFor = run.runId;
  return {
    info: stored,
    timing: {
      readMs: read - started,
      encodeMs: encoded - read,
      storeMs: performance.now() - encoded,
    },
  };
}

/** An exported folder, zipped: its file name, bytes and the files it holds. */
export interface ExportedFolder {
  fileName: string;
  bytes: Uint8Array;
  files: string[];
}

/** A folder name from a checkpoint name: unsafe characters replaced. */
function folderName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/\s+/gu, '-')
    .replace(/^[.-]+|[.-]+$/gu, '')
    .slice(0, 80);
  return safe === '' ? 'model' : safe;
}

function zipped(saved: SavedRun, data: TokenSplit, ui: unknown): ExportedFolder {
  const files = exportFolder({
    saved,
    tokenizer: deserializeTokenizer(saved.tokenizer),
    data,
    trainPy: TRAIN_PY,
    ui,
  });
  const name = folderName(saved.name);
  return { fileName: `${name}.zip`, bytes: zipFolder(files, name), files: [...files.keys()] };
}

/** A stored checkpoint as a Hugging Face / nanoGPT / PyTorch folder, zipped. */
export async function exportCheckpoint(id: string): Promise<ExportedFolder> {
  const loaded = await loadCheckpoint(id);
  return zipped(loaded.saved, loaded.data, loaded.ui);
}

/** The current run as that folder, zipped. */
export async function exportCurrentRun(
  run: TrainingRun,
  data: TokenSplit,
  name: string,
  ui: unknown,
): Promise<ExportedFolder> {
  const saved = await currentSavedRun(run, data, name, ui);
  return zipped(saved, data, ui);
}

/** Reads a folder's files into a run and stores it as a checkpoint. */
export async function importFolderFiles(
  fileName: string,
  files: FolderFiles,
): Promise<CheckpointInfo> {
  let saved: SavedRun;
  try {
    saved = importFolder(stripTopFolder(files), fileName.replace(/\.zip$/iu, '')).saved;
  } catch (error) {
    throw new Error(`${fileName}: ${errorMessage(error)}`, { cause: error });
  }
  checkContents(saved);
  return checkpointStore.save(infoFor(newId(), saved), writeCheckpoint(saved));
}

/** A stored checkpoint, read and checked: its session state, tokenizer, token ids and UI data. */
export interface LoadedCheckpoint {
  info: CheckpointInfo;
  saved: SavedRun;
  tokenizer: Tokenizer;
  /** The token ids the run trained on. */
  data: TokenSplit;
  ui: unknown;
  settings: ModelSettings;
}

function checkContents(
  saved: SavedRun,
  storedCorpus?: Uint8Array,
): { tokenizer: Tokenizer; data: TokenSplit; ui: unknown } {
  let tokenizer: Tokenizer;
  try {
    tokenizer = deserializeTokenizer(saved.tokenizer);
  } catch (error) {
    throw new CheckpointError(`This checkpoint's tokenizer is unusable: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  if (tokenizer.vocabSize !== saved.state.model.vocabSize) {
    throw new CheckpointError(
      `This checkpoint's tokenizer has ${tokenizer.vocabSize} tokens but its model expects ${saved.state.model.vocabSize}.`,
    );
  }
  const extra = (saved.extra ?? {}) as Partial<CheckpointExtra>;
  const data =
    storedCorpus === undefined
      ? readCorpus(extra.corpus, tokenizer)
      : readCorpusBytes(storedCorpus, tokenizer);
  if (!data)
    throw new CheckpointError('This checkpoint does not contain the data it was trained on.');
  return { tokenizer, data, ui: extra.ui ?? null };
}

/** Checks a checkpoint file completely and stores it; refuses a corrupt or foreign file. */
export async function importCheckpoint(
  fileName: string,
  bytes: Uint8Array,
): Promise<CheckpointInfo> {
  if (looksLikeZip(bytes)) {
    let files: FolderFiles;
    try {
      files = unzipFolder(bytes);
    } catch (error) {
      throw new Error(`${fileName}: ${errorMessage(error)}`, { cause: error });
    }
    return importFolderFiles(fileName, files);
  }
  let saved: SavedRun;
  try {
    saved = readCheckpoint(bytes);
  } catch (error) {
    throw new Error(`${fileName}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  checkContents(saved);
  return checkpointStore.save(infoFor(newId(), saved), bytes);
}

/** Loads and checks a stored checkpoint. */
export async function loadCheckpoint(id: string): Promise<LoadedCheckpoint> {
  const bytes = await checkpointStore.load(id);
  const saved = readCheckpoint(bytes);
  const info = await checkpointStore.info(id);
  if (!info) throw new Error('That checkpoint is no longer in browser storage.');
  const { vocabSize: _vocabSize, ...settings } = saved.state.model;
  // An autosave's token ids are stored once beside it.
  const beside = (saved.extra as { corpusStored?: unknown } | null)?.corpusStored === CORPUS_BESIDE;
  const corpus = beside ? await checkpointStore.load(autosaveCorpusId(id)) : undefined;
  return { info, saved, settings, ...checkContents(saved, corpus) };
}

/** Throws one message listing every problem of a configuration. */
export function checkConfig(config: RunConfig): void {
  const issues = validateConfig(config);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join(' '));
}

/** Loads a base checkpoint for adaptation and checks the new training settings against it. */
export async function loadBase(
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
