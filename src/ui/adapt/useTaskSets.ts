/**
 * The built-in task sets (`public/tasks/index.json`) and, once one is chosen, its text.
 */
import { useEffect, useState } from 'react';

/** One entry of `public/tasks/index.json`. */
export interface TaskSetEntry {
  id: string;
  name: string;
  description: string;
  licence: string;
  examples: number;
  /** Relative to the app's base URL. */
  url: string;
}

/** A value being fetched. */
export type Fetched<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

function isTaskSetEntry(value: unknown): value is TaskSetEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' && typeof entry.name === 'string' && typeof entry.url === 'string'
  );
}

async function fetchAsset(path: string): Promise<Response> {
  const response = await fetch(`${import.meta.env.BASE_URL}${path}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

/** Fetches `compute()` once per `key`; null key = nothing to fetch. */
function useFetched<T>(key: string | null, load: (key: string) => Promise<T>, what: string) {
  const [state, setState] = useState<{ key: string | null; value: Fetched<T> }>({
    key: null,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    load(key).then(
      (value) => {
        if (!cancelled) setState({ key, value: { status: 'loaded', value } });
      },
      (error: unknown) => {
        if (!cancelled)
          setState({
            key,
            value: { status: 'failed', message: `Could not load ${what} (${String(error)}).` },
          });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, load, what]);
  return key === null ? null : state.key === key ? state.value : { status: 'loading' as const };
}

const loadIndex = async (path: string): Promise<TaskSetEntry[]> => {
  const data: unknown = await (await fetchAsset(path)).json();
  if (!Array.isArray(data)) throw new Error('index.json is not a list');
  return data.filter(isTaskSetEntry);
};

const loadText = async (path: string): Promise<string> => (await fetchAsset(path)).text();

/** The list of built-in task sets. */
export function useTaskSetIndex(): Fetched<TaskSetEntry[]> {
  return (
    useFetched('tasks/index.json', loadIndex, 'the built-in task sets') ?? {
      status: 'loading',
    }
  );
}

/** The text of a built-in task set (null when none is chosen). */
export function useTaskSetText(entry: TaskSetEntry | null): Fetched<string> | null {
  return useFetched(entry?.url ?? null, loadText, 'the task set');
}
