/**
 * The checkpoint file format: one self-describing binary file (documented in the README).
 *
 *   bytes 0–7    magic "PTPGCKPT" (ASCII)
 *   bytes 8–11   format version, uint32 little-endian
 *   bytes 12–15  header length H in bytes, uint32 LE
 *   bytes 16–19  CRC-32 of bytes 8–15 then of everything after byte 19, uint32 LE (version 1
 *                covered only what follows byte 19, so its version field was unchecked)
 *   bytes 20…    header: UTF-8 JSON (`CheckpointHeader`), padded with spaces to a multiple of 4
 *   then         tensor data: float32 little-endian, in header order, no gaps
 *
 * These first 20 bytes keep their meaning in every later version, so a reader can tell, in this
 * order, a file that is not a checkpoint (signature), one that is truncated (shorter than its
 * header or its tensors say), one that is damaged (checksum), and one made by a newer app (a
 * version above ours whose checksum holds). Every length read is checked against the file's
 * size before anything is allocated, so nothing larger than the file is ever allocated. Shapes
 * are checked against the model config by the caller (`restoreSession`).
 */
import { crc32 } from '../../shared/crc32';

/** The first eight bytes of every checkpoint. */
export const CHECKPOINT_MAGIC = 'PTPGCKPT';

/** The version this code writes, and the newest it reads. */
export const CHECKPOINT_VERSION = 2;

const PREFIX_BYTES = 20;

/** One tensor stored in the file. */
export interface StoredTensor {
  name: string;
  shape: number[];
}

/** The JSON header. `payload` is the caller's (config, tokenizer, curves…), stored as is. */
export interface CheckpointHeader {
  tensors: StoredTensor[];
  payload: unknown;
}

/** A decoded checkpoint: the header and each tensor's values. */
export interface Checkpoint {
  header: CheckpointHeader;
  values: Float32Array[];
}

/** A file that is not a valid checkpoint; the message says why, for people. */
export class CheckpointError extends Error {}

export { crc32 };

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Writes a checkpoint to bytes. */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const { header, values } = checkpoint;
  if (header.tensors.length !== values.length) throw new Error('One value array per tensor.');
  header.tensors.forEach((t, i) => {
    if (elementCount(t.shape) !== values[i]?.length) throw new Error(`Wrong size for ${t.name}.`);
  });
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 4) * 4;
  if (padded !== json.length) {
    const withPadding = new Uint8Array(padded).fill(0x20);
    withPadding.set(json);
    json = withPadding;
  }
  const floats = values.reduce((n, v) => n + v.length, 0);
  const bytes = new Uint8Array(PREFIX_BYTES + json.length + floats * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(CHECKPOINT_MAGIC), 0);
  view.setUint32(8, CHECKPOINT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, PREFIX_BYTES);
  let offset = PREFIX_BYTES + json.length;
  for (const v of values) {
    for (let i = 0; i < v.length; i++, offset += 4) view.setFloat32(offset, v[i] ?? 0, true);
  }
  view.setUint32(16, checksumOf(bytes), true);
  return bytes;
}

/** The checksum stored at bytes 16–19 (from version 2 on): the version, the header length, the rest. */
function checksumOf(bytes: Uint8Array): number {
  return crc32(bytes.subarray(8, 16), bytes.subarray(PREFIX_BYTES));
}

function isStoredTensor(value: unknown): value is StoredTensor {
  if (typeof value !== 'object' || value === null) return false;
  const { name, shape } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    Array.isArray(shape) &&
    shape.every((d) => Number.isInteger(d) && (d as number) > 0 && (d as number) < 1e8)
  );
}

/** Whether the bytes are the checkpoint signature, or its start (a file cut inside it). */
function startsLikeMagic(bytes: Uint8Array): boolean {
  const magic = new TextEncoder().encode(CHECKPOINT_MAGIC);
  return bytes.length > 0 && bytes.every((byte, i) => byte === magic[i]);
}

/** The header's JSON, or null when it is not valid JSON with a valid list of tensors. */
function parseHeader(bytes: Uint8Array): { tensors: StoredTensor[]; payload: unknown } | null {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const tensors = (header as { tensors?: unknown } | null)?.tensors;
  if (!Array.isArray(tensors) || !tensors.every(isStoredTensor)) return null;
  return { tensors, payload: (header as { payload?: unknown }).payload ?? null };
}

const TRUNCATED = 'This checkpoint is truncated: the file ends before';

/** A header length above this is a damaged field, not a header the file was cut inside. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** Reads and validates a checkpoint; throws `CheckpointError` with a clear message if it cannot. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (!startsLikeMagic(bytes.subarray(0, 8))) {
    throw new CheckpointError(
      'This is not a Pre-training Playground checkpoint (wrong file signature).',
    );
  }
  if (bytes.length < PREFIX_BYTES) {
    throw new CheckpointError(
      `${TRUNCATED} its first ${PREFIX_BYTES} bytes (it has ${bytes.length}).`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  const headerBytes = view.getUint32(12, true);
  const stored = view.getUint32(16, true);
  // Version 1 covered only what follows the prefix; later versions cover the prefix too.
  const intact =
    stored === checksumOf(bytes) ||
    (version === 1 && stored === crc32(bytes.subarray(PREFIX_BYTES)));
  const header =
    PREFIX_BYTES + headerBytes <= bytes.length
      ? parseHeader(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes))
      : null;
  const dataBytes = bytes.length - PREFIX_BYTES - headerBytes;
  const floats = header?.tensors.reduce((n, t) => n + elementCount(t.shape), 0) ?? 0;
  if (!intact) {
    // A header that reads and asks for more data than the file has: the file was cut short.
    if (PREFIX_BYTES + headerBytes > bytes.length && headerBytes <= MAX_HEADER_BYTES) {
      throw new CheckpointError(
        `${TRUNCATED} its header ends (${bytes.length} of at least ${PREFIX_BYTES + headerBytes} bytes).`,
      );
    }
    if (header !== null && floats * 4 > dataBytes) {
      throw new CheckpointError(
        `${TRUNCATED} its weights end (${bytes.length} of ${PREFIX_BYTES + headerBytes + floats * 4} bytes).`,
      );
    }
    throw new CheckpointError(
      'This checkpoint is damaged: its checksum does not match (the file was edited or corrupted).',
    );
  }
  if (version > CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `This checkpoint uses format version ${version}, made by a newer version of the app; this version reads up to version ${CHECKPOINT_VERSION}. Update the app to open it.`,
    );
  }
  if (version < 1) {
    throw new CheckpointError(`This checkpoint is damaged: its format version is ${version}.`);
  }
  if (headerBytes % 4 !== 0 || PREFIX_BYTES + headerBytes > bytes.length) {
    throw new CheckpointError('This checkpoint is damaged: its header does not fit in the file.');
  }
  if (header === null) {
    throw new CheckpointError(
      'This checkpoint is damaged: its header is not valid JSON with a list of tensors.',
    );
  }
  if (floats * 4 !== dataBytes) {
    throw new CheckpointError(
      `This checkpoint is damaged: its tensors need ${floats * 4} bytes of data but the file has ${dataBytes}.`,
    );
  }
  const values: Float32Array[] = [];
  let offset = PREFIX_BYTES + headerBytes;
  for (const t of header.tensors) {
    const n = elementCount(t.shape);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) out[i] = view.getFloat32(offset, true);
    values.push(out);
  }
  return { header, values };
}
