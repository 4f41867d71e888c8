/**
 * The JSON files the playground writes (set-up files, run files) end with a `checksum`: the
 * CRC-32 of the file's other fields as compact JSON, so re-indenting a file keeps it valid but
 * changing a value, or losing its end, does not. Reading says truthfully what is wrong: not
 * JSON, truncated, or edited/damaged since it was written. A file without a checksum (older
 * exports, or one whose checksum line was deleted on purpose) is read as before, every value
 * still checked.
 */
import { crc32 } from './crc32';

/** The field that carries the checksum. */
export const CHECKSUM_KEY = 'checksum';

function checksumOf(fields: Record<string, unknown>): string {
  const text = JSON.stringify(fields);
  return `crc32:${crc32(new TextEncoder().encode(text)).toString(16).padStart(8, '0')}`;
}

/** `file` as pretty JSON with its checksum as the last field. */
export function stringifyWithChecksum(file: object, space = 2): string {
  const fields = { ...(file as Record<string, unknown>) };
  delete fields[CHECKSUM_KEY];
  return JSON.stringify({ ...fields, [CHECKSUM_KEY]: checksumOf(fields) }, null, space);
}

/** What reading a JSON file gave: its value, or what is wrong with it. */
export type JsonFileReading =
  { ok: true; value: unknown } | { ok: false; problem: 'not-json' | 'truncated' };

/** Parses a JSON file, telling a file cut short from one that was never JSON. */
export function parseJsonFile(text: string): JsonFileReading {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const started = /^\s*[[{]/u.test(text);
    const cutShort = /end of (JSON )?(input|data)|Unterminated|Expected .* after/iu.test(message);
    return { ok: false, problem: started && cutShort ? 'truncated' : 'not-json' };
  }
}

/** Parses a `kind` file ("set-up file"), or says in words why it cannot be parsed. */
export function parseFileOf(
  text: string,
  fileName: string,
  kind: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = parseJsonFile(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    message:
      parsed.problem === 'truncated'
        ? truncatedMessage(fileName)
        : `${fileName} is not a ${kind}: it is not valid JSON.`,
  };
}

/**
 * Whether a parsed file's checksum holds: `absent` (no checksum: read it, values checked),
 * `ok`, or `mismatch` (edited or damaged since it was written).
 */
export function checkChecksum(raw: Record<string, unknown>): 'absent' | 'ok' | 'mismatch' {
  const stored = raw[CHECKSUM_KEY];
  // A checksum of another kind (a later version's) is not ours to check.
  if (typeof stored === 'string' && !stored.startsWith('crc32:')) return 'absent';
  if (stored === undefined) return 'absent';
  const fields = { ...raw };
  delete fields[CHECKSUM_KEY];
  return stored === checksumOf(fields) ? 'ok' : 'mismatch';
}

/** The refusal of a file whose checksum does not match, in words. */
export function mismatchMessage(fileName: string): string {
  return `${fileName} was edited or damaged after it was saved: its checksum does not match its contents. If you edited it on purpose, delete its "${CHECKSUM_KEY}" line to open it anyway (every value is still checked).`;
}

/** The refusal of a JSON file that ends too early, in words. */
export function truncatedMessage(fileName: string): string {
  return `${fileName} is truncated: it ends before its last field (an interrupted download or copy?).`;
}
