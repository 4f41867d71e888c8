/**
 * Word (.docx) text with mammoth: the raw text, one paragraph per block, headings kept as their
 * own lines. The archive's declared sizes are checked first, so a zip bomb is refused before
 * mammoth inflates it.
 */
import mammoth from 'mammoth';
import { unzipWithin } from '../../shared/unzip';
import { MAX_INFLATED_BYTES } from './limits';
import { splitLongText, type Extraction } from './types';

/** Reads a .docx file's text. */
export async function extractDocx(bytes: Uint8Array): Promise<Extraction> {
  const archive = unzipWithin(bytes, MAX_INFLATED_BYTES, (name) => name === 'word/document.xml');
  if (!archive.ok) return { ok: false, error: archive.message };
  if (!archive.entries.has('word/document.xml')) {
    return {
      ok: false,
      error: 'it is a zip archive but not a Word document (no word/document.xml)',
    };
  }
  const buffer = bytes.slice().buffer;
  let text: string;
  try {
    // mammoth's browser build reads `arrayBuffer`, its Node build `buffer`.
    const input = { arrayBuffer: buffer, buffer: bytes.slice() } as unknown as {
      arrayBuffer: ArrayBuffer;
    };
    text = (await mammoth.extractRawText(input)).value;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `it is not a readable Word document (${detail})` };
  }
  const tidy = text.replace(/\n{3,}/gu, '\n\n').trim();
  if (tidy === '') return { ok: false, error: 'the Word document has no text in it' };
  return { ok: true, documents: splitLongText(tidy) };
}
