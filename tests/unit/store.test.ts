/**
 * The app store with the real data pipeline (the data worker's code, run in-process) and a
 * recorded training worker: what Start sends, that the trainer receives exactly the tokenizer's
 * encoding of the curated documents, and that a change upstream is said in words and trained on.
 */
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../src/bridge/bridge';
import type { PlaygroundStore as Store } from '../../src/app/store';
import { PlaygroundStore } from '../../src/app/store';
import { curate, DEFAULT_CURATION, splitOnBlankLines, VAL_FRACTION } from '../../src/data/curate';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides } from '../../src/config/presets';
import { deserializeTokenizer } from '../../src/tokenizer/serialize';
import { DataPipeline } from '../../src/worker/data/pipeline';
import { splitForTraining } from '../../src/worker/data/split';
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol';
import { randomText } from './corpus-fixtures';
import { createRng } from '../../src/shared/rng';

const presetConfig = (id: string) =>
  applyOverrides(PLAYGROUND_DEFAULTS, PRESETS.find((p) => p.id === id)?.overrides ?? {});

/** A bridge whose data side is the data worker's pipeline and whose trainer records commands. */
function fakeBridge() {
  const log: (WorkerCommand | 'restart')[] = [];
  let listener: (event: WorkerEvent) => void = () => undefined;
  const data = new DataPipeline();
  const bridge = {
    send: (command: WorkerCommand) => log.push(command),
    restartTrainer: () => log.push('restart'),
    onEvent: (l: (event: WorkerEvent) => void) => {
      listener = l;
      return () => undefined;
    },
    loadDataset: (key: string, origin: Parameters<DataPipeline['load']>[1]) =>
      data.load(key, origin),
    curate: (key: string, datasetKey: string, options: typeof DEFAULT_CURATION, f: number) =>
      Promise.resolve(data.curate(key, datasetKey, options, f)),
    tokenize: (key: string, curatedKey: string, kind: 'char' | 'byte' | 'bpe', size: number) =>
      Promise.resolve(data.tokenize(key, curatedKey, kind, size)),
    tokens: (key: string) => Promise.resolve(data.preparedTokens(key)),
  };
  return { bridge: bridge as unknown as Bridge, log, emit: (e: WorkerEvent) => listener(e) };
}

const ready: Extract<WorkerEvent, { type: 'ready' }> = {
  type: 'ready',
  backend: 'wasm',
  adapter: null,
  fallbacks: [],
  wasmThreads: 2,
  matmul: null,
  candidates: [],
  autoChoice: null,
  autoCached: false,
  cores: 2,
};

