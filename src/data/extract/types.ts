/**
 * What extracting a document file gives: documents (each a string), or why the file cannot be
 * used. Extractors are loaded lazily (see `extract.ts`), each with the library it needs.
 */

/** The formats read by an extractor (the plain-text formats are read by `parseDocuments`). */
export type ExtractedFormat = 'pdf' | 'docx' | 'html' | 'epub';

/** A document file read into documents, or refused in words. */
export type Extraction =
  | {
      ok: true;
      documents: string[];
      /** What the reader found, e.g. `12 pages`, for the file list. */
      note?: string;
    }
  | { ok: false; error: string };

/** Reports how far an extraction is (0…1). */
export type ExtractProgress = (fraction: number) => void;

/** Page breaks in extracted text (a form feed on its own line, as `pdftotext` writes). */
export const PAGE_BREAK = '\n\f\n';

/** Documents longer than this are cut at a page break or blank line (curation's length filter keeps 100,000). */
export const MAX_DOCUMENT_CHARACTERS = 50_000;

/**
 * Cuts long text into documents of at most `max` characters at page breaks, or failing that at
 * blank lines, so a book becomes several documents of whole pages.
 */
export function splitLongText(text: string, max: number = MAX_DOCUMENT_CHARACTERS): string[] {
  if (text.length <= max) return text.trim() === '' ? [] : [text];
  const separator = text.includes(PAGE_BREAK) ? PAGE_BREAK : '\n\n';
  const parts = text.split(separator);
  const documents: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = (): void => {
    const joined = current.join(separator).trim();
    if (joined !== '') documents.push(joined);
    current = [];
    length = 0;
  };
  for (const part of parts) {
    if (length > 0 && length + part.length + separator.length > max) flush();
    current.push(part);
    length += part.length + separator.length;
  }
  flush();
  return documents;
}
