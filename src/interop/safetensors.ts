/**
 * The safetensors format (Hugging Face), read and written exactly:
 *
 *   bytes 0–7   N, the header length, uint64 little-endian
 *   bytes 8…    the header: UTF-8 JSON, `{"__metadata__": {string: string}, name: {dtype, shape,
 *               data_offsets: [begin, end]}, …}`, padded with spaces (we pad to 8 bytes)
 *   then        the data: each tensor's little-endian values at its offsets, relative to the
 *               start of the data section
 *
 * We write float32 (`F32`) tensors sorted by name with no gaps, as `safetensors.torch.save_file`
 * does, and read F32, F16 and BF16 (converted to float32). Reading never trusts a length or an
 * offset before checking it against the file size, and refuses overlapping or gapped data.
 */

/** A tensor of float32 values, row-major. */
export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A decoded file: its metadata strings and its tensors by name. */
export interface SafetensorsFile {
  metadata: Record<string, string>;
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

/** A file that is not valid safetensors; the message says why, for people. */
export class SafetensorsError extends Error {}

const BYTES_PER_VALUE = { F32: 4, F16: 2, BF16: 2 } as const;
type Dtype = keyof typeof BYTES_PER_VALUE;

/** Headers past this size are refused (the format's own limit is 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Writes tensors (and string metadata) as safetensors bytes. */
export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Record<string, string> = {},
): Uint8Array {
  const sorted = [...tensors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of sorted) {
    if (t.name === '__metadata__') throw new Error('A tensor cannot be called __metadata__.');
    if (header[t.name] !== undefined) throw new Error(`Two tensors are called ${t.name}.`);
    if (elementCount(t.shape) !== t.values.length) throw new Error(`Wrong size for ${t.name}.`);
    const end = offset + t.values.length * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + headerBytes + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerBytes), true);
  bytes.fill(0x20, 8, 8 + headerBytes);
  bytes.set(json, 8);
  let at = 8 + headerBytes;
  for (const t of sorted) {
    for (let i = 0; i < t.values.length; i++, at += 4) view.setFloat32(at, t.values[i] ?? 0, true);
  }
  return bytes;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function decodeValues(view: DataView, begin: number, count: number, dtype: Dtype): Float32Array {
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(begin + 4 * i, true);
  } else if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(begin + 2 * i, true));
  } else {
    const word = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < count; i++) {
      word.setUint32(0, view.getUint16(begin + 2 * i, true) << 16, true);
      out[i] = word.getFloat32(0, true);
    }
  }
  return out;
}

interface Entry {
  name: string;
  dtype: Dtype;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, value: unknown, dataBytes: number): Entry {
  if (typeof value !== 'object' || value === null) {
    throw new SafetensorsError(`its entry for ${name} is not an object.`);
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in BYTES_PER_VALUE)) {
    throw new SafetensorsError(
      `tensor ${name} has type ${String(dtype)}; the playground reads F32, F16 and BF16 only.`,
    );
  }
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0 && (d as number) < 2 ** 31)
  ) {
    throw new SafetensorsError(`tensor ${name} has an invalid shape.`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
  ) {
    throw new SafetensorsError(`tensor ${name} has invalid data offsets.`);
  }
  const [begin, end] = offsets as [number, number];
  const bytes = elementCount(shape as number[]) * BYTES_PER_VALUE[dtype as Dtype];
  if (end > dataBytes || begin > end) {
    throw new SafetensorsError(
      `tensor ${name} lies outside the file (bytes ${begin}–${end} of ${dataBytes}): the file is truncated or its header is wrong.`,
    );
  }
  if (end - begin !== bytes) {
    throw new SafetensorsError(
      `tensor ${name} has shape [${(shape as number[]).join(', ')}] (${bytes} bytes) but its offsets hold ${end - begin} bytes.`,
    );
  }
  return { name, dtype: dtype as Dtype, shape: shape as number[], begin, end };
}

/**
 * Reads and checks safetensors bytes. Throws `SafetensorsError` saying what is wrong: too
 * short, a header that does not fit or is not JSON, unknown types, or offsets that lie.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw new SafetensorsError('the file is too short to be safetensors.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    throw new SafetensorsError(
      `its header claims ${declared} bytes but the file has ${bytes.length - 8} after the length: it is truncated or not safetensors.`,
    );
  }
  const headerBytes = Number(declared);
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerBytes)),
    );
  } catch {
    throw new SafetensorsError(
      'its header is not valid JSON: the file is damaged or not safetensors.',
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('its header is not a JSON object.');
  }
  const dataBytes = bytes.length - 8 - headerBytes;
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null) continue;
      for (const [key, text] of Object.entries(value as Record<string, unknown>))
        if (typeof text === 'string') metadata[key] = text;
      continue;
    }
    entries.push(readEntry(name, value, dataBytes));
  }
  entries.sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const entry of entries) {
    if (entry.begin !== expected) {
      throw new SafetensorsError(
        `tensor ${entry.name} starts at byte ${entry.begin} where ${expected} was expected: the data overlaps or has gaps.`,
      );
    }
    expected = entry.end;
  }
  if (expected !== dataBytes) {
    throw new SafetensorsError(
      `its tensors hold ${expected} bytes but the file has ${dataBytes} bytes of data.`,
    );
  }
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  const dataStart = bytes.byteOffset + 8 + headerBytes;
  const dataView = new DataView(bytes.buffer, dataStart, dataBytes);
  for (const entry of entries) {
    const count = elementCount(entry.shape);
    tensors.set(entry.name, {
      shape: entry.shape,
      values: decodeValues(dataView, entry.begin, count, entry.dtype),
    });
  }
  return { metadata, tensors };
}
