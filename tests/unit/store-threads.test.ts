import { describe, expect, it } from 'vitest';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides } from '../../src/config/presets';
import type { RunDraft } from '../../src/app/store';
import { PlaygroundStore } from '../../src/app/store';
import type { TrainerClient } from '../../src/worker/client';
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol';

const presetConfig = (id: string) =>
  applyOverrides(PLAYGROUND_DEFAULTS, PRESETS.find((p) => p.id === id)?.overrides ?? {});

/** A stand-in for the worker: records what the store sends and restarts. */
function fakeClient() {
  const log: (WorkerCommand | 'restart')[] = [];
  let listener: (event: WorkerEvent) => void = () => undefined;
  const client = {
    send: (command: WorkerCommand) => log.push(command),
    restart: () => log.push('restart'),
    subscribe: (l: (event: WorkerEvent) => void) => {
      listener = l;
      return () => undefined;
    },
  };
  return { client: client as unknown as TrainerClient, log, emit: (e: WorkerEvent) => listener(e) };
}

const ready = (wasmThreads: number): WorkerEvent => ({
  type: 'ready',
  backend: 'wasm',
  adapter: null,
  fallbacks: [],
  wasmThreads,
  matmul: null,
  candidates: [],
  cores: 2,
});

function draft(id: string): RunDraft {
  return {
    config: presetConfig(id),
    text: 'abc'.repeat(100),
    settingsKey: id,
    corpusName: 'test',
    sizeName: id,
  };
}

describe('WASM threads and workers', () => {
  it('starts the worker once with what the link asks for, and never restarts it for a run', () => {
    const { client, log, emit } = fakeClient();
    const store = new PlaygroundStore(client, 'wasm', 2, 1);
    store.init();
    expect(log).toEqual([{ type: 'init', backend: 'wasm', threads: 2, workers: 1 }]);
    emit(ready(2));
    store.start(draft('medium'));
    expect(log).not.toContain('restart');
    expect(log.at(-1)).toMatchObject({ type: 'configure', config: presetConfig('medium') });
  });

  it("leaves threads and workers to the worker's defaults when the link does not set them", () => {
    const { client, log, emit } = fakeClient();
    const store = new PlaygroundStore(client, 'auto');
    store.init();
    expect(log).toEqual([{ type: 'init', backend: 'auto' }]);
    emit(ready(1));
    store.start(draft('tiny'));
    emit({ type: 'error', message: 'x', fatal: false });
    store.start(draft('medium'));
    expect(log).not.toContain('restart');
    expect(log.filter((c) => c !== 'restart' && c.type === 'configure')).toHaveLength(2);
  });
});
