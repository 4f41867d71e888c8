/**
 * A loaded dataset (documents before curation), and reading the learner's files into data
 * sources for the worker without reading a file that is too large.
 */
import { MAX_UPLOAD_BYTES } from '../../data/curate';
import type { DataSource, SourceOutcome } from '../../worker/data-protocol';

/** Documents to curate, with where they came from. */
export interface Dataset {
  /** Changes whenever the documents do. */
  key: string;
  /** Shown in the summary: a corpus name, a file name, "3 files" or "Pasted text". */
  name: string;
  documents: string[];
  /** Characters (code points) in all documents. */
  characters: number;
  /** Each file or text read, and what became of it. */
  sources: SourceOutcome[];
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

/** Reads files into data sources; files too large are left out with a message. */
export async function readFiles(
  files: readonly File[],
): Promise<{ sources: DataSource[]; errors: string[] }> {
  const sources: DataSource[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const tooLarge = checkFileSize(file.name, file.size);
    if (tooLarge !== null) {
      errors.push(tooLarge);
      continue;
    }
    try {
      sources.push({ name: file.name, content: await file.arrayBuffer() });
    } catch (error) {
      errors.push(`${file.name} could not be read (${String(error)}).`);
    }
  }
  return { sources, errors };
}
