/**
 * The built-in corpora: their index (`corpora/index.json`) and, lazily, their text.
 */
import { useEffect, useState } from 'react';

/** One entry of `public/corpora/index.json`. */
export interface CorpusEntry {
  id: string;
  name: string;
  description: string;
  source: string;
  licence: string;
  bytes: number;
  /** Relative to the app's base URL. */
  url: string;
}

/** A value being fetched. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

function isCorpusEntry(value: unknown): value is CorpusEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.name === 'string' &&
    typeof entry.url === 'string' &&
    typeof entry.bytes === 'number'
  );
}

function assetUrl(path: string): string {
  return `${import.meta.env.BASE_URL}${path}`;
}

/** Fetches the list of built-in corpora once. */
export function useCorpusIndex(): Loadable<CorpusEntry[]> {
  const [index, setIndex] = useState<Loadable<CorpusEntry[]>>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    fetch(assetUrl('corpora/index.json'))
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data: unknown = await response.json();
        if (!Array.isArray(data)) throw new Error('index.json is not a list');
        return data.filter(isCorpusEntry);
      })
      .then(
        (entries) => {
          if (!cancelled) setIndex({ status: 'loaded', value: entries });
        },
        (error: unknown) => {
          if (!cancelled) {
            setIndex({
              status: 'failed',
              message: `Could not load the list of corpora (${String(error)}).`,
            });
          }
        },
      );
    return () => {
      cancelled = true;
    };
  }, []);
  return index;
}

const textCache = new Map<string, Promise<string>>();

function fetchText(url: string): Promise<string> {
  let promise = textCache.get(url);
  if (promise === undefined) {
    promise = fetch(assetUrl(url)).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    });
    // A failed fetch may be retried later.
    promise.catch(() => textCache.delete(url));
    textCache.set(url, promise);
  }
  return promise;
}

/** Fetches the text of a corpus when it is chosen (null: nothing chosen). Cached per URL. */
export function useCorpusText(entry: CorpusEntry | null): Loadable<string> | null {
  const [loaded, setLoaded] = useState<{ url: string; result: Loadable<string> } | null>(null);
  const url = entry?.url ?? null;
  useEffect(() => {
    if (url === null) return;
    let cancelled = false;
    fetchText(url).then(
      (text) => {
        if (!cancelled) setLoaded({ url, result: { status: 'loaded', value: text } });
      },
      (error: unknown) => {
        if (!cancelled) {
          setLoaded({
            url,
            result: { status: 'failed', message: `Could not load the text (${String(error)}).` },
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [url]);
  if (url === null) return null;
  return loaded !== null && loaded.url === url ? loaded.result : { status: 'loading' };
}
