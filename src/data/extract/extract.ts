/**
 * Which files need an extractor, and running it. Each extractor is imported only when such a
 * file arrives, so PDF.js, mammoth, linkedom and Readability stay out of every bundle until a
 * learner drops a PDF, a Word file or a web page.
 */
import { looksLikeZip } from '../../shared/unzip';
import { WebPageReaderMissing } from '../curate/boilerplate';
import type { Extraction, ExtractedFormat, ExtractProgress } from './types';

/** Extensions of the document formats, for the file picker. */
export const DOCUMENT_EXTENSIONS = ['.pdf', '.docx', '.html', '.htm', '.xhtml', '.epub'] as const;

/** The extension of a file name, lower-case, without its dot. */
function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/iu.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** Whether bytes start like a PDF (`%PDF-`, perhaps after a little junk). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** Whether bytes start like an HTML page. */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /^\s*(?:<!doctype\s+html|<html[\s>])/iu.test(
    head.replace(/^\uFEFF|^\u00ef\u00bb\u00bf/u, ''),
  );
}

/**
 * The extractor a file needs, from its extension and its first bytes; `zip` for an archive of
 * files; null for the plain-text formats (and anything else, which is then read as text).
 */
export function extractedFormatOf(name: string, bytes: Uint8Array): ExtractedFormat | 'zip' | null {
  const extension = extensionOf(name);
  if (extension === 'pdf' || looksLikePdf(bytes)) return 'pdf';
  if (extension === 'docx') return 'docx';
  if (extension === 'epub') return 'epub';
  if (extension === 'zip') return 'zip';
  if (extension === 'html' || extension === 'htm' || extension === 'xhtml') return 'html';
  if (looksLikeZip(bytes)) {
    // A renamed archive: what it holds says what it is.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if (head.includes('word/')) return 'docx';
    if (head.includes('application/epub+zip')) return 'epub';
    return 'zip';
  }
  if (looksLikeHtml(bytes)) return 'html';
  return null;
}

/** Reads a document file with its extractor (loaded on first use). */
export async function extractDocument(
  format: ExtractedFormat,
  bytes: Uint8Array,
  onProgress?: ExtractProgress,
): Promise<Extraction> {
  switch (format) {
    case 'pdf':
      return (await import('./pdf')).extractPdf(bytes, onProgress);
    case 'docx':
      return (await import('./docx')).extractDocx(bytes);
    case 'epub':
      return (await import('./epub')).extractEpub(bytes);
    case 'html':
      return (await import('./html')).readHtml(bytes);
  }
}

/** Loads the web-page reader that curation's boilerplate rule needs. */
export async function loadWebPageReader(): Promise<void> {
  await import('./web-page');
}

/**
 * Runs a curation, loading the web-page reader and running it again if it met a web page
 * first: a page can appear only once an earlier rule has run (an e-mail whose body, decoded
 * from base64, is a whole HTML page), so no look at the raw documents can tell in advance.
 */
export async function withWebPageReader<T>(run: () => T): Promise<T> {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof WebPageReaderMissing)) throw error;
    await loadWebPageReader();
    return run();
  }
}
