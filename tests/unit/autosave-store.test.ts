import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusBytes, readCorpusBytes } from '../../src/engine/checkpoint/corpus';
import type { Tokenizer } from '../../src/tokenizer/tokenizer';
import { Autosaver, NO_AUTOSAVE, type AutosaveState } from '../../src/app/autosave';
import type { Bridge } from '../../src/bridge/bridge';
import type { RunRecord } from '../../src/app/runs';
import {
  AUTOSAVES_KEPT,
  autosaveCorpusId,
  CheckpointStore,
  StorageError,
  onStorageChange,
  type AutosaveInfo,
} from '../../src/storage/checkpoints';

const autosave = (runId: string, step: number, updatedAt: string) => ({
  runId,
  runLabel: `Run ${runId}`,
  runStatus: 'training' as const,
  maxIters: 2000,
  name: `Run ${runId}, step ${step} (autosave)`,
  createdAt: updatedAt,
  updatedAt,
  step,
  objective: 'causal',
  parameterCount: 1234,
});

/** Makes every `put` fail as a full disk does. */
function fillTheDisk(): () => void {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return () => {
    IDBObjectStore.prototype.put = put;
  };
}

describe('autosaves in IndexedDB', () => {
  it('keeps one per run, the newest few, and deletes the files of the pruned ones', async () => {
    const store = new CheckpointStore('test-autosave-prune');
    const corpus = new Uint8Array([5, 5, 5, 5]);
    await store.saveAutosave(
      autosave('a', 10, '2026-01-01T00:00:00Z'),
      new Uint8Array([1]),
      corpus,
    );
    await store.saveAutosave(autosave('a', 20, '2026-01-01T00:01:00Z'), new Uint8Array([2, 2]));
    // The run's token ids, written with its first autosave, stay beside the later ones.
    expect((await store.listAutosaves()).map((a) => [a.runId, a.step, a.bytes])).toEqual([
      ['a', 20, 6],
    ]);
    expect(Array.from(await store.load(autosaveCorpusId('autosave-a')))).toEqual([5, 5, 5, 5]);
    for (const [i, run] of ['b', 'c', 'd'].entries()) {
      await store.saveAutosave(autosave(run, 5, `2026-01-02T00:0${i}:00Z`), new Uint8Array([i]));
    }
    const kept = await store.listAutosaves();
    expect(kept.map((a) => a.runId)).toEqual(['d', 'c', 'b']);
    expect(kept).toHaveLength(AUTOSAVES_KEPT);
    await expect(store.load('autosave-a')).rejects.toThrow(StorageError);
    await expect(store.load(autosaveCorpusId('autosave-a'))).rejects.toThrow(StorageError);
    expect(Array.from(await store.load('autosave-d'))).toEqual([2]);
    expect((await store.info('autosave-c'))?.step).toBe(5);
    // Autosaves are not checkpoints: the checkpoint list stays empty.
    expect(await store.list()).toEqual([]);
    await store.removeAutosave('autosave-d');
    expect((await store.listAutosaves()).map((a) => a.runId)).toEqual(['c', 'b']);
    await store.close();
  });

  it('says in words when storage is full, and loses nothing already saved', async () => {
    const store = new CheckpointStore('test-autosave-quota');
    await store.saveAutosave(autosave('a', 10, '2026-01-01T00:00:00Z'), new Uint8Array([7, 7]));
    const restore = fillTheDisk();
    let failure: unknown;
    try {
      await store.saveAutosave(autosave('a', 20, '2026-01-01T00:01:00Z'), new Uint8Array([8]));
    } catch (error) {
      failure = error;
    } finally {
      restore();
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).quota).toBe(true);
    expect((failure as Error).message).toMatch(/storage is full.*Nothing already saved was lost/);
    const [kept] = await store.listAutosaves();
    expect(kept?.step).toBe(10);
    expect(Array.from(await store.load('autosave-a'))).toEqual([7, 7]);
    await store.close();
  });

  it('two connections (two tabs) writing at once: both kept, and the other hears of it', async () => {
    const tabA = new CheckpointStore('test-two-tabs');
    const tabB = new CheckpointStore('test-two-tabs');
    const heard = vi.fn();
    const stop = onStorageChange(heard);
    const info = (id: string) => ({
      id,
      name: `from ${id}`,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      step: 3,
      objective: 'causal',
      parameterCount: 1,
    });
    await Promise.all([
      tabA.save(info('A'), new Uint8Array(1000).fill(1)),
      tabB.save(info('B'), new Uint8Array(2000).fill(2)),
    ]);
    expect((await tabA.list()).map((c) => c.id).sort()).toEqual(['A', 'B']);
    expect((await tabB.load('A')).length).toBe(1000);
    expect((await tabA.load('B')).every((b) => b === 2)).toBe(true);
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    expect(heard).toHaveBeenCalledWith({ kind: 'checkpoints' });
    stop();
    await tabA.close();
    await tabB.close();
  });
});

