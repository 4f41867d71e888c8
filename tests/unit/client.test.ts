import { describe, expect, it } from 'vitest';
import { TrainerClient } from '../../src/bridge/trainer-client';
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol';

/** Stands in for the browser's Worker: records commands, lets the test emit events and errors. */
class FakeWorker {
  sent: WorkerCommand[] = [];
  terminated = false;
  onmessage: ((message: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((error: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(command: WorkerCommand): void {
    this.sent.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(event: WorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

function setUp() {
  const workers: FakeWorker[] = [];
  const client = new TrainerClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  const events: WorkerEvent[] = [];
  client.subscribe((e) => events.push(e));
  return { client, workers, events };
}

const request = {
  kind: 'next-token' as const,
  prompt: 'ab',
  topK: 3,
  temperature: 1,
  sampleTopK: 0,
  sampleLength: 4,
  attentionLayer: 0,
  attentionHead: 0,
};

describe('TrainerClient', () => {
  it('pairs each prediction with its answer by requestId', async () => {
    const { client, workers } = setUp();
    const first = client.predict(request);
    const second = client.predict({ ...request, prompt: 'cd' });
    const sent = workers[0]?.sent.filter((c) => c.type === 'predict') ?? [];
    expect(sent.map((c) => (c.type === 'predict' ? c.request : null))).toEqual([
      request,
      { ...request, prompt: 'cd' },
    ]);
    const [a, b] = sent.map((c) => (c.type === 'predict' ? c.requestId : -1));
    const result = {
      kind: 'next-token' as const,
      top: [],
      sample: 'x',
      attention: { layer: 0, head: 0, tokens: [], weights: [] },
    };
    workers[0]?.emit({
      type: 'predictions',
      requestId: b ?? -1,
      runId: 'r',
      step: 7,
      result: { ...result, sample: 'second' },
    });
    workers[0]?.emit({ type: 'error', requestId: a ?? -1, message: 'Type a prompt', fatal: false });
    await expect(first).rejects.toThrow('Type a prompt');
    await expect(second).resolves.toEqual({
      runId: 'r',
      step: 7,
      result: { ...result, sample: 'second' },
    });
  });

  it('reports a crashed worker as fatal, fails what was pending, and restarts without a reload', async () => {
    const { client, workers, events } = setUp();
    const pending = client.predict(request);
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    expect(events).toContainEqual({
      type: 'error',
      message: 'The training worker crashed: out of memory.',
      fatal: true,
    });
    client.restart();
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    client.send({ type: 'init', backend: 'wasm' });
    expect(workers[1]?.sent).toEqual([{ type: 'init', backend: 'wasm' }]);
    // Events from the new worker still reach the old subscribers.
    workers[1]?.emit({
      type: 'ready',
      backend: 'wasm',
      adapter: null,
      fallbacks: [],
      wasmThreads: 1,
      matmul: { size: 512, gflops: 25 },
      candidates: [],
      autoChoice: null,
      autoCached: false,
      cores: 2,
    });
    expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'ready', backend: 'wasm' }));
  });

  it('routes progress events to the request and resolves with its answer', async () => {
    const { client, workers } = setUp();
    const progress: string[] = [];
    const training = {} as never;
    const answer = client.request(
      {
        type: 'compare',
        baseId: 'b',
        taskText: 'x',
        fractions: [1],
        training,
        freeze: { embeddings: false, blocks: 0 },
      },
      'comparison-result',
      (event) => progress.push(event.type),
    );
    const sent = workers[0]?.sent.at(-1);
    const requestId = sent && 'requestId' in sent ? sent.requestId : -1;
    const curve = { kind: 'finetune' as const, fraction: 1, points: [], taskAccuracy: null };
    workers[0]?.emit({ type: 'comparison-progress', requestId, curve });
    workers[0]?.emit({ type: 'comparison-progress', requestId: requestId + 99, curve });
    const result = { curves: [curve], forgetting: [], trainExamples: 1, valExamples: 1 };
    workers[0]?.emit({ type: 'comparison-result', requestId, result });
    await expect(answer).resolves.toEqual({ type: 'comparison-result', requestId, result });
    expect(progress).toEqual(['comparison-progress']);
  });
});
