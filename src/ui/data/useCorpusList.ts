/**
 * The list of built-in corpora, fetched once per mount.
 */
import { useEffect, useState } from 'react';
import type { CorpusInfo } from './corpora';
import { fetchCorpusIndex } from './corpora';

/** The corpus list as it loads. */
export type CorpusList =
  | { status: 'loading' }
  | { status: 'loaded'; corpora: CorpusInfo[] }
  | { status: 'failed'; message: string };

/** Fetches `corpora/index.json` under `baseUrl` (the app's `import.meta.env.BASE_URL`). */
export function useCorpusList(baseUrl: string): CorpusList {
  const [list, setList] = useState<CorpusList>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    fetchCorpusIndex(baseUrl).then(
      (corpora) => {
        if (!cancelled) setList({ status: 'loaded', corpora });
      },
      (error: unknown) => {
        if (!cancelled) {
          setList({
            status: 'failed',
            message: `Could not load the list of built-in corpora (${String(error)}). You can still paste or upload text.`,
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [baseUrl]);
  return list;
}
