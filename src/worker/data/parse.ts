/**
 * Reading files and pasted text into documents: every readable source adds its documents (a
 * text file one per blank-line separated block, a JSONL file one per line, a PDF its pages, an
 * EPUB its chapters, a zip archive what each of its files holds, …); a source that cannot be
 * read says why and adds nothing, and the others still load.
 */
import { countCodePoints, MAX_UPLOAD_BYTES, parseDocuments } from '../../data/curate';
import { extractDocument, extractedFormatOf } from '../../data/extract/extract';
import { MAX_INFLATED_BYTES } from '../../data/extract/limits';
import { unzipWithin } from '../../shared/unzip';
import type { ParsedDocuments, SourceOutcome } from './protocol';

/** A source whose content has been read (see `readSource`). */
export interface ReadSource {
  name: string;
  content: ArrayBuffer | string;
}

/** Reports how far reading is (0…1) and which file is being read. */
export type ReadProgress = (fraction: number, stage: string) => void;

/** Reads a file handed over as a `Blob`; text and bytes pass as they are. */
export async function readSource(source: {
  name: string;
  content: Blob | ArrayBuffer | string;
}): Promise<ReadSource> {
  const { name, content } = source;
  return typeof content === 'string' || content instanceof ArrayBuffer
    ? { name, content }
    : { name, content: await content.arrayBuffer() };
}

/** Characters (code points) in some documents. */
function charactersOf(documents: readonly string[]): number {
  let characters = 0;
  for (const document of documents) characters += countCodePoints(document);
  return characters;
}

/** Reads one source (an archive: each of its files) into documents and outcomes. */
async function readOne(
  name: string,
  content: string | Uint8Array,
  documents: string[],
  outcomes: SourceOutcome[],
  onProgress: (fraction: number) => void,
): Promise<void> {
  const bytes = typeof content === 'string' ? content.length : content.byteLength;
  const refuse = (reason: string): void => {
    outcomes.push({ name, ok: false, bytes, error: `${name} cannot be used: ${reason}.` });
  };
  const format = typeof content === 'string' ? null : extractedFormatOf(name, content);
  if (format === null || typeof content === 'string') {
    const result = parseDocuments(name, content, { split: 'blankLines' });
    if (!result.ok) {
      outcomes.push({ name, ok: false, bytes, error: result.error });
      return;
    }
    documents.push(...result.documents);
    outcomes.push({
      name,
      ok: true,
      bytes,
      format: result.format,
      documents: result.documents.length,
      characters: charactersOf(result.documents),
      ...(result.note === undefined ? {} : { note: result.note }),
    });
    return;
  }
  if (bytes === 0) return refuse('it is empty');
  if (bytes > MAX_UPLOAD_BYTES) {
    return refuse(
      `it is ${Math.round(bytes / 1024 / 1024)} MB, over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit`,
    );
  }
  if (format === 'zip') {
    const archive = unzipWithin(content, MAX_INFLATED_BYTES);
    if (!archive.ok) return refuse(archive.message);
    const entries = [...archive.entries].filter(([path]) => !/(?:^|\/)\./u.test(path));
    if (entries.length === 0) return refuse('the archive holds no files');
    for (const [i, [path, entry]] of entries.entries()) {
      await readOne(`${name}/${path}`, entry, documents, outcomes, (fraction) =>
        onProgress((i + fraction) / entries.length),
      );
    }
    return;
  }
  let result;
  try {
    result = await extractDocument(format, content, onProgress);
  } catch (error) {
    return refuse(`reading it failed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!result.ok) return refuse(result.error);
  documents.push(...result.documents);
  outcomes.push({
    name,
    ok: true,
    bytes,
    format,
    documents: result.documents.length,
    characters: charactersOf(result.documents),
    ...(result.note === undefined ? {} : { note: result.note }),
  });
}

/** Reads each source into documents, in order. */
export async function parseSources(
  sources: readonly ReadSource[],
  onProgress?: ReadProgress,
): Promise<ParsedDocuments> {
  const documents: string[] = [];
  const outcomes: SourceOutcome[] = [];
  for (const [i, source] of sources.entries()) {
    const stage = `Reading ${source.name} (${i + 1} of ${sources.length})`;
    onProgress?.(i / sources.length, stage);
    const content =
      typeof source.content === 'string' ? source.content : new Uint8Array(source.content);
    await readOne(source.name, content, documents, outcomes, (fraction) =>
      onProgress?.((i + fraction) / sources.length, stage),
    );
  }
  return { documents, characters: charactersOf(documents), sources: outcomes };
}
