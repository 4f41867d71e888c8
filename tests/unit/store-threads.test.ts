import { describe, expect, it } from 'vitest';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides } from '../../src/config/presets';
import { wasmThreadsFor } from '../../src/config/query';
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

describe('WASM threads per run', () => {
  it('one thread for small models, one per core (at most 4) for the nanoGPT recipe', () => {
    expect(wasmThreadsFor(presetConfig('tiny'), 8)).toBe(1);
    expect(wasmThreadsFor(presetConfig('small'), 8)).toBe(1);
    expect(wasmThreadsFor(presetConfig('medium'), 2)).toBe(2);
    expect(wasmThreadsFor(presetConfig('medium'), 16)).toBe(4);
  });

  it('restarts the worker with more threads before configuring a large WASM run, not a small one', () => {
    const { client, log, emit } = fakeClient();
    const store = new PlaygroundStore(client, 'auto', null, 2);
    store.init();
    expect(log).toEqual([{ type: 'init', backend: 'auto', threads: 1 }]);
    emit(ready(1));
    store.start(draft('tiny'));
    expect(log.at(-1)).toMatchObject({ type: 'configure' });
    expect(log).not.toContain('restart');

    log.length = 0;
    emit({ type: 'error', message: 'x', fatal: false });
    store.start(draft('medium'));
    expect(log.slice(0, 2)).toEqual(['restart', { type: 'init', backend: 'auto', threads: 2 }]);
    expect(log.some((c) => c !== 'restart' && c.type === 'configure')).toBe(false);
    emit(ready(2));
    expect(log.at(-1)).toMatchObject({ type: 'configure', config: presetConfig('medium') });
  });

  it('keeps the worker when the link fixes the threads', () => {
    const { client, log, emit } = fakeClient();
    const store = new PlaygroundStore(client, 'wasm', 1, 2);
    store.init();
    emit(ready(1));
    store.start(draft('medium'));
    expect(log).not.toContain('restart');
    expect(log.at(-1)).toMatchObject({ type: 'configure' });
  });
});
