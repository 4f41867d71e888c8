/**
 * A set-up file (`.json`): the set-up a link carries plus the learner's own text, which does
 * not fit a link. Reading one checks every value as a link's are checked (a value out of range
 * is ignored with a notice), so a file edited by hand cannot break the page; reading never
 * throws. The file ends with a checksum (src/shared/json-file.ts): a file changed since it was
 * saved is refused unless its checksum line is deleted.
 */
import {
  checkChecksum,
  mismatchMessage,
  parseFileOf,
  stringifyWithChecksum,
} from '../../shared/json-file';
import { DEFAULT_SETUP, type Setup } from './setup';
import { setupFromQuery, setupToQuery } from './url';

/** What a set-up file says it is. */
export const SETUP_FILE_FORMAT = 'pretraining-playground-setup';
/** The newest set-up file version this app reads and writes. */
export const SETUP_FILE_VERSION = 1;
/** The most text a set-up file may carry (the upload limit's order of size). */
export const MAX_SETUP_TEXT_CHARS = 60_000_000;

/** The learner's own data: the texts it was read from, by file name. */
export interface OwnTexts {
  name: string;
  sources: { name: string; content: string }[];
}

/** A set-up file's contents. */
export interface SetupFile {
  format: typeof SETUP_FILE_FORMAT;
  version: number;
  exportedAt: string;
  setup: Setup;
  /** The same set-up as a link's query string, for people reading the file. */
  link: string;
  /** The learner's own data, when the set-up trains on it. */
  own: OwnTexts | null;
}

/** What reading a set-up file gave. */
export type SetupFileReading =
  | { ok: true; setup: Setup; own: OwnTexts | null; notices: string[] }
  | { ok: false; message: string };

/** The set-up file of a set-up (and the learner's data, if it trains on it), as JSON. */
export function setupFileOf(setup: Setup, own: OwnTexts | null, now = new Date()): string {
  const file: SetupFile = {
    format: SETUP_FILE_FORMAT,
    version: SETUP_FILE_VERSION,
    exportedAt: now.toISOString(),
    setup,
    link: setupToQuery(setup).toString(),
    own: setup.corpus === 'own' ? own : null,
  };
  return stringifyWithChecksum(file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `raw` laid over `template` where the types agree (numbers over numbers, objects over objects,
 * a string or null over a nullable string); anything else keeps the template's value.
 */
function overlay(template: unknown, raw: unknown): unknown {
  if (isRecord(template)) {
    if (!isRecord(raw)) return template;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = overlay(value, raw[key]);
    return out;
  }
  if (template === null) return typeof raw === 'string' ? raw : null;
  return typeof raw === typeof template ? raw : template;
}

/** Reads the learner's texts from a file, or says what is wrong with them. */
function readOwn(raw: unknown): OwnTexts | string {
  if (!isRecord(raw) || typeof raw.name !== 'string' || !Array.isArray(raw.sources)) {
    return 'its own text is not readable';
  }
  const sources: OwnTexts['sources'] = [];
  let chars = 0;
  for (const source of raw.sources as unknown[]) {
    if (
      !isRecord(source) ||
      typeof source.name !== 'string' ||
      typeof source.content !== 'string'
    ) {
      return 'its own text is not readable';
    }
    chars += source.content.length;
    sources.push({ name: source.name.slice(0, 200), content: source.content });
  }
  if (chars > MAX_SETUP_TEXT_CHARS) return 'its own text is over the size limit';
  return { name: raw.name.slice(0, 200), sources };
}

/** Reads a set-up file; `fileName` is for the messages. */
export function readSetupFile(text: string, fileName: string): SetupFileReading {
  const parsed = parseFileOf(text, fileName, 'set-up file');
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (!isRecord(raw) || raw.format !== SETUP_FILE_FORMAT) {
    return { ok: false, message: `${fileName} is not a set-up file exported by the playground.` };
  }
  // A damaged version field is damage, not a newer file: the checksum is checked first.
  if (checkChecksum(raw) === 'mismatch') return { ok: false, message: mismatchMessage(fileName) };
  if (typeof raw.version !== 'number' || raw.version > SETUP_FILE_VERSION) {
    return {
      ok: false,
      message: `${fileName} was made by a newer version of the playground (set-up file version ${String(raw.version)}); this one reads version ${SETUP_FILE_VERSION}.`,
    };
  }
  if (!isRecord(raw.setup)) {
    return { ok: false, message: `${fileName} has no set-up in it.` };
  }
  // Every value is checked as a link's are: lay the file's values over a fresh page's, write
  // them as a link and read it back.
  const laid = overlay(DEFAULT_SETUP, raw.setup) as Setup;
  const { setup, notices } = setupFromQuery(`?${setupToQuery(laid).toString()}`, DEFAULT_SETUP, {
    source: 'set-up file',
  });
  if (raw.setup.corpus !== 'own') return { ok: true, setup, own: null, notices };
  const own = readOwn(raw.own);
  if (typeof own === 'string')
    return { ok: false, message: `${fileName} cannot be opened: ${own}.` };
  return { ok: true, setup: { ...setup, corpus: 'own' }, own, notices };
}
