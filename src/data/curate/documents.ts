/**
 * Reading uploaded files into documents: `.txt`/`.md` (one document, or one per blank-line
 * separated block), `.csv`/`.tsv` (one per row, text column chosen), `.jsonl` and `.json`
 * (a `text` field, or the first string field). Binary, empty, invalid and oversized input is
 * refused with a message a person can act on.
 */
import { chooseTextColumn, parseCsv } from './csv';

/** Files larger than this are refused (the app keeps everything in memory). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** How a file's content was read. */
export type DocumentFormat = 'text' | 'csv' | 'tsv' | 'jsonl' | 'json';

/** Documents read from a file, or why they could not be. */
export type ParseResult =
  | {
      ok: true;
      format: DocumentFormat;
      documents: string[];
      /** How the text was found, e.g. `column "body"`, for the UI. */
      note?: string;
    }
  | { ok: false; error: string };

/** Options of `parseDocuments`. */
export interface ParseOptions {
  /** For plain text: `file` (one document) or `blankLines` (one per blank-line separated block). */
  split?: 'file' | 'blankLines';
}

/** Share of control characters above which text counts as binary. */
const MAX_CONTROL_SHARE = 0.05;
/** Characters inspected for control characters. */
const SNIFF_CHARACTERS = 200_000;

/** Splits text into documents at blank lines; each is trimmed, empty ones dropped. */
export function splitOnBlankLines(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/u)
    .map((block) => block.trim())
    .filter((block) => block !== '');
}

/** Why decoded text looks binary (NUL characters, many control or replacement characters), or null. */
export function detectBinaryText(text: string): string | null {
  if (text.includes('\u0000')) return 'it contains NUL characters';
  const sample = text.length > SNIFF_CHARACTERS ? text.slice(0, SNIFF_CHARACTERS) : text;
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const unit = sample.charCodeAt(i);
    const control =
      (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c) ||
      unit === 0x7f;
    if (control || unit === 0xfffd) suspicious += 1;
  }
  if (sample.length > 0 && suspicious / sample.length > MAX_CONTROL_SHARE) {
    return 'too many of its characters are control characters';
  }
  return null;
}

/** Decodes UTF-8 bytes, or says why they are not text (NUL bytes, invalid UTF-8, control characters). */
export function decodeText(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.indexOf(0) >= 0) return { ok: false, error: 'it contains NUL bytes (a binary file?)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'it is not valid UTF-8 text (a binary file?)' };
  }
  const binary = detectBinaryText(text);
  return binary ? { ok: false, error: `${binary} (a binary file?)` } : { ok: true, text };
}

/** The format implied by a file name's extension (plain text for anything unknown). */
export function formatOfFile(fileName: string): DocumentFormat {
  const extension = /\.([a-z0-9]+)$/iu.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'csv') return 'csv';
  if (extension === 'tsv') return 'tsv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'json') return 'json';
  return 'text';
}

/** The text of one JSON record: itself if a string, else its `text` field or first string field. */
function textOfRecord(record: unknown): string | null {
  if (typeof record === 'string') return record;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const entries = Object.entries(record);
  const text = entries.find(([key, value]) => key === 'text' && typeof value === 'string');
  const first = text ?? entries.find(([, value]) => typeof value === 'string');
  return first && typeof first[1] === 'string' ? first[1] : null;
}

function parseJsonLines(text: string): ParseResult {
  const documents: string[] = [];
  const lines = text.split(/\r?\n/u);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return { ok: false, error: `line ${i + 1} is not valid JSON` };
    }
    const value = textOfRecord(record);
    if (value === null) return { ok: false, error: `line ${i + 1} has no text field` };
    if (value.trim() !== '') documents.push(value);
  }
  return { ok: true, format: 'jsonl', documents };
}

function parseJsonArray(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  if (!Array.isArray(data)) {
    return { ok: false, error: 'it is not a JSON array of texts or of objects with a text field' };
  }
  const documents: string[] = [];
  for (let i = 0; i < data.length; i++) {
    const value = textOfRecord(data[i]);
    if (value === null) return { ok: false, error: `item ${i + 1} has no text field` };
    if (value.trim() !== '') documents.push(value);
  }
  return { ok: true, format: 'json', documents };
}

function parseTable(text: string, format: 'csv' | 'tsv'): ParseResult {
  const rows = parseCsv(text, format === 'tsv' ? '\t' : ',');
  const [header, ...data] = rows;
  if (!header || data.length === 0) {
    return { ok: false, error: 'it has a header row but no data rows' };
  }
  const column = chooseTextColumn(header, data);
  const documents = data.map((row) => row[column] ?? '').filter((cell) => cell.trim() !== '');
  return { ok: true, format, documents, note: `column "${header[column] ?? column + 1}"` };
}

/**
 * Reads an uploaded file into documents. `content` is the file's bytes (preferred: binary
 * detection needs them) or its text.
 */
export function parseDocuments(
  fileName: string,
  content: string | Uint8Array,
  options: ParseOptions = {},
): ParseResult {
  const fail = (reason: string): ParseResult => ({
    ok: false,
    error: `${fileName} cannot be used: ${reason}.`,
  });
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_UPLOAD_BYTES) {
    return fail(
      `it is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit`,
    );
  }
  let text: string;
  if (typeof content === 'string') {
    const binary = detectBinaryText(content);
    if (binary) return fail(`${binary} (a binary file?)`);
    text = content;
  } else {
    const decoded = decodeText(content);
    if (!decoded.ok) return fail(decoded.error);
    text = decoded.text;
  }
  if (text.trim() === '') return fail('it is empty');
  const format = formatOfFile(fileName);
  let result: ParseResult;
  if (format === 'jsonl') result = parseJsonLines(text);
  else if (format === 'json') result = parseJsonArray(text);
  else if (format === 'csv' || format === 'tsv') result = parseTable(text, format);
  else {
    const documents = options.split === 'blankLines' ? splitOnBlankLines(text) : [text];
    result = { ok: true, format, documents };
  }
  if (!result.ok) return fail(result.error);
  if (result.documents.length === 0) return fail('it has no text in it');
  return result;
}
