/**
 * A run as a folder the field's tools continue with, and such a folder back as a run:
 *
 *   model.safetensors       weights, Hugging Face GPT-2 names and layout (float32)
 *   optimizer.safetensors   Adam's moments (`adam.m.…`, `adam.v.…`) and the step, to continue exactly
 *   config.json             a GPT2Config (`is_causal`, `mask_token_id` for masked models)
 *   tokenizer.json          the Hugging Face `tokenizers` format; plus tokenizer_config.json,
 *                           special_tokens_map.json, and GPT-2's vocab.json + merges.txt for BPE
 *   playground-tokenizer.json   our own tokenizer file (re-imported exactly)
 *   train.bin, val.bin, meta.json   nanoGPT's data: token ids as uint16 (uint32 past 65,536 ids)
 *   playground.json         the run: objective, training settings, step, random streams, curves
 *   train.py, README.md     continue training with PyTorch (python or torchrun)
 *
 * Reading accepts our folders (also after train.py continued them) and other GPT-2 folders
 * whose tokenizer we can read; every refusal says what is missing or wrong.
 */
import { crc32 } from '../shared/crc32';
import type { TokenSplit } from '../data/batcher';
import type { ModelConfig, TrainingConfig } from '../config/config';
import { DEFAULT_TRAINING } from '../config/config';
import { validateConfig } from '../config/validate';
import type { SavedRun } from '../engine/checkpoint/checkpoint';
import { saveCorpus, type CheckpointExtra } from '../engine/checkpoint/corpus';
import { NO_FREEZE } from '../engine/freeze';
import { createRng, deriveSeed } from '../shared/rng';
import { errorMessage } from '../shared/errors';
import { BpeTokenizer } from '../tokenizer/bpe';
import type { AnyTokenizer } from '../tokenizer/registry';
import { deserializeTokenizer, serializeTokenizer } from '../tokenizer/registry';
import { SPECIAL_IDS, FIRST_REGULAR_ID } from '../tokenizer/tokenizer';
import {
  hfConfig,
  InteropError,
  modelTensors,
  optimizerTensors,
  readHfConfig,
  readModelTensors,
  readOptimizerTensors,
} from './gpt2';
import {
  gpt2VocabFiles,
  hfSpecialTokensMap,
  hfTokenizerConfig,
  hfTokenizerJson,
  readHfTokenizer,
} from './hf-tokenizer';
import { folderReadme } from './readme';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors';

/** The files of a folder, by path inside it. */
export type FolderFiles = Map<string, Uint8Array>;

/** Marks our `playground.json`. */
export const EXPORT_FORMAT = 'pretraining-playground-export';

/** Where the run's data came from, for meta.json. */
export interface DataSource {
  /** The corpus as the page or the CLI names it. */
  corpus: string | null;
  /** The curation rules it was cleaned with, or null when it was not curated. */
  curation: unknown;
}

/** What an export needs. */
export interface ExportInput {
  saved: SavedRun;
  tokenizer: AnyTokenizer;
  data: TokenSplit;
  /** The text of train.py (shipped with the app). */
  trainPy: string;
  /** The checkpoint's UI data (corpus name, curation rules, curves), kept in playground.json. */
  ui: unknown;
}

/** What a checkpoint's UI data says of its source corpus and curation, for meta.json. */
function sourceOf(ui: unknown): DataSource {
  const record = (typeof ui === 'object' && ui !== null ? ui : {}) as Record<string, unknown>;
  return {
    corpus: typeof record.corpusName === 'string' ? record.corpusName : null,
    curation: record.curation ?? null,
  };
}

const encoder = new TextEncoder();

