/**
 * The safetensors codec: what it writes is the real format (header length, JSON header,
 * little-endian float32 at the declared offsets), it reads it back exactly, reads F16 and BF16,
 * and refuses truncated files and headers that lie, in words.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  SafetensorsError,
} from '../../src/interop/safetensors';

const tensors = [
  { name: 'b.weight', shape: [2, 3], values: Float32Array.from([1, -2, 3.5, 0, 1e-8, -7]) },
  { name: 'a.bias', shape: [3], values: Float32Array.from([0.25, 0.5, 0.75]) },
];

/** A file with a hand-written header and data section. */
function handMade(header: unknown, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

describe('safetensors', () => {
  it('writes the format: u64 header length, JSON header sorted by name, float32 LE data', () => {
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const view = new DataView(bytes.buffer);
    const headerLength = Number(view.getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header.__metadata__).toEqual({ format: 'pt' });
    expect(header['a.bias']).toEqual({ dtype: 'F32', shape: [3], data_offsets: [0, 12] });
    expect(header['b.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [12, 36] });
    expect(bytes.length).toBe(8 + headerLength + 36);
    expect(view.getFloat32(8 + headerLength + 12 + 8, true)).toBe(3.5);
  });

  it('reads back exactly what it wrote', () => {
    const file = decodeSafetensors(encodeSafetensors(tensors, { step: '12' }));
    expect(file.metadata.step).toBe('12');
    for (const t of tensors) {
      expect(file.tensors.get(t.name)?.shape).toEqual(t.shape);
      expect([...(file.tensors.get(t.name)?.values ?? [])]).toEqual([...t.values]);
    }
  });

  it('reads F16 and BF16 as float32', () => {
    // 1.5 in F16 is 0x3E00; -2 in BF16 is 0xC000.
    const data = Uint8Array.from([0x00, 0x3e, 0x00, 0xc0]);
    const file = decodeSafetensors(
      handMade(
        {
          h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] },
          b: { dtype: 'BF16', shape: [1], data_offsets: [2, 4] },
        },
        data,
      ),
    );
    expect(file.tensors.get('h')?.values[0]).toBe(1.5);
    expect(file.tensors.get('b')?.values[0]).toBe(-2);
  });

  it('refuses damaged files in words', () => {
    const good = encodeSafetensors(tensors);
    const refusal = (bytes: Uint8Array): string => {
      try {
        decodeSafetensors(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(SafetensorsError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(good.subarray(0, 5))).toMatch(/too short/u);
    expect(refusal(good.subarray(0, good.length - 4))).toMatch(/lies outside the file|truncated/u);
    const hugeHeader = good.slice();
    new DataView(hugeHeader.buffer).setBigUint64(0, 1n << 40n, true);
    expect(refusal(hugeHeader)).toMatch(/header claims .* truncated or not safetensors/u);
    const data = new Uint8Array(8);
    expect(
      refusal(handMade({ t: { dtype: 'F32', shape: [2], data_offsets: [0, 800] } }, data)),
    ).toMatch(/lies outside the file/u);
    expect(
      refusal(handMade({ t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, data)),
    ).toMatch(/shape \[3\] \(12 bytes\) but its offsets hold 8/u);
    expect(
      refusal(
        handMade(
          {
            a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
            b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
          },
          data,
        ),
      ),
    ).toMatch(/overlaps or has gaps/u);
    expect(
      refusal(handMade({ t: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, data)),
    ).toMatch(/type I64/u);
    const notJson = good.slice();
    notJson[8] = 0x7b;
    notJson[9] = 0x7b;
    expect(refusal(notJson)).toMatch(/not valid JSON/u);
  });
});
