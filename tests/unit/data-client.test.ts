import { describe, expect, it } from 'vitest';
import { DEFAULT_CURATION } from '../../src/data/curate';
import { AbortedError, DataClient, isAborted } from '../../src/bridge/data-client';
import type { CurationSummary, DataCommand, DataEvent } from '../../src/worker/data/protocol';

/** Stands in for the browser's Worker: records commands, lets the test answer or crash it. */
class FakeWorker {
  sent: { command: DataCommand; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((message: MessageEvent<DataEvent>) => void) | null = null;
  onerror: ((error: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(command: DataCommand, transfer: Transferable[] = []): void {
    this.sent.push({ command, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(event: DataEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<DataEvent>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
  /** The id of the last command sent. */
  get lastId(): number {
    return this.sent.at(-1)?.command.requestId ?? -1;
  }
}

function setUp() {
  const workers: FakeWorker[] = [];
  const client = new DataClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { client, workers };
}

const curated: CurationSummary = {
  before: { documents: 2, characters: 2 },
  after: { documents: 2, characters: 2 },
  rules: [],
  emptyAfterCleaning: 0,
  exactDuplicates: 0,
  nearDuplicates: 0,
  clusterCount: 0,
  clusters: [],
  milliseconds: 1,
  split: null,
};

describe('DataClient', () => {
  it('starts the worker with the first request and runs requests one at a time, in order', async () => {
    const { client, workers } = setUp();
    expect(workers).toHaveLength(0);
    const first = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    const second = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    expect(workers).toHaveLength(1);
    const worker = workers[0];
    expect(worker?.sent.map((s) => s.command.type)).toEqual(['curate']);
    worker?.emit({ type: 'curated', requestId: worker.lastId, result: curated });
    await expect(first).resolves.toEqual(curated);
    expect(worker?.sent).toHaveLength(2);
    worker?.emit({ type: 'error', requestId: worker.lastId, message: 'No documents' });
    await expect(second).rejects.toThrow('No documents');
  });

  it('forwards progress', async () => {
    const { client, workers } = setUp();
    const bytes = new ArrayBuffer(4);
    const seen: [number, string][] = [];
    const origin = { kind: 'sources' as const, sources: [{ name: 'a.txt', content: bytes }] };
    const parsed = client.load('own:1', origin, {
      onProgress: (fraction, stage) => seen.push([fraction, stage]),
    });
    const worker = workers[0];
    expect(worker?.sent[0]?.command).toMatchObject({ type: 'load', key: 'own:1' });
    worker?.emit({ type: 'progress', requestId: worker.lastId, fraction: 0.5, stage: 'Reading' });
    const result = { documents: 1, characters: 1, sources: [], preview: ['a'] };
    worker?.emit({ type: 'loaded', requestId: worker.lastId, result });
    await expect(parsed).resolves.toEqual(result);
    expect(seen).toEqual([[0.5, 'Reading']]);
  });

  it('rejects an answer of the wrong kind', async () => {
    const { client, workers } = setUp();
    const answer = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    const worker = workers[0];
    const result = { documents: 1, characters: 1, sources: [], preview: [] };
    worker?.emit({ type: 'loaded', requestId: worker.lastId, result });
    await expect(answer).rejects.toThrow(/answered 'curate' with 'loaded'/);
  });

  it('cancels a running request by replacing the worker, and a queued one by dropping it', async () => {
    const { client, workers } = setUp();
    const running = new AbortController();
    const queued = new AbortController();
    const first = client.curate('c', 'd', DEFAULT_CURATION, 0.1, { signal: running.signal });
    const second = client.curate('c', 'd', DEFAULT_CURATION, 0.1, { signal: queued.signal });
    const third = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(AbortedError);
    running.abort();
    await expect(first).rejects.toSatisfy(isAborted);
    expect(workers[0]?.terminated).toBe(true);
    const fresh = workers[1];
    expect(fresh?.sent.map((s) => s.command.type)).toEqual(['curate']);
    // A late answer from the old worker is ignored; the new one answers the third request.
    workers[0]?.emit({ type: 'curated', requestId: 1, result: curated });
    fresh?.emit({
      type: 'curated',
      requestId: fresh.lastId,
      result: { ...curated, milliseconds: 2 },
    });
    await expect(third).resolves.toEqual({ ...curated, milliseconds: 2 });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { client, workers } = setUp();
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.curate('c', 'd', DEFAULT_CURATION, 0.1, { signal: controller.signal }),
    ).rejects.toSatisfy(isAborted);
    expect(workers).toHaveLength(0);
  });

  it('fails the running request when the worker crashes and goes on with a new worker', async () => {
    const { client, workers } = setUp();
    const first = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    const second = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    workers[0]?.crash('out of memory');
    await expect(first).rejects.toThrow('The data worker crashed: out of memory.');
    expect(isAborted(await first.catch((e: unknown) => e))).toBe(false);
    const fresh = workers[1];
    fresh?.emit({ type: 'curated', requestId: fresh.lastId, result: curated });
    await expect(second).resolves.toEqual(curated);
  });

  it('cancels everything on dispose', async () => {
    const { client, workers } = setUp();
    const first = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    const second = client.curate('c', 'd', DEFAULT_CURATION, 0.1);
    client.dispose();
    await expect(first).rejects.toSatisfy(isAborted);
    await expect(second).rejects.toSatisfy(isAborted);
    expect(workers[0]?.terminated).toBe(true);
  });

  it('replays the request that made a result a new worker lacks, then retries', async () => {
    const { client, workers } = setUp();
    const origin = { kind: 'url', url: 'http://x/names.txt', fileName: 'names.txt' } as const;
    const loaded = client.load('corpus:names', origin);
    const worker = workers[0];
    const summary = { documents: 2, characters: 2, sources: [], preview: [] };
    worker?.emit({ type: 'loaded', requestId: worker.lastId, result: summary });
    await loaded;
    const answer = client.curate('c', 'corpus:names', DEFAULT_CURATION, 0.1);
    await Promise.resolve();
    worker?.emit({
      type: 'error',
      requestId: worker.lastId,
      message: 'gone',
      missing: 'corpus:names',
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(worker?.sent.map((s) => s.command.type)).toEqual(['load', 'curate', 'load']);
    worker?.emit({ type: 'loaded', requestId: worker.lastId, result: summary });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(worker?.sent.at(-1)?.command).toMatchObject({
      type: 'curate',
      datasetKey: 'corpus:names',
    });
    worker?.emit({ type: 'curated', requestId: worker.lastId, result: curated });
    await expect(answer).resolves.toEqual(curated);
  });
});
