import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CheckpointStore, StorageError } from '../../src/storage/checkpoints';

const info = (id: string, updatedAt: string) => ({
  id,
  name: `run ${id}`,
  createdAt: updatedAt,
  updatedAt,
  step: 100,
  objective: 'causal',
  parameterCount: 1234,
});

describe('CheckpointStore (IndexedDB)', () => {
  it('saves, lists newest first, loads, renames and deletes', async () => {
    const store = new CheckpointStore('test-crud');
    await store.save(info('a', '2026-01-01T00:00:00Z'), new Uint8Array([1, 2, 3]));
    await store.save(info('b', '2026-02-01T00:00:00Z'), new Uint8Array([4, 5]));
    expect((await store.list()).map((c) => [c.id, c.bytes])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    expect(Array.from(await store.load('a'))).toEqual([1, 2, 3]);
    const renamed = await store.rename('a', '  before fine-tuning ');
    expect(renamed.name).toBe('before fine-tuning');
    expect((await store.list())[0]?.id).toBe('a');
    await store.remove('a');
    expect((await store.list()).map((c) => c.id)).toEqual(['b']);
    await expect(store.load('a')).rejects.toThrow(StorageError);
    await expect(store.rename('b', '   ')).rejects.toThrow(/needs a name/);
    await store.close();
  });

  it('keeps data across connections (a page reload)', async () => {
    const first = new CheckpointStore('test-reload');
    await first.save(info('x', '2026-03-01T00:00:00Z'), new Uint8Array([9]));
    await first.close();
    const second = new CheckpointStore('test-reload');
    expect((await second.list()).map((c) => c.name)).toEqual(['run x']);
    await second.close();
  });
});
