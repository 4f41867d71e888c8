/**
 * The saved checkpoints, read from IndexedDB, and a way to read them again after a change —
 * read again, too, when another tab (or the worker) changes them — and the storage they use.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CheckpointInfo } from '../../storage/checkpoints';
import { errorMessage } from '../../shared/errors';
import type { PlaygroundStore } from '../../app/store';

/** The list as loaded (or why it could not be). */
export type CheckpointList =
  | { status: 'loading' }
  | { status: 'loaded'; items: CheckpointInfo[] }
  | { status: 'failed'; message: string };

/** The site's browser storage: used and allowed bytes, and the autosaves' share. */
export type StorageUse = { usage: number; quota: number; autosaveBytes: number } | null;

/** Lists the checkpoints, again whenever `version` changes or `reload` is called. */
export function useCheckpointList(
  store: PlaygroundStore,
  version = 0,
): {
  list: CheckpointList;
  reload: () => void;
  storage: StorageUse;
} {
  const [list, setList] = useState<CheckpointList>({ status: 'loading' });
  const [storage, setStorage] = useState<StorageUse>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => store.checkpoints.onChange(reload), [store, reload]);
  useEffect(() => {
    let cancelled = false;
    store.checkpoints.storageUse().then(
      (use) => {
        if (!cancelled) setStorage(use);
      },
      () => undefined,
    );
    store.checkpoints.list().then(
      (items) => {
        if (!cancelled) setList({ status: 'loaded', items });
      },
      (error: unknown) => {
        if (!cancelled) setList({ status: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [store, version, tick]);
  return { list, reload, storage };
}
