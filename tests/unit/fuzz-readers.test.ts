/**
 * Every reader of a file a learner can hand the page — a checkpoint, a set-up file, a run file,
 * an exported folder (zip) — is fed a thousand or more mutated copies of a real file: random
 * bytes, truncations, bit flips and lengths that lie. Each copy is refused with a message for
 * people (or, when the mutation changed nothing that matters, read); none throws anything
 * but the reader's own error, so none reaches the page as an uncaught TypeError or RangeError
 * (which is also what allocating from a lying length would throw).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runFileText } from '../../src/app/run-file';
import { readRunFile } from '../../src/app/run-file-read';
import { readSetupFile, setupFileOf } from '../../src/app/setup/file';
import { withSetup } from '../../src/app/setup/setup';
import { readCheckpoint, writeCheckpoint } from '../../src/engine/checkpoint/checkpoint';
import { CheckpointError } from '../../src/engine/checkpoint/format';
import { TrainingSession } from '../../src/engine/session';
import { CHECKSUMS_FILE, exportFolder, importFolder } from '../../src/interop/folder';
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

/** Refusals counted by kind (the first pattern a message matches), printed with FUZZ_REPORT=1. */
function report(name: string, refusals: Map<string, number>, kinds: Record<string, RegExp>): void {
  const totals: Record<string, number> = {};
  for (const [message, count] of refusals) {
    const kind = Object.entries(kinds).find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
    totals[kind] = (totals[kind] ?? 0) + count;
  }
  if (process.env.FUZZ_REPORT) console.log(`${name}: ${JSON.stringify(totals)}`);
}

/** What the JSON files' refusals say, by kind. */
const JSON_KINDS = {
  read: /^read$/,
  'read without its checksum': /^read (unsealed|altered)$/,
  truncated: /truncated/,
  'not JSON': /not valid JSON/,
  'not this kind of file': /is not a (set-up|run) file exported|is a set-up file, not a run/,
  'newer version': /newer version/,
  'damaged (checksum)': /edited or damaged/,
  'other check': /cannot be opened|has no set-up/,
};

/**
 * A JSON file that reads differently from the original: `read unsealed` when the mutation took
 * its checksum away (such a file is read as one whose checksum line was deleted on purpose,
 * every value checked), else `read altered` — which must never happen.
 */
function alteredOrUnsealed(bytes: Uint8Array): string {
  return /"checksum":\s*"crc32:[0-9a-f]{8}"/.test(decoder.decode(bytes))
    ? 'read altered'
    : 'read unsealed';
}

