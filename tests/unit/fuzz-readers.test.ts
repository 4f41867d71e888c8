/**
 * Every reader of a file a learner can hand the page — a checkpoint, a set-up file, a run file,
 * an exported folder (zip) — is fed a thousand or more mutated copies of a real file: random
 * bytes, truncations, bit flips and lengths that lie. Each copy is refused with a message for
 * people (or, when the mutation changed nothing that matters, read); none throws anything
 * but the reader's own error, so none reaches the page as an uncaught TypeError or RangeError
 * (which is also what allocating from a lying length would throw).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runFileOf } from '../../src/app/run-file';
import { readRunFile } from '../../src/app/run-file-read';
import { readSetupFile, setupFileOf } from '../../src/app/setup/file';
import { withSetup } from '../../src/app/setup/setup';
import { readCheckpoint, writeCheckpoint } from '../../src/engine/checkpoint/checkpoint';
import { CheckpointError } from '../../src/engine/checkpoint/format';
import { TrainingSession } from '../../src/engine/session';
import { exportFolder, importFolder } from '../../src/interop/folder';
import { InteropError } from '../../src/interop/gpt2';
import { SafetensorsError } from '../../src/interop/safetensors';
import { unzipFolder, zipFolder } from '../../src/interop/zip';
import { sampleData, tinyModel, tinyTraining, useBackend } from './helpers';
import { seededRandom } from './random';
import { finishedRun } from './run-fixtures';

/** Mutations per reader. */
const MUTATIONS = 1200;

/** The `i`-th mutation of `file`: which kind is said in the returned label. */
function mutate(file: Uint8Array, i: number, next: () => number): [string, Uint8Array] {
  const int = (n: number) => Math.floor(next() * n);
  switch (i % 5) {
    case 0: {
      // Random bytes, half of them behind the file's own first bytes (its signature).
      const bytes = new Uint8Array(int(4096));
      for (let j = 0; j < bytes.length; j++) bytes[j] = int(256);
      if (next() < 0.5) bytes.set(file.subarray(0, Math.min(bytes.length, 16 + int(48))));
      return ['random bytes', bytes];
    }
    case 1:
      return ['truncated', file.slice(0, int(file.length))];
    case 2: {
      const bytes = file.slice();
      for (let flips = 1 + int(8); flips > 0; flips--) {
        const at = int(bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << int(8));
      }
      return ['bit flips', bytes];
    }
    case 3: {
      // A length or offset that lies: a 32-bit field near the start set to a huge or odd value.
      const bytes = file.slice();
      const view = new DataView(bytes.buffer);
      const at = 4 * int(Math.min(16, Math.floor(bytes.length / 4) - 1));
      const values = [0xffffffff, 0x7fffffff, 0, bytes.length, bytes.length + 4, int(2 ** 32)];
      view.setUint32(at, values[int(values.length)] ?? 0, true);
      return ['lying length', bytes];
    }
    default: {
      // Bytes cut out of the middle, or repeated.
      const at = int(file.length);
      const span = 1 + int(256);
      const bytes =
        next() < 0.5
          ? new Uint8Array([...file.subarray(0, at), ...file.subarray(at + span)])
          : new Uint8Array([...file.subarray(0, at + span), ...file.subarray(at)]);
      return ['spliced', bytes];
    }
  }
}

/** Feeds every mutation to `read`; returns how many were refused, by message. */
function fuzz(
  file: Uint8Array,
  seed: number,
  read: (bytes: Uint8Array) => string | null,
): Map<string, number> {
  const next = seededRandom(seed);
  const refusals = new Map<string, number>();
  for (let i = 0; i < MUTATIONS; i++) {
    const [kind, bytes] = mutate(file, i, next);
    let message: string | null;
    try {
      message = read(bytes);
    } catch (error) {
      throw new Error(
        `mutation ${i} (${kind}, ${bytes.length} bytes) threw ${String(error)}: not a refusal`,
        { cause: error },
      );
    }
    const key = message ?? 'read';
    refusals.set(key, (refusals.get(key) ?? 0) + 1);
  }
  return refusals;
}

/** The message of one of the reader's own errors; anything else is thrown on. */
function refusedBy(errors: readonly (new (...args: never[]) => Error)[], run: () => void) {
  try {
    run();
    return null;
  } catch (error) {
    if (errors.some((kind) => error instanceof kind)) return (error as Error).message;
    throw error;
  }
}

const decoder = new TextDecoder();

let checkpoint: Uint8Array;

beforeAll(async () => {
  await useBackend('wasm');
  const { tokenizer, split } = sampleData();
  const session = new TrainingSession(tinyModel(tokenizer.vocabSize), tinyTraining(), split);
  await session.trainSteps(1);
  checkpoint = writeCheckpoint({
    name: 'fuzzed',
    createdAt: '2026-12-07T10:00:00Z',
    state: await session.saveState(),
    tokenizer: { kind: 'char' },
    extra: null,
  });
  session.dispose();
});

describe('fuzzed files are refused truthfully', () => {
  it('checkpoints: not a checkpoint, truncated, damaged or newer — nothing else', () => {
    const refusals = fuzz(checkpoint, 1, (bytes) =>
      refusedBy([CheckpointError], () => readCheckpoint(bytes)),
    );
    const kinds = /not a Pre-training Playground checkpoint|truncated|damaged|newer version/;
    for (const [message, count] of refusals) {
      if (message !== 'read') expect(message, `${count}×`).toMatch(kinds);
    }
    // A flipped bit or a lying length is never mistaken for a newer file.
    expect([...refusals.keys()].some((m) => /newer version/.test(m))).toBe(false);
    expect([...refusals.keys()].some((m) => /truncated/.test(m))).toBe(true);
    expect([...refusals.keys()].some((m) => /checksum/.test(m))).toBe(true);
    expect(refusals.get('read') ?? 0).toBeLessThan(MUTATIONS / 100);
  });

  it('set-up files: refused in words, never thrown', () => {
    const setup = withSetup({ corpus: 'own' });
    const own = { name: 'notes', sources: [{ name: 'a.txt', content: 'Some text. '.repeat(40) }] };
    const file = new TextEncoder().encode(setupFileOf(setup, own));
    const refusals = fuzz(file, 2, (bytes) => {
      const reading = readSetupFile(decoder.decode(bytes), 'setup.json');
      return reading.ok ? null : reading.message;
    });
    for (const message of refusals.keys()) expect(message).toMatch(/setup\.json|read/);
  });

  it('run files: refused in words, never thrown', () => {
    const { record } = finishedRun();
    const file = new TextEncoder().encode(JSON.stringify(runFileOf(record, null)));
    const refusals = fuzz(file, 3, (bytes) => {
      const reading = readRunFile(decoder.decode(bytes), 'ada.json');
      return reading.ok ? null : reading.message;
    });
    for (const message of refusals.keys()) expect(message).toMatch(/ada\.json|read/);
  });

  it('exported folders (zip): refused in words, never thrown', () => {
    const { tokenizer, split } = sampleData();
    const files = exportFolder({
      saved: readCheckpoint(checkpoint),
      tokenizer,
      data: split,
      trainPy: '# train.py\n',
      ui: null,
    });
    const zip = zipFolder(files, 'fuzzed');
    expect(importFolder(unzipFolder(zip), 'fuzzed').saved.state.step).toBe(1);
    const refusals = fuzz(zip, 4, (bytes) =>
      refusedBy([InteropError, SafetensorsError, CheckpointError], () =>
        importFolder(unzipFolder(bytes), 'fuzzed'),
      ),
    );
    expect(refusals.size).toBeGreaterThan(1);
  });
});
