/**
 * Reading a model for the CLI from any of its forms: a checkpoint file (`.ptpg`, what
 * `--save` and the page write), an exported folder, or that folder zipped. Every failure is
 * one line saying what is wrong with which file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { TokenSplit } from '../data/batcher';
import type { SavedRun } from '../engine/checkpoint/checkpoint';
import { readCheckpoint } from '../engine/checkpoint/checkpoint';
import { readCorpus } from '../engine/checkpoint/corpus';
import type { FolderFiles } from '../interop/folder';
import { importFolder } from '../interop/folder';
import { looksLikeZip, unzipFolder } from '../interop/zip';
import { errorMessage } from '../shared/errors';
import type { AnyTokenizer } from '../tokenizer/registry';
import { deserializeTokenizer } from '../tokenizer/registry';
import { CliError } from './files';

/** A model with its tokenizer and the data it trained on. */
export interface LoadedModel {
  saved: SavedRun;
  tokenizer: AnyTokenizer;
  data: TokenSplit;
}

/** Every file under a directory, by path relative to it. */
async function readDirectory(dir: string): Promise<FolderFiles> {
  const files: FolderFiles = new Map();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split('\\').join('/'), new Uint8Array(await readFile(path)));
  }
  return files;
}

/** A checkpoint's run, tokenizer and data, checked. */
export function fromCheckpoint(bytes: Uint8Array): LoadedModel {
  const saved = readCheckpoint(bytes);
  const tokenizer = deserializeTokenizer(saved.tokenizer);
  if (tokenizer.vocabSize !== saved.state.model.vocabSize) {
    throw new Error(
      `its tokenizer has ${tokenizer.vocabSize} tokens but its model expects ${saved.state.model.vocabSize}.`,
    );
  }
  const corpus = (saved.extra as { corpus?: unknown } | null)?.corpus;
  const data = readCorpus(corpus, tokenizer) ?? { train: new Int32Array(), val: new Int32Array() };
  return { saved, tokenizer, data };
}

/** Reads a checkpoint file, a folder or a zip; throws `CliError` with one line if it cannot. */
export async function loadModel(path: string): Promise<LoadedModel> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new CliError(`cannot read ${path}: no such file or folder.`);
  }
  try {
    if (isDirectory) return importFolder(await readDirectory(path), path);
    const bytes = new Uint8Array(await readFile(path));
    if (looksLikeZip(bytes)) return importFolder(unzipFolder(bytes), path);
    return fromCheckpoint(bytes);
  } catch (error) {
    throw new CliError(`${path}: ${errorMessage(error)}`);
  }
}