/** Every JSON refusal is one of the known kinds; a changed file is caught by its checksum. */
function expectJsonRefusals(refusals: Map<string, number>): void {
  const known = Object.values(JSON_KINDS);
  for (const message of refusals.keys()) {
    expect(
      known.some((pattern) => pattern.test(message)),
      message,
    ).toBe(true);
  }
  const matching = (pattern: RegExp) =>
    [...refusals].filter(([m]) => pattern.test(m)).reduce((sum, [, n]) => sum + n, 0);
  expect(matching(/truncated/)).toBeGreaterThan(0);
  expect(matching(/edited or damaged/)).toBeGreaterThan(0);
  // A flipped digit in the version field is damage, never a newer file.
  expect(matching(/newer version/)).toBe(0);
  // A mutation that reads gives the file as written (e.g. a space turned into a tab).
  expect(refusals.get('read altered') ?? 0).toBe(0);
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

/** The fixture checkpoint exported as a folder. */
function exportedFolder(): ReturnType<typeof exportFolder> {
  const { tokenizer, split } = sampleData();
  return exportFolder({
    saved: readCheckpoint(checkpoint),
    tokenizer,
    data: split,
    trainPy: '# train.py\n',
    ui: null,
  });
}

describe('fuzzed files are refused truthfully', () => {
  it('checkpoints: not a checkpoint, truncated, damaged or newer — nothing else', () => {
    const refusals = fuzz(checkpoint, 1, (bytes) =>
      refusedBy([CheckpointError], () => readCheckpoint(bytes)),
    );
    const kinds = /not a Pre-training Playground checkpoint|truncated|damaged|newer version/;
    for (const [message, count] of refusals) {
      if (message !== 'read') expect(message, `${count}×`).toMatch(kinds);
    }
    report('checkpoints', refusals, {
      read: /^read$/,
      'not a checkpoint': /not a Pre-training Playground checkpoint/,
      truncated: /truncated/,
      'damaged (checksum)': /damaged/,
      'newer version': /newer version/,
    });
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
    const original = JSON.stringify(readSetupFile(decoder.decode(file), 'setup.json'));
    const refusals = fuzz(file, 2, (bytes) => {
      const reading = readSetupFile(decoder.decode(bytes), 'setup.json');
      if (!reading.ok) return reading.message;
      return JSON.stringify(reading) === original ? null : alteredOrUnsealed(bytes);
    });
    for (const message of refusals.keys()) expect(message).toMatch(/setup\.json|read/);
    report('set-up files', refusals, JSON_KINDS);
    expectJsonRefusals(refusals);
  });

  it('run files: refused in words, never thrown', () => {
    const { record } = finishedRun();
    const file = new TextEncoder().encode(runFileText(record, null));
    const original = JSON.stringify(readRunFile(decoder.decode(file), 'ada.json'));
    const refusals = fuzz(file, 3, (bytes) => {
      const reading = readRunFile(decoder.decode(bytes), 'ada.json');
      if (!reading.ok) return reading.message;
      return JSON.stringify(reading) === original ? null : alteredOrUnsealed(bytes);
    });
    for (const message of refusals.keys()) expect(message).toMatch(/ada\.json|read/);
    report('run files', refusals, JSON_KINDS);
    expectJsonRefusals(refusals);
  });

  it('exported folders (zip): refused in words, never thrown', () => {
    const files = exportedFolder();
    const zip = zipFolder(files, 'fuzzed');
    const contents = (imported: ReturnType<typeof importFolder>): string =>
      JSON.stringify({
        ...imported,
        saved: { ...imported.saved, createdAt: '' },
        tensors: imported.saved.state.tensors.map((t) => Array.from(t.values)),
        data: [Array.from(imported.data.train), Array.from(imported.data.val)],
      });
    const original = contents(importFolder(unzipFolder(zip), 'fuzzed'));
    const refusals = fuzz(zip, 4, (bytes) => {
      let imported: ReturnType<typeof importFolder> | null = null;
      const message = refusedBy([InteropError, SafetensorsError, CheckpointError], () => {
        imported = importFolder(unzipFolder(bytes), 'fuzzed');
      });
      if (message !== null || imported === null) return message;
      return contents(imported) === original ? null : 'read altered';
    });
    expect(refusals.size).toBeGreaterThan(1);
    // What imports is the folder as exported: its checksums catch every change to its files
    // (mutations of the zip's own headers that change nothing import).
    expect(refusals.get('read altered') ?? 0).toBe(0);
    report('exported folders', refusals, {
      read: /^read( altered)?$/,
      'damaged (checksum)': /does not match its checksum/,
      'not a zip / truncated': /zip|archive|truncated|end of/i,
      other: /./,
    });
  });

  it('exported folders: a file changed after export is named; without the checksums it imports', () => {
    const files = exportedFolder();
    const listed = JSON.parse(decoder.decode(files.get(CHECKSUMS_FILE))) as {
      files: Record<string, string>;
    };
    expect(Object.keys(listed.files).sort()).toEqual(
      [...files.keys()].filter((path) => path !== CHECKSUMS_FILE).sort(),
    );
    const changed = new Map(files);
    const config = decoder
      .decode(files.get('config.json'))
      .replace(/"n_layer":\s*2/, '"n_layer": 3');
    expect(config).toContain('"n_layer": 3');
    changed.set('config.json', new TextEncoder().encode(config));
    expect(() => importFolder(changed, 'edited')).toThrow(
      /config\.json is damaged or was changed after export.*delete playground-checksums\.json/,
    );
    // Deleting the checksums file imports it, and the value is then checked as always.
    changed.delete(CHECKSUMS_FILE);
    expect(() => importFolder(changed, 'edited')).toThrow(InteropError);
    const unsealed = new Map(files);
    unsealed.delete(CHECKSUMS_FILE);
    expect(importFolder(unsealed, 'unsealed').saved.state.step).toBe(1);
  });
});
