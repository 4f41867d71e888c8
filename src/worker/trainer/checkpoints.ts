/**
 * Checkpoints on the worker side: saving the current run (with its tokenizer and corpus, so it
 * can resume after a reload), importing a file after validating it, and loading one back (as a
 * run to resume, or as the base of a fine-tuning run).
 */
import type { ModelSettings, RunConfig, TrainingConfig } from '../../config/config';
import { validateConfig } from '../../config/validate';
import { readCheckpoint, writeCheckpoint, type SavedRun } from '../../engine/checkpoint/checkpoint';
import { CheckpointError } from '../../engine/checkpoint/format';
import type { TrainingRun } from '../../engine/run';
import { countParameters } from '../../config/size';
import { CheckpointStore, type CheckpointInfo } from '../../storage/checkpoints';
import { deserializeTokenizer, serializeTokenizer } from '../../tokenizer/serialize';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import type { TokenSplit } from '../../data/batcher';
import { readCorpus, saveCorpus, type SavedCorpus } from './corpus';
import { errorMessage } from '../../shared/errors';
import type { FreezeSettings } from '../protocol';

/** The browser's checkpoint database. */
export const checkpointStore = new CheckpointStore();

/** What is kept in a checkpoint besides the session: the UI's data and the corpus. */
interface CheckpointExtra {
  ui: unknown;
  corpus: SavedCorpus;
}

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
  };
}

/** Saves the current run under `name`; `ui` (e.g. its curves) is kept with it. */
export async function saveRun(
  run: TrainingRun,
  data: TokenSplit,
  name: string,
  ui: unknown,
): Promise<CheckpointInfo> {
  const trimmed = name.trim() || `${run.config.training.objective} run, step ${run.session.step}`;
  const saved: SavedRun = {
    name: trimmed,
    createdAt: new Date().toISOString(),
    state: await run.session.saveState(),
    tokenizer: serializeTokenizer(run.tokenizer),
    extra: { ui, corpus: saveCorpus(data) } satisfies CheckpointExtra,
  };
  const bytes = writeCheckpoint(saved);
  return checkpointStore.save(infoFor(newId(), saved), bytes);
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

function checkContents(saved: SavedRun): { tokenizer: Tokenizer; data: TokenSplit; ui: unknown } {
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
  const data = readCorpus(extra.corpus, tokenizer);
  if (!data)
    throw new CheckpointError('This checkpoint does not contain the data it was trained on.');
  return { tokenizer, data, ui: extra.ui ?? null };
}

/** Checks a checkpoint file completely and stores it; refuses a corrupt or foreign file. */
export async function importCheckpoint(
  fileName: string,
  bytes: Uint8Array,
): Promise<CheckpointInfo> {
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
  const info = (await checkpointStore.list()).find((c) => c.id === id);
  if (!info) throw new Error('That checkpoint is no longer in browser storage.');
  const { vocabSize: _vocabSize, ...settings } = saved.state.model;
  return { info, saved, settings, ...checkContents(saved) };
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
