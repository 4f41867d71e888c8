/**
 * Reading files and pasted text into documents: every readable source adds its documents (a
 * text file one per blank-line separated block, a JSONL file one per line, …); a source that
 * cannot be read says why and adds nothing.
 */
import { countCodePoints, parseDocuments } from '../../data/curate';
import type { ParsedDocuments, SourceOutcome } from './protocol';

/** A source whose content has been read (see `readSource`). */
export interface ReadSource {
  name: string;
  content: ArrayBuffer | string;
}

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

/** Reads each source into documents, in order. */
export function parseSources(sources: readonly ReadSource[]): ParsedDocuments {
  const documents: string[] = [];
  const outcomes: SourceOutcome[] = [];
  for (const source of sources) {
    const content =
      typeof source.content === 'string' ? source.content : new Uint8Array(source.content);
    const result = parseDocuments(source.name, content, { split: 'blankLines' });
    if (!result.ok) {
      outcomes.push({ name: source.name, ok: false, error: result.error });
      continue;
    }
    documents.push(...result.documents);
    outcomes.push({
      name: source.name,
      ok: true,
      format: result.format,
      documents: result.documents.length,
      ...(result.note === undefined ? {} : { note: result.note }),
    });
  }
  let characters = 0;
  for (const document of documents) characters += countCodePoints(document);
  return { documents, characters, sources: outcomes };
}
