import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint } from '../../src/engine/checkpoint/checkpoint';
import { CHECKPOINT_VERSION, crc32 } from '../../src/engine/checkpoint/format';
import { TrainingSession } from '../../src/engine/session';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';

beforeAll(() => useBackend('wasm'));

async function trainedSession(steps: number): Promise<TrainingSession> {
  const { tokenizer, split } = sampleData();
  // Dropout on and the masked objective: every random stream matters for the next loss.
  const session = new TrainingSession(
    tinyModel(tokenizer.vocabSize, { dropout: 0.1 }),
    tinyTraining({ objective: 'masked', seed: 9 }),
    split,
  );
  await session.trainSteps(steps);
  return session;
}

async function checkpointBytes(session: TrainingSession): Promise<Uint8Array> {
  return writeCheckpoint({
    name: 'my run',
    createdAt: '2026-11-27T10:00:00Z',
    state: await session.saveState(),
    tokenizer: { kind: 'char' },
    extra: { curve: [1, 2, 3] },
  });
}

/** A copy of a checkpoint with another version field and its checksum recomputed. */
function withVersion(
  bytes: Uint8Array,
  version: number,
  checksum: (file: Uint8Array) => number,
): Uint8Array {
  const file = bytes.slice();
  const view = new DataView(file.buffer);
  view.setUint32(8, version, true);
  view.setUint32(16, checksum(file), true);
  return file;
}

describe('checkpoints', () => {
  it('round-trip every weight bit-exactly and resume with the same next losses', async () => {
    const { split } = sampleData();
    const tensorsBefore = tf.memory().numTensors;
    const original = await trainedSession(5);
    const bytes = await checkpointBytes(original);
    const saved = readCheckpoint(bytes);
    expect(saved.name).toBe('my run');
    expect(saved.extra).toEqual({ curve: [1, 2, 3] });
    const restored = TrainingSession.restore(saved.state, split);
    const before = await original.saveState();
    const after = await restored.saveState();
    expect(after.step).toBe(5);
    expect(after.tensors.map((t) => t.name)).toEqual(before.tensors.map((t) => t.name));
    after.tensors.forEach((t, i) => {
      const a = new Uint32Array(t.values.buffer, t.values.byteOffset, t.values.length);
      const b = before.tensors[i]?.values;
      expect(b).toBeDefined();
      expect(Array.from(a)).toEqual(
        Array.from(new Uint32Array(b!.buffer, b!.byteOffset, b!.length)),
      );
    });
    // Continuing both: identical losses, as if the run had never stopped.
    const continued = await original.trainSteps(3);
    const resumed = await restored.trainSteps(3);
    expect(resumed.map((m) => m.loss)).toEqual(continued.map((m) => m.loss));
    expect(resumed[0]?.step).toBe(6);
    original.dispose();
    restored.dispose();
    // Disposing both sessions frees everything they allocated.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('refuses a truncated file and an edited one', async () => {
    const session = await trainedSession(1);
    const bytes = await checkpointBytes(session);
    session.dispose();
    expect(() => readCheckpoint(bytes.subarray(0, bytes.length - 100))).toThrow(
      /truncated: the file ends before its weights end/,
    );
    expect(() => readCheckpoint(bytes.subarray(0, 60))).toThrow(
      /truncated: the file ends before its header ends/,
    );
    expect(() => readCheckpoint(bytes.subarray(0, 12))).toThrow(/truncated.*first 20 bytes/);
    const edited = bytes.slice();
    edited[edited.length - 7] = (edited[edited.length - 7] ?? 0) ^ 0x40;
    expect(() => readCheckpoint(edited)).toThrow(/checksum does not match/);
    const foreign = new TextEncoder().encode('PK\u0003\u0004 this is a zip file, not a checkpoint');
    expect(() => readCheckpoint(foreign)).toThrow(/not a Pre-training Playground checkpoint/);
  });

  it('refuses a file from a newer format version, saying so', async () => {
    const session = await trainedSession(1);
    const bytes = await checkpointBytes(session);
    session.dispose();
    const newer = withVersion(bytes, CHECKPOINT_VERSION + 1, (file) =>
      crc32(file.subarray(8, 16), file.subarray(20)),
    );
    expect(() => readCheckpoint(newer)).toThrow(
      new RegExp(`format version ${CHECKPOINT_VERSION + 1}, made by a newer version of the app`),
    );
    // The same version field written over a file without its checksum: damaged, not newer.
    const garbled = bytes.slice();
    new DataView(garbled.buffer).setUint32(8, 117_901_063, true);
    expect(() => readCheckpoint(garbled)).toThrow(/damaged: its checksum does not match/);
  });

  it('still reads a version-1 file, whose checksum left out the version', async () => {
    const session = await trainedSession(1);
    const bytes = await checkpointBytes(session);
    session.dispose();
    const v1 = withVersion(bytes, 1, (file) => crc32(file.subarray(20)));
    expect(readCheckpoint(v1).name).toBe('my run');
  });

  it('refuses weights whose shapes do not fit the saved config', async () => {
    const { split } = sampleData();
    const session = await trainedSession(1);
    const state = await session.saveState();
    session.dispose();
    const wrong = { ...state, model: { ...state.model, nEmbd: 64, nHead: 2 } };
    expect(() => TrainingSession.restore(wrong, split)).toThrow(/do not fit the saved model shape/);
  });
});