function json(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** nanoGPT's dtype for a vocabulary: uint16 while every id fits, else uint32. */
export function tokenDtype(vocabSize: number): 'uint16' | 'uint32' {
  return vocabSize <= 65_536 ? 'uint16' : 'uint32';
}

function tokenBytes(ids: Int32Array, dtype: 'uint16' | 'uint32'): Uint8Array {
  const width = dtype === 'uint16' ? 2 : 4;
  const bytes = new Uint8Array(ids.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < ids.length; i++) {
    if (width === 2) view.setUint16(i * 2, ids[i] ?? 0, true);
    else view.setUint32(i * 4, ids[i] ?? 0, true);
  }
  return bytes;
}

/** Writes the folder. */
export function exportFolder(input: ExportInput): FolderFiles {
  const { saved, tokenizer, data } = input;
  const { state } = saved;
  const objective = state.training.objective;
  const step = String(state.step);
  const files: FolderFiles = new Map();
  files.set(
    'model.safetensors',
    encodeSafetensors(modelTensors(state.tensors, state.model), { format: 'pt', step }),
  );
  const moments = optimizerTensors(state.tensors);
  if (moments.length > 0)
    files.set('optimizer.safetensors', encodeSafetensors(moments, { format: 'pt', step }));
  files.set('config.json', json(hfConfig(state.model, objective)));
  files.set('tokenizer.json', json(hfTokenizerJson(tokenizer)));
  files.set('tokenizer_config.json', json(hfTokenizerConfig(state.model.blockSize)));
  files.set('special_tokens_map.json', json(hfSpecialTokensMap()));
  if (tokenizer instanceof BpeTokenizer) {
    const { vocab, merges } = gpt2VocabFiles(tokenizer);
    files.set('vocab.json', encoder.encode(vocab));
    files.set('merges.txt', encoder.encode(merges));
  }
  files.set('playground-tokenizer.json', json(serializeTokenizer(tokenizer)));
  const dtype = tokenDtype(tokenizer.vocabSize);
  files.set('train.bin', tokenBytes(data.train, dtype));
  files.set('val.bin', tokenBytes(data.val, dtype));
  files.set(
    'meta.json',
    json({
      vocab_size: tokenizer.vocabSize,
      dtype,
      tokenizer: tokenizer.kind,
      vocabulary: tokenizer.vocabulary(),
      pad_token_id: SPECIAL_IDS.pad,
      mask_token_id: SPECIAL_IDS.mask,
      unk_token_id: SPECIAL_IDS.unk,
      first_regular_id: FIRST_REGULAR_ID,
      split: {
        train_tokens: data.train.length,
        val_tokens: data.val.length,
        val_fraction: +(data.val.length / Math.max(1, data.train.length + data.val.length)).toFixed(
          4,
        ),
      },
      source: sourceOf(input.ui),
    }),
  );
  files.set(
    'playground.json',
    json({
      format: EXPORT_FORMAT,
      version: 1,
      name: saved.name,
      createdAt: saved.createdAt,
      objective,
      step: state.step,
      training: state.training,
      dropout: state.model.dropout,
      freeze: state.freeze,
      rngStates: state.rngStates,
      ui: input.ui ?? null,
    }),
  );
  files.set('train.py', encoder.encode(input.trainPy));
  files.set(
    'README.md',
    encoder.encode(
      folderReadme({
        name: saved.name,
        model: state.model,
        objective,
        tokenizer: tokenizer.kind,
        step: state.step,
        files: [...files.keys(), CHECKSUMS_FILE],
      }),
    ),
  );
  files.set(
    CHECKSUMS_FILE,
    json({ format: CHECKSUMS_FORMAT, version: 1, files: fileChecksums(files) }),
  );
  return files;
}

/** The file listing every other file's CRC-32, so an import can tell a damaged file. */
export const CHECKSUMS_FILE = 'playground-checksums.json';
const CHECKSUMS_FORMAT = 'pretraining-playground-checksums';

function fileChecksums(files: FolderFiles): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const [path, bytes] of files) {
    if (path !== CHECKSUMS_FILE) sums[path] = `crc32:${crc32(bytes).toString(16).padStart(8, '0')}`;
  }
  return sums;
}