describe('an autosave’s token ids, stored once beside it', () => {
  it('read back exactly; damaged ones are refused', () => {
    const tokenizer = { vocabSize: 10 } as Tokenizer;
    const data = { train: Int32Array.from([1, 2, 3, 9]), val: Int32Array.from([4, 0]) };
    const bytes = corpusBytes(data);
    const back = readCorpusBytes(bytes, tokenizer);
    expect(back && [Array.from(back.train), Array.from(back.val)]).toEqual([
      [1, 2, 3, 9],
      [4, 0],
    ]);
    expect(readCorpusBytes(bytes.subarray(0, 7), tokenizer)).toBeNull();
    const lying = bytes.slice();
    new DataView(lying.buffer).setUint32(0, 99, true);
    expect(readCorpusBytes(lying, tokenizer)).toBeNull();
    expect(readCorpusBytes(bytes, { vocabSize: 5 } as Tokenizer)).toBeNull();
  });
});

describe('the page’s autosave schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(answer: () => Promise<unknown>) {
    let state: AutosaveState = NO_AUTOSAVE;
    const run = { runId: 'run-1', label: 'Run 1', step: 40, status: 'training' } as RunRecord;
    const calls: unknown[] = [];
    const bridge = {
      autosave: (details: unknown) => {
        calls.push(details);
        return answer();
      },
      listAutosaves: () => Promise.resolve([]),
      removeAutosave: () => Promise.resolve(),
    } as unknown as Bridge;
    const saver = new Autosaver(
      bridge,
      {
        activeRun: () => run,
        details: () => ({ label: run.label }),
        state: () => state,
        update: (patch) => {
          state = { ...state, ...patch };
        },
      },
      30_000,
    );
    return { saver, run, calls, state: () => state };
  }

  const saved = (step: number) =>
    Promise.resolve({
      info: { id: 'autosave-run-1', runId: 'run-1', step } as AutosaveInfo,
      timing: { readMs: 1, encodeMs: 2, storeMs: 3 },
    });

  it('saves every 30 s while training and at Pause, never the same step twice', async () => {
    vi.useFakeTimers();
    const { saver, run, calls, state } = setUp(() => saved(run.step));
    saver.onEvent({ type: 'run-state', runId: 'run-1', status: 'training', step: 0 });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(state().last?.step).toBe(40);
    await vi.advanceTimersByTimeAsync(30_000); // same step: nothing new to save
    expect(calls).toHaveLength(1);
    run.step = 90;
    run.status = 'paused';
    saver.onEvent({ type: 'run-state', runId: 'run-1', status: 'paused', step: 90 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(state().last?.step).toBe(90);
    await vi.advanceTimersByTimeAsync(60_000); // paused: the timer stopped
    expect(calls).toHaveLength(2);
  });

  it('a full disk is said in words and the run trains on', async () => {
    vi.useFakeTimers();
    const full = new StorageError('Browser storage is full: delete old checkpoints.', true);
    const { saver, calls, state } = setUp(() => Promise.reject(full));
    saver.onEvent({ type: 'run-state', runId: 'run-1', status: 'training', step: 0 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(state().error).toMatch(/^Autosave failed: Browser storage is full.*Training continues/);
    await vi.advanceTimersByTimeAsync(30_000); // it keeps trying
    expect(calls).toHaveLength(2);
    saver.stop();
  });
});
