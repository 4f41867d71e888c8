/**
 * PDF text extraction with PDF.js (`pdfjs-dist`, Mozilla's PDF reader), page by page. PDF.js runs
 * in the calling thread (its "fake worker"): the caller is already the data worker. Lines are
 * rebuilt from the text items (an end-of-line mark or a change of baseline), a larger gap between
 * lines becomes a blank line, and pages are joined with a form feed so that curation can find
 * running headers and page numbers. Encrypted and image-only PDFs are refused in words.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { PAGE_BREAK, splitLongText, type Extraction, type ExtractProgress } from './types';

// PDF.js looks for an in-thread worker here before it tries to start one.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

/** A line of a page: its text, baseline and font height. */
interface Line {
  text: string;
  y: number;
  height: number;
}

/** One page's text items as lines; a gap of more than 1.6 line heights starts a paragraph. */
export function linesOfItems(items: readonly TextItem[]): string {
  const lines: Line[] = [];
  let text = '';
  let y: number | null = null;
  let height = 0;
  const flush = (): void => {
    if (text.trim() !== '' && y !== null) lines.push({ text: text.trimEnd(), y, height });
    text = '';
    y = null;
  };
  for (const item of items) {
    if (item.str !== '') {
      const itemY = item.transform[5] ?? 0;
      const itemHeight = Math.abs(item.transform[3] ?? 0) || item.height;
      if (y !== null && Math.abs(itemY - y) > Math.max(1, itemHeight / 2)) flush();
      if (y === null) {
        y = itemY;
        height = itemHeight;
      }
      text += item.str;
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines
    .map((line, i) => {
      const previous = lines[i - 1];
      if (previous === undefined) return line.text;
      const gap = Math.abs(previous.y - line.y) > 1.6 * Math.max(previous.height, line.height);
      return `${gap ? '\n\n' : '\n'}${line.text}`;
    })
    .join('');
}

/** Reads a PDF's text, one page after another. */
export async function extractPdf(
  bytes: Uint8Array,
  onProgress?: ExtractProgress,
): Promise<Extraction> {
  let document: pdfjs.PDFDocumentProxy;
  try {
    document = await pdfjs.getDocument({
      // PDF.js takes the buffer over: give it a copy.
      data: bytes.slice(),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      return {
        ok: false,
        error: 'it is encrypted with a password; save an unprotected copy first',
      };
    }
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\.+$/u, '');
    return { ok: false, error: `it is not a readable PDF (${detail})` };
  }
  try {
    const pages: string[] = [];
    let withText = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is TextItem => 'str' in item);
      const text = linesOfItems(items);
      if (text.trim() !== '') withText += 1;
      pages.push(text);
      page.cleanup();
      onProgress?.(number / document.numPages);
    }
    if (withText === 0) {
      return {
        ok: false,
        error: `none of its ${document.numPages} pages has a text layer (a scan?): it needs OCR first`,
      };
    }
    const note = `${document.numPages} page${document.numPages === 1 ? '' : 's'}`;
    return { ok: true, documents: splitLongText(pages.join(PAGE_BREAK)), note };
  } finally {
    await document.destroy();
  }
}
