/**
 * A run's data as checkpoints keep it: the token ids of both splits, written as base64 of their
 * little-endian bytes, so a run resumes after a reload on exactly the ids it trained on.
 * Checkpoints of earlier versions kept the text instead; those are encoded once when read.
 */
import type { TokenSplit } from '../../data/batcher';
import { splitTokens } from '../../data/batcher';
import type { Tokenizer } from '../../tokenizer/tokenizer';

/** What a checkpoint keeps of its run's data. */
export interface SavedCorpus {
  tokens: { train: string; val: string };
}

/** What a checkpoint keeps besides the session: the UI's data (curves, names) and the corpus. */
export interface CheckpointExtra {
  ui: unknown;
  corpus: SavedCorpus;
}

/** Bytes per base64 chunk (a multiple of 3, small enough for `String.fromCharCode`). */
const CHUNK = 3 * 8192;

function toBase64(ids: Int32Array): string {
  const bytes = new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

function fromBase64(text: string): Int32Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Int32Array(bytes.buffer);
}

/** The data of a run, as a checkpoint keeps it. */
export function saveCorpus(data: TokenSplit): SavedCorpus {
  return { tokens: { train: toBase64(data.train), val: toBase64(data.val) } };
}

/**
 * Reads the data kept in a checkpoint: its token ids (every id checked against the vocabulary),
 * or, for checkpoints that kept text, that text encoded with the checkpoint's tokenizer. Null
 * when there is none or it is damaged.
 */
export function readCorpus(value: unknown, tokenizer: Tokenizer): TokenSplit | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const tokens = record.tokens as Record<string, unknown> | undefined;
  if (typeof tokens === 'object' && tokens !== null) {
    if (typeof tokens.train !== 'string' || typeof tokens.val !== 'string') return null;
    const train = fromBase64(tokens.train);
    const val = fromBase64(tokens.val);
    if (train === null || val === null) return null;
    const valid = (ids: Int32Array): boolean =>
      ids.every((id) => id >= 0 && id < tokenizer.vocabSize);
    return valid(train) && valid(val) ? { train, val } : null;
  }
  return readLegacyCorpus(record, tokenizer);
}

/**
 * A run's token ids as one file, for autosaves (written once per run, beside its autosaves,
 * instead of inside every one): the train length (uint32 LE), then train and val ids (int32 LE).
 */
export function corpusBytes(data: TokenSplit): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * (data.train.length + data.val.length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.train.length, true);
  new Int32Array(bytes.buffer, 4).set(data.train);
  new Int32Array(bytes.buffer, 4 + 4 * data.train.length).set(data.val);
  return bytes;
}

/** Reads `corpusBytes` back, every id checked against the vocabulary; null if damaged. */
export function readCorpusBytes(bytes: Uint8Array, tokenizer: Tokenizer): TokenSplit | null {
  if (bytes.length < 4 || bytes.length % 4 !== 0) return null;
  const copy = bytes.slice();
  const trainLength = new DataView(copy.buffer).getUint32(0, true);
  const ids = new Int32Array(copy.buffer, 4);
  if (trainLength > ids.length) return null;
  if (!ids.every((id) => id >= 0 && id < tokenizer.vocabSize)) return null;
  return { train: ids.slice(0, trainLength), val: ids.slice(trainLength) };
}

/** A checkpoint of an earlier version: its text (or its curated split), encoded now. */
function readLegacyCorpus(
  record: Record<string, unknown>,
  tokenizer: Tokenizer,
): TokenSplit | null {
  const { text, prepared } = record;
  if (typeof prepared === 'object' && prepared !== null) {
    const { trainText, valText } = prepared as Record<string, unknown>;
    if (typeof trainText === 'string' && typeof valText === 'string') {
      return { train: tokenizer.encode(trainText), val: tokenizer.encode(valText) };
    }
  }
  return typeof text === 'string' ? splitTokens(tokenizer.encode(text)) : null;
}
