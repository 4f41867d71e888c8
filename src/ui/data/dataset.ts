/**
 * A loaded dataset (documents before curation), and reading the learner's files into data
 * sources for the worker without reading a file that is too large.
 */
import { MAX_UPLOAD_BYTES } from '../../data/curate';
import { MAX_TOTAL_UPLOAD_BYTES } from '../../data/extract/limits';
import type { DatasetSummary, DataSource } from '../../worker/data/protocol';

/** Documents to curate (held by the data worker), with where they came from. */
export interface Dataset extends DatasetSummary {
  /** Names the documents in the data worker; changes whenever they do. */
  key: string;
  /** Shown in the summary: a corpus name, a file name, "3 files" or "Pasted text". */
  name: string;
}

/** The name of uploaded files as one dataset. */
export function nameOfFiles(names: readonly string[]): string {
  return names.length === 1 ? (names[0] ?? 'File') : `${names.length} files`;
}

/** Why a file is refused before it is read (too large), or null. */
export function checkFileSize(name: string, bytes: number): string | null {
  if (bytes <= MAX_UPLOAD_BYTES) return null;
  const megabytes = Math.round(bytes / 1024 / 1024);
  return `${name} cannot be used: it is ${megabytes} MB, over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`;
}

/** A file's name within the folder it was chosen in (`notes/week1.pdf`), else its own name. */
export function pathOfFile(file: File): string {
  // Empty (or, outside browsers, missing) when the file was not chosen inside a folder.
  const path = (file.webkitRelativePath as string | undefined) ?? '';
  return path === '' ? file.name : path;
}

/**
 * The files as data sources (the data worker reads them); files too large, and files past the
 * total limit of one upload, are left out with a message.
 */
export function readFiles(files: readonly File[]): { sources: DataSource[]; errors: string[] } {
  const sources: DataSource[] = [];
  const errors: string[] = [];
  let total = 0;
  for (const file of files) {
    const name = pathOfFile(file);
    const tooLarge = checkFileSize(name, file.size);
    if (tooLarge !== null) {
      errors.push(tooLarge);
    } else if (total + file.size > MAX_TOTAL_UPLOAD_BYTES) {
      const limit = MAX_TOTAL_UPLOAD_BYTES / 1024 / 1024;
      errors.push(
        `${name} cannot be used: the files together pass the ${limit} MB limit of one upload.`,
      );
    } else {
      total += file.size;
      sources.push({ name, content: file });
    }
  }
  return { sources, errors };
}
