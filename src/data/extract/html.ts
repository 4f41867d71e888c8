/**
 * A saved web page, read as its HTML: the character set its `<meta>` declares (else UTF-8,
 * else Windows-1252), and nothing run. The page stays HTML until curation, where the
 * boilerplate rule keeps its main content and the markup rule turns that into text.
 */
import { detectBinaryText } from '../curate/documents';
import type { Extraction } from './types';

/** The character set a page declares in its first bytes, or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/iu.exec(head)?.[1] ?? null;
}

/** Decodes a page's bytes in the character set it declares (or the likely one). */
export function decodeHtml(bytes: Uint8Array): string {
  const declared = declaredCharset(bytes);
  if (declared !== null) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall through to the guesses.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads a web page into one document: its HTML. */
export function readHtml(bytes: Uint8Array): Extraction {
  const html = decodeHtml(bytes);
  const binary = detectBinaryText(html);
  if (binary !== null) return { ok: false, error: `${binary} (not a web page?)` };
  if (html.trim() === '') return { ok: false, error: 'it is empty' };
  return { ok: true, documents: [html] };
}
