/**
 * The saved checkpoints, read from IndexedDB, and a way to read them again after a change.
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

/** Lists the checkpoints, again whenever `version` changes or `reload` is called. */
export function useCheckpointList(
  store: PlaygroundStore,
  version = 0,
): {
  list: CheckpointList;
  reload: () => void;
} {
  const [list, setList] = useState<CheckpointList>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let cancelled = false;
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
  return { list, reload };
}