/**
 * Checks the folder's files against its checksums file, when it has one: a file changed since
 * the export is refused by name. Files it does not list (added by other tools) are not checked.
 */
function checkFileChecksums(files: FolderFiles): void {
  const listed = readJson(files, CHECKSUMS_FILE);
  if (listed === undefined) return;
  if (!isRecord(listed) || listed.format !== CHECKSUMS_FORMAT || !isRecord(listed.files)) {
    throw new InteropError(`${CHECKSUMS_FILE} is damaged: it is not a list of checksums.`);
  }
  const actual = fileChecksums(files);
  for (const [path, sum] of Object.entries(listed.files)) {
    const found = actual[path];
    if (found !== undefined && found !== sum) {
      throw new InteropError(
        `${path} is damaged or was changed after export: it does not match its checksum. If you changed it on purpose, delete ${CHECKSUMS_FILE} to import the folder anyway.`,
      );
    }
  }
}

/** What an import gives: the run as the checkpoint store keeps it, and notes for people. */
export interface ImportedFolder {
  saved: SavedRun;
  tokenizer: AnyTokenizer;
  data: TokenSplit;
  /** What was assumed or left out (no optimizer state, no data…). */
  notes: string[];
}

function readJson(files: FolderFiles, path: string): unknown {
  const bytes = files.get(path);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InteropError(`${path} is not valid JSON.`);
  }
}

function readSafetensors(files: FolderFiles, path: string): ReturnType<typeof decodeSafetensors> {
  const bytes = files.get(path);
  if (bytes === undefined) throw new InteropError(`The folder has no ${path}.`);
  try {
    return decodeSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) throw new InteropError(`${path}: ${error.message}`);
    throw error;
  }
}

function readTokenizer(files: FolderFiles): AnyTokenizer {
  const ours = readJson(files, 'playground-tokenizer.json');
  if (ours !== undefined) {
    try {
      return deserializeTokenizer(ours);
    } catch (error) {
      throw new InteropError(`playground-tokenizer.json: ${errorMessage(error)}`);
    }
  }
  const hf = readJson(files, 'tokenizer.json');
  if (hf !== undefined) return readHfTokenizer(hf);
  throw new InteropError(
    'The folder has no tokenizer: it needs tokenizer.json (Hugging Face format) or playground-tokenizer.json.',
  );
}

