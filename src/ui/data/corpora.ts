/**
 * The built-in corpora as the data step lists them: `corpora/index.json` (written by
 * scripts/build-corpora.mjs), read defensively, and each corpus's bytes fetched on demand.
 */

/** One built-in corpus. */
export interface CorpusInfo {
  id: string;
  name: string;
  description: string;
  source: string;
  licence: string;
  /** Size of the file. */
  bytes: number;
  /** Documents in it (blank-line separated blocks, or JSONL lines). */
  documents: number;
  format: 'text' | 'jsonl';
  /** Relative to the app's base URL. */
  url: string;
}

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}

function numberField(record: Record<string, unknown>, key: string): number | null {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The valid entries of a parsed index.json (others are skipped); throws if it is not a list. */
export function parseCorpusIndex(data: unknown): CorpusInfo[] {
  if (!Array.isArray(data)) throw new Error('the corpus index is not a list');
  const entries: CorpusInfo[] = [];
  for (const item of data) {
    if (!isRecord(item)) continue;
    const id = stringField(item, 'id');
    const name = stringField(item, 'name');
    const url = stringField(item, 'url');
    const bytes = numberField(item, 'bytes');
    if (id === null || name === null || url === null || bytes === null) continue;
    entries.push({
      id,
      name,
      url,
      bytes,
      description: stringField(item, 'description') ?? '',
      source: stringField(item, 'source') ?? '',
      licence: stringField(item, 'licence') ?? '',
      documents: numberField(item, 'documents') ?? 0,
      format: item.format === 'jsonl' ? 'jsonl' : 'text',
    });
  }
  return entries;
}

/** Fetches and reads the corpus index; `baseUrl` is the app's (`import.meta.env.BASE_URL`). */
export async function fetchCorpusIndex(baseUrl: string): Promise<CorpusInfo[]> {
  const response = await fetch(`${baseUrl}corpora/index.json`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return parseCorpusIndex(await response.json());
}

/** The file name the worker reads a corpus as (its extension gives the format). */
export function corpusFileName(corpus: CorpusInfo): string {
  return `${corpus.id}.${corpus.format === 'jsonl' ? 'jsonl' : 'txt'}`;
}

/** Fetches a corpus's bytes. */
export async function fetchCorpusBytes(
  corpus: CorpusInfo,
  baseUrl: string,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  const response = await fetch(`${baseUrl}${corpus.url}`, signal ? { signal } : {});
  if (!response.ok) throw new Error(`Could not load ${corpus.name} (HTTP ${response.status}).`);
  return response.arrayBuffer();
}
