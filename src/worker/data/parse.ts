/**
 * Reading files and pasted text into documents: every readable source adds its documents (a
 * text file one per blank-line separated block, a JSONL file one per line, …); a source that
 * cannot be read says why and adds nothing.
 */
import { countCodePoints, parseDocuments } from '../../data/curate';
import type { DataSource, ParsedDocuments, SourceOutcome } from '../data-protocol';

/** Reads each source into documents, in order. */
export function parseSources(sources: readonly DataSource[]): ParsedDocuments {
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
