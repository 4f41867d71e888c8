/**
 * Folders as `.zip` files (fflate: a small, maintained zip codec that runs in workers and in
 * Node). Reading checks the sizes the archive declares before inflating anything, so a zip
 * bomb is refused, and drops the one top-level folder a zipped directory usually has.
 */
import { zipSync, type Zippable } from 'fflate';
import { looksLikeZip, unzipWithin } from '../shared/unzip';
import type { FolderFiles } from './folder';
import { InteropError } from './gpt2';

/** The most an imported archive may hold once inflated. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

/** Zips a folder under `folderName/`. Weights and token ids barely compress: stored as they are. */
export function zipFolder(files: FolderFiles, folderName: string): Uint8Array {
  const entries: Zippable = {};
  for (const [path, bytes] of files) {
    const binary = path.endsWith('.safetensors') || path.endsWith('.bin');
    entries[`${folderName}/${path}`] = [bytes, { level: binary ? 0 : 6 }];
  }
  return zipSync(entries);
}

/** The files of a folder given as paths (e.g. from a directory pick), without their common top folder. */
export function stripTopFolder(files: FolderFiles): FolderFiles {
  const paths = [...files.keys()];
  const first = paths[0]?.split('/')[0];
  const shared =
    first !== undefined && paths.every((p) => p.includes('/') && p.split('/')[0] === first);
  if (!shared) return files;
  return new Map([...files].map(([p, bytes]) => [p.slice(first.length + 1), bytes]));
}

/** Unzips an archive into a folder's files; refuses a damaged archive or one too large once inflated. */
export function unzipFolder(bytes: Uint8Array): FolderFiles {
  const result = unzipWithin(bytes, MAX_UNZIPPED_BYTES);
  if (!result.ok) {
    throw new InteropError(
      result.reason === 'too-large'
        ? `This archive would inflate to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB; the playground refuses it.`
        : `This is ${result.message.replace(/^it is /u, '')}.`,
    );
  }
  return stripTopFolder(result.entries);
}

export { looksLikeZip };