/** Waits until `condition` holds (the pipeline debounces its stages). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
}

const configures = (log: (WorkerCommand | 'restart')[]) =>
  log.filter(
    (c): c is Extract<WorkerCommand, { type: 'configure' }> =>
      c !== 'restart' && c.type === 'configure',
  );

function documentsText(seed: number): string {
  return Array.from({ length: 30 }, (_, i) => randomText(createRng(seed * 100 + i), 60)).join(
    '\n\n',
  );
}

async function prepared(store: Store): Promise<void> {
  await until(() => {
    const p = store.pipeline.getSnapshot();
    return p.preparedKey !== null && p.preparedKey === p.wanted?.tokensKey;
  });
}

describe('PlaygroundStore', () => {
  it('starts the worker once with what the link asks for', () => {
    const { bridge, log } = fakeBridge();
    const store = new PlaygroundStore(bridge, {
      setup: { backend: 'wasm', config: presetConfig('tiny') },
      threads: 2,
      workers: 1,
    });
    store.init();
    expect(log).toEqual([{ type: 'init', backend: 'wasm', threads: 2, workers: 1 }]);
  });

  it('trains on exactly the tokenizer’s encoding of the curated documents, sent as ids', async () => {
    const { bridge, log, emit } = fakeBridge();
    const store = new PlaygroundStore(bridge, {
      setup: { backend: 'wasm', config: presetConfig('tiny') },
    });
    store.init();
    emit(ready);
    const text = documentsText(1);
    await store.pipeline.paste(text);
    store.pipeline.setTokenizer({ kind: 'bpe', vocabSize: 300 });
    await prepared(store);
    expect(store.blockers()).toEqual([]);
    store.start();
    await until(() => configures(log).length === 1);
    const [command] = configures(log);
    if (command === undefined) throw new Error('no configure');
    expect(command.then).toBe('start');
    expect('text' in command).toBe(false);
    // The same curation, split and tokenizer, computed here independently.
    const report = curate(splitOnBlankLines(text), DEFAULT_CURATION);
    const split = splitForTraining(
      report.documents,
      report.groups,
      VAL_FRACTION,
      DEFAULT_CURATION.seed,
    );
    const tokenizer = deserializeTokenizer(command.data.tokenizer);
    expect(tokenizer.kind).toBe('bpe');
    expect(Array.from(command.data.train)).toEqual(Array.from(tokenizer.encode(split.trainText)));
    expect(Array.from(command.data.val)).toEqual(Array.from(tokenizer.encode(split.valText)));
    // The Tokenize step shows the same counts the trainer receives.
    const shown = store.pipeline.getSnapshot().tokens.latest;
    expect(shown?.trainTokens).toBe(command.data.train.length);
    expect(shown?.vocabSize).toBe(tokenizer.vocabSize);
  });

  it('says what changed upstream and builds the next run on the new data', async () => {
    const { bridge, log, emit } = fakeBridge();
    const store = new PlaygroundStore(bridge, {
      setup: { backend: 'wasm', config: presetConfig('tiny') },
    });
    store.init();
    emit(ready);
    await store.pipeline.paste(documentsText(2));
    await prepared(store);
    store.start();
    await until(() => configures(log).length === 1);
    const first = configures(log)[0];
    if (first === undefined) throw new Error('no configure');
    emit({ type: 'configured', run: { ...summary, runId: first.runId } });
    emit({ type: 'run-state', runId: first.runId, status: 'paused', step: 5 });
    expect(store.staleReasons()).toEqual([]);
    expect(store.canContinue()).toBe(true);

    store.pipeline.setTokenizer({ kind: 'byte', vocabSize: 300 });
    expect(store.staleReasons()).toEqual(['tokenizer changed']);
    expect(store.canContinue()).toBe(false);
    await store.pipeline.paste(documentsText(3));
    expect(store.staleReasons()).toEqual(['corpus changed']);
    await prepared(store);
    store.start();
    await until(() => configures(log).length === 2);
    const second = configures(log)[1];
    expect(second?.data.train).not.toEqual(first.data.train);
    expect(deserializeTokenizer(second?.data.tokenizer).kind).toBe('byte');
  });

  it('after a lost GPU, Restart starts a WASM worker and continues the run from its autosave', async () => {
    const { bridge, log, emit } = fakeBridge();
    const steps = Array.from({ length: 40 }, (_, i) => ({
      step: i + 1,
      tokensSeen: (i + 1) * 768,
      loss: 4 - i / 20,
      gradNorm: 1,
      learningRate: 1e-3,
    }));
    const info = {
      id: 'autosave-run-a',
      name: 'Run 1, step 40 (autosave)',
      createdAt: '2026-12-07T12:00:00.000Z',
      updatedAt: '2026-12-07T12:00:00.000Z',
      step: 40,
      objective: 'causal',
      parameterCount: 1,
      bytes: 1,
      runId: 'run-a',
      runLabel: 'Run 1',
      runStatus: 'paused' as const,
      maxIters: 2000,
      corpusBytes: 1,
    };
    const resumed: string[] = [];
    Object.assign(bridge, {
      listAutosaves: () => Promise.resolve([]),
      autosave: () => Promise.resolve({ info, timing: { readMs: 1, encodeMs: 1, storeMs: 1 } }),
      resumeCheckpoint: (id: string, runId: string) => {
        resumed.push(id);
        return Promise.resolve({ runId, info, extra: { label: 'Run 1', steps } });
      },
    });
    const store = new PlaygroundStore(bridge, {
      setup: { backend: 'webgpu', config: presetConfig('tiny') },
    });
    store.init();
    emit({ ...ready, backend: 'webgpu' });
    store.adoptRun(
      'run-a',
      { config: presetConfig('tiny'), corpusName: 'x', sizeName: 'Tiny', label: 'Run 1' },
      { steps },
    );
    emit({ type: 'run-state', runId: 'run-a', status: 'training', step: 40 });
    emit({ type: 'run-state', runId: 'run-a', status: 'paused', step: 40 });
    await until(() => store.getSnapshot().autosave.last?.step === 40);
    emit({
      type: 'error',
      message: 'The GPU device was lost (unknown).',
      fatal: true,
      gpuLost: true,
    });
    expect(store.getSnapshot().worker).toBe('crashed');
    expect(store.getSnapshot().gpuLost).toBe(true);

    log.length = 0;
    store.restartFromAutosave();
    expect(log[0]).toBe('restart');
    expect(log).toContainEqual({ type: 'init', backend: 'wasm' });
    expect(store.getSnapshot().backendChoice).toBe('wasm');
    emit({ ...ready, backend: 'wasm' });
    await until(() => log.some((c) => c !== 'restart' && c.type === 'resume'));
    expect(resumed).toEqual(['autosave-run-a']);
    const state = store.getSnapshot();
    expect(state.runs.map((run) => [run.label, run.colourIndex, run.step])).toEqual([
      ['Run 1', 0, 40],
    ]);
    expect(state.runs[0]?.runId).not.toBe('run-a');
    expect(state.activeRunId).toBe(state.runs[0]?.runId);
    expect(state.notice).toBe('Run 1 continues from its autosave at step 40.');
  });
});

const summary = {
  objective: 'causal' as const,
  vocabSize: 10,
  parameterCount: 1,
  flopsPerToken: 1,
  trainTokens: 1,
  valTokens: 1,
  tokensPerStep: 1,
  tokenizer: 'char',
};