function readTokens(
  files: FolderFiles,
  path: string,
  dtype: 'uint16' | 'uint32',
  vocabSize: number,
): Int32Array | null {
  const bytes = files.get(path);
  if (bytes === undefined) return null;
  const width = dtype === 'uint16' ? 2 : 4;
  if (bytes.length % width !== 0) {
    throw new InteropError(
      `${path} has ${bytes.length} bytes, not a whole number of ${dtype} ids.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ids = new Int32Array(bytes.length / width);
  for (let i = 0; i < ids.length; i++) {
    const id = width === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
    if (id >= vocabSize) {
      throw new InteropError(
        `${path} holds id ${id} at position ${i}, past the vocabulary (${vocabSize}).`,
      );
    }
    ids[i] = id;
  }
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRngState(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)
  );
}

/** The training settings of playground.json, or the defaults for the objective. */
function readTraining(
  run: Record<string, unknown>,
  model: ModelConfig,
  objective: TrainingConfig['objective'],
): TrainingConfig {
  const training = isRecord(run.training)
    ? { ...DEFAULT_TRAINING, ...run.training, objective }
    : { ...DEFAULT_TRAINING, objective };
  const { vocabSize: _vocab, ...settings } = model;
  const issues = validateConfig({ model: settings, training: training as TrainingConfig });
  if (issues.length > 0) {
    throw new InteropError(`playground.json: ${issues.map((i) => i.message).join(' ')}`);
  }
  return training as TrainingConfig;
}

/**
 * Reads a folder back into a run. Needs config.json, model.safetensors and a tokenizer;
 * optimizer.safetensors, the data and playground.json are used when present.
 */
export function importFolder(files: FolderFiles, fallbackName: string): ImportedFolder {
  checkFileChecksums(files);
  const configJson = readJson(files, 'config.json');
  if (configJson === undefined) {
    throw new InteropError('The folder has no config.json: it is not a Hugging Face model folder.');
  }
  const { model, objective } = readHfConfig(configJson);
  const weights = readSafetensors(files, 'model.safetensors');
  const params = readModelTensors(weights, model);
  const tokenizer = readTokenizer(files);
  if (tokenizer.vocabSize !== model.vocabSize) {
    throw new InteropError(
      `The tokenizer has ${tokenizer.vocabSize} tokens but config.json says vocab_size ${model.vocabSize}.`,
    );
  }
  const notes: string[] = [];
  const runJson = readJson(files, 'playground.json');
  const run = isRecord(runJson) ? runJson : {};
  if (runJson === undefined) notes.push('No playground.json: default training settings, step 0.');
  const training = readTraining(run, model, objective);

  let step = Number.isInteger(run.step) && (run.step as number) >= 0 ? (run.step as number) : 0;
  let moments = null;
  if (files.has('optimizer.safetensors')) {
    const optimizer = readSafetensors(files, 'optimizer.safetensors');
    moments = readOptimizerTensors(optimizer, params);
    const saved = Number(optimizer.metadata.step);
    if (moments && Number.isInteger(saved) && saved >= 0) step = saved;
    if (!moments)
      notes.push('optimizer.safetensors does not fit the model: Adam restarts from zero.');
  } else {
    notes.push('No optimizer.safetensors: Adam restarts from zero.');
  }
  const zeros = (prefix: string): typeof params =>
    params.map((p) => ({
      name: prefix + p.name,
      shape: p.shape,
      values: new Float32Array(p.values.length),
    }));
  const tensors = [...params, ...(moments ?? [...zeros('adam.m.'), ...zeros('adam.v.')])];

  const meta = readJson(files, 'meta.json');
  const dtype = isRecord(meta) && meta.dtype === 'uint32' ? 'uint32' : 'uint16';
  const train = readTokens(files, 'train.bin', dtype, model.vocabSize);
  const val = readTokens(files, 'val.bin', dtype, model.vocabSize);
  const data = { train: train ?? new Int32Array(), val: val ?? new Int32Array() };
  if (!train || !val)
    notes.push(
      'No train.bin/val.bin: the model can be sampled and fine-tuned on a task, not trained further on its corpus.',
    );

  const seed = training.seed;
  const rngs = isRecord(run.rngStates) ? run.rngStates : {};
  const stream = (name: 'batches' | 'masking' | 'dropout'): number[] =>
    isRngState(rngs[name])
      ? (rngs[name] as number[])
      : createRng(deriveSeed(seed, name)).getState();
  const freeze =
    isRecord(run.freeze) &&
    typeof run.freeze.embeddings === 'boolean' &&
    Number.isInteger(run.freeze.blocks)
      ? { embeddings: run.freeze.embeddings, blocks: run.freeze.blocks as number }
      : NO_FREEZE;
  const extra: CheckpointExtra = { ui: run.ui ?? null, corpus: saveCorpus(data) };
  return {
    saved: {
      name: typeof run.name === 'string' && run.name.trim() !== '' ? run.name : fallbackName,
      createdAt: typeof run.createdAt === 'string' ? run.createdAt : new Date().toISOString(),
      tokenizer: serializeTokenizer(tokenizer),
      extra,
      state: {
        model,
        training,
        step,
        freeze,
        rngStates: {
          batches: stream('batches'),
          masking: stream('masking'),
          dropout: stream('dropout'),
        },
        tensors,
      },
    },
    tokenizer,
    data,
    notes,
  };
}
