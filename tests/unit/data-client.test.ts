import { describe, expect, it } from 'vitest';
import { DEFAULT_CURATION } from '../../src/data/curate';
import { AbortedError, DataClient, isAborted } from '../../src/worker/data-client';
import type { DataCommand, DataEvent, SplitResult } from '../../src/worker/data-protocol';

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

const splitResult: SplitResult = {
  trainText: 'a',
  valText: 'b',
  trainDocuments: 1,
  valDocuments: 1,
  trainCharacters: 1,
  valCharacters: 1,
  mode: 'documents',
};

describe('DataClient', () => {
  it('starts the worker with the first request and runs requests one at a time, in order', async () => {
    const { client, workers } = setUp();
    expect(workers).toHaveLength(0);
    const first = client.split(['x', 'y'], [0, 1], 0.5, 1);
    const second = client.split(['z', 'w'], [0, 1], 0.5, 2);
    expect(workers).toHaveLength(1);
    const worker = workers[0];
    expect(worker?.sent.map((s) => s.command.type)).toEqual(['split']);
    worker?.emit({ type: 'split', requestId: worker.lastId, result: splitResult });
    await expect(first).resolves.toEqual(splitResult);
    expect(worker?.sent).toHaveLength(2);
    worker?.emit({ type: 'error', requestId: worker.lastId, message: 'No documents' });
    await expect(second).rejects.toThrow('No documents');
  });

  it('forwards progress and transfers file bytes', async () => {
    const { client, workers } = setUp();
    const bytes = new ArrayBuffer(4);
    const seen: [number, string][] = [];
    const parsed = client.parse([{ name: 'a.txt', content: bytes }], {
      onProgress: (fraction, stage) => seen.push([fraction, stage]),
    });
    const worker = workers[0];
    expect(worker?.sent[0]?.transfer).toEqual([bytes]);
    worker?.emit({ type: 'progress', requestId: worker.lastId, fraction: 0.5, stage: 'Reading' });
    const result = { documents: ['a'], characters: 1, sources: [] };
    worker?.emit({ type: 'parsed', requestId: worker.lastId, result });
    await expect(parsed).resolves.toEqual(result);
    expect(seen).toEqual([[0.5, 'Reading']]);
  });

  it('rejects an answer of the wrong kind', async () => {
    const { client, workers } = setUp();
    const curated = client.curate(['a'], DEFAULT_CURATION);
    const worker = workers[0];
    worker?.emit({ type: 'split', requestId: worker.lastId, result: splitResult });
    await expect(curated).rejects.toThrow(/answered 'curate' with 'split'/);
  });

  it('cancels a running request by replacing the worker, and a queued one by dropping it', async () => {
    const { client, workers } = setUp();
    const running = new AbortController();
    const queued = new AbortController();
    const first = client.split(['a', 'b'], [0, 1], 0.5, 1, { signal: running.signal });
    const second = client.split(['c', 'd'], [0, 1], 0.5, 1, { signal: queued.signal });
    const third = client.split(['e', 'f'], [0, 1], 0.5, 1);
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(AbortedError);
    running.abort();
    await expect(first).rejects.toSatisfy(isAborted);
    expect(workers[0]?.terminated).toBe(true);
    const fresh = workers[1];
    expect(fresh?.sent.map((s) => s.command.type)).toEqual(['split']);
    // A late answer from the old worker is ignored; the new one answers the third request.
    workers[0]?.emit({ type: 'split', requestId: 1, result: splitResult });
    fresh?.emit({
      type: 'split',
      requestId: fresh.lastId,
      result: { ...splitResult, valText: 'c' },
    });
    await expect(third).resolves.toEqual({ ...splitResult, valText: 'c' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { client, workers } = setUp();
    const controller = new AbortController();
    controller.abort();
    await expect(client.split(['a'], [0], 0.1, 1, { signal: controller.signal })).rejects.toSatisfy(
      isAborted,
    );
    expect(workers).toHaveLength(0);
  });

  it('fails the running request when the worker crashes and goes on with a new worker', async () => {
    const { client, workers } = setUp();
    const first = client.split(['a', 'b'], [0, 1], 0.5, 1);
    const second = client.split(['c', 'd'], [0, 1], 0.5, 1);
    workers[0]?.crash('out of memory');
    await expect(first).rejects.toThrow('The data worker crashed: out of memory.');
    expect(isAborted(await first.catch((e: unknown) => e))).toBe(false);
    const fresh = workers[1];
    fresh?.emit({ type: 'split', requestId: fresh.lastId, result: splitResult });
    await expect(second).resolves.toEqual(splitResult);
  });

  it('cancels everything on dispose', async () => {
    const { client, workers } = setUp();
    const first = client.split(['a', 'b'], [0, 1], 0.5, 1);
    const second = client.split(['c', 'd'], [0, 1], 0.5, 1);
    client.dispose();
    await expect(first).rejects.toSatisfy(isAborted);
    await expect(second).rejects.toSatisfy(isAborted);
    expect(workers[0]?.terminated).toBe(true);
  });
});
