/**
 * Folders as `.zip` files (fflate: a small, maintained zip codec that runs in workers and in
 * Node). Reading checks the sizes the archive declares before inflating anything, so a zip
 * bomb is refused, and drops the one top-level folder a zipped directory usually has.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
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
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          throw new InteropError(
            `This archive would inflate to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB; the playground refuses it.`,
          );
        }
        return !file.name.endsWith('/') && !file.name.startsWith('__MACOSX/');
      },
    });
  } catch (error) {
    if (error instanceof InteropError) throw error;
    throw new InteropError(
      `This is not a readable zip archive (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return stripTopFolder(new Map(Object.entries(entries)));
}

/** Whether bytes start like a zip archive (local file header "PK\x03\x04"). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
