import { describe, expect, it } from 'vitest';
import { BENCH_BACKENDS, parseBenchArgs } from '../../scripts/bench/options';
import type { ProbeSample } from '../../scripts/bench/probe';
import { formatTable } from '../../scripts/bench/report';
import {
  CELL_METRICS,
  checkResults,
  median,
  summariseCell,
  throughputOf,
  type CellObservation,
  type CellResult,
} from '../../scripts/bench/results';
import { cellPath } from '../../scripts/bench/setups';

/** Stats updates every 200 ms, 5 steps each, 10 ms of training per step. */
function samples(count: number, stepsPer = 5): ProbeSample[] {
  return Array.from({ length: count }, (_, i) => ({
    t: 1000 + 200 * (i + 1),
    step: stepsPer * (i + 1),
    elapsedMs: 10 * stepsPer * (i + 1),
    tokensPerSec: 0,
    tensors: 84,
    tfjsBytes: 350_000,
    pageHeapBytes: 20e6,
    workers: 2,
  }));
}

function observation(overrides: Partial<CellObservation> = {}): CellObservation {
  return {
    backendInUse: 'wasm',
    wasmThreads: 1,
    matmulGflops: 30,
    unavailable: null,
    budgetMs: 45_000,
    startClickedAt: 1000,
    firstPlotAt: 1500,
    endedAt: 1e9,
    samples: samples(120),
    longTasks: [
      { startTime: 900, duration: 300 }, // before Start: not counted
      { startTime: 2000, duration: 80 },
      { startTime: 5000, duration: 60 }, // during a memory measurement: not counted
    ],
    longFrames: [
      {
        startTime: 1990,
        duration: 95,
        renderMs: 12,
        scripts: ['user-callback · drawChart (index.js:120) 70 ms'],
      },
    ],
    inputs: [
      { name: 'click', startTime: 1001, duration: 400 }, // Start itself: not counted
      { name: 'pointerdown', startTime: 6000, duration: 24 },
      { name: 'click', startTime: 6300, duration: 72 },
    ],
    clicksFrom: 5990,
    tokensPerStep: 512,
    flopsPerToken: 200_000,
    early: {
      step: 50,
      tensors: 84,
      tfjsBytes: 350_000,
      pageHeapBytes: 20e6,
      workerHeapBytes: 50e6,
      workerHeapNote: null,
      from: 4990,
      to: 5100,
    },
    late: {
      step: 600,
      tensors: 84,
      tfjsBytes: 350_000,
      pageHeapBytes: 25e6,
      workerHeapBytes: null,
      workerHeapNote: 'did not answer',
      from: 30_000,
      to: 33_000,
    },
    ...overrides,
  };
}

describe('the benchmark’s command line', () => {
  it('measures every backend and both configurations by default', () => {
    const options = parseBenchArgs([]);
    expect(options.backends).toEqual([...BENCH_BACKENDS]);
    expect(options.configs).toEqual(['tiny', 'nanogpt']);
    expect(options).toMatchObject({ seconds: 45, out: 'bench/results.json', build: true });
    expect(options).toMatchObject({ reference: true, cli: true, sweep: false });
    expect(parseBenchArgs(['--no-cli', '--no-reference'])).toMatchObject({
      cli: false,
      reference: false,
    });
  });

  it('reads lists, repeated Chromium flags, --quick and --no-build', () => {
    const options = parseBenchArgs([
      '--backends',
      'wasm,cpu',
      '--quick',
      '--no-build',
      '--chromium-arg',
      '--use-vulkan',
      '--chromium-arg=--foo',
      '--out',
      'x.json',
    ]);
    expect(options).toMatchObject({
      backends: ['wasm', 'cpu'],
      configs: ['tiny'],
      seconds: 5,
      build: false,
      out: 'x.json',
      chromiumArgs: ['--use-vulkan', '--foo'],
    });
  });

  it('rejects unknown backends, configurations and bad budgets', () => {
    expect(() => parseBenchArgs(['--backends', 'cuda'])).toThrow(/cuda/);
    expect(() => parseBenchArgs(['--configs', 'huge'])).toThrow(/huge/);
    expect(() => parseBenchArgs(['--seconds', '0'])).toThrow(/seconds/);
    expect(() => parseBenchArgs(['--nope'])).toThrow();
  });

  it('opens the app with the cell’s backend, threads, preset and corpus', () => {
    expect(cellPath('wasm-1thread', 'nanogpt', 8)).toBe(
      '/?backend=wasm&threads=1&workers=1&preset=medium&corpus=moby-dick&step=train',
    );
    expect(cellPath('wasm-threads', 'tiny', 8)).toBe(
      '/?backend=wasm&threads=4&workers=1&preset=tiny&corpus=moby-dick&step=train',
    );
    expect(cellPath('wasm', 'nanogpt', 2)).toBe(
      '/?backend=wasm&preset=medium&corpus=moby-dick&step=train',
    );
    expect(cellPath('webgpu', 'tiny', 2)).toBe(
      '/?backend=webgpu&preset=tiny&corpus=moby-dick&step=train',
    );
  });
});

describe('summarising a cell', () => {
  it('takes the median throughput of the intervals after warm-up, from training time', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const speed = throughputOf(samples(20), 512);
    // 5 steps × 512 tokens per 50 ms of training.
    expect(speed.tokensPerSec).toBeCloseTo(51_200);
    expect(speed.msPerStep).toBeCloseTo(10);
    // 5 steps per 200 ms of wall clock.
    expect(speed.wallTokensPerSec).toBeCloseTo(12_800);
  });

  it('fills every figure, and counts long tasks from Start, not the benchmark’s own', () => {
    const { metrics, notes } = summariseCell(observation());
    expect(Object.keys(metrics)).toEqual([...CELL_METRICS]);
    expect(metrics).toMatchObject({
      stepsReached: 600,
      tokensPerSec: 51_200,
      timeToFirstLossMs: 500,
      longTaskCount: 1,
      longestTaskMs: 80,
      inputLatencyMs: 72,
      earlyStep: 50,
      lateStep: 600,
      lateWorkerHeapBytes: null,
    });
    expect(metrics.achievedGflops).toBeCloseTo(10.24);
    expect(metrics.efficiency).toBeCloseTo(10.24 / 30);
    expect(notes.lateWorkerHeapBytes).toBe('did not answer');
    // The long task is named by the long animation frame that holds it.
    expect(notes.longestTaskMs).toBe(
      'what ran (Long Animation Frames): 80 ms at 1.0 s: user-callback · drawChart (index.js:120) 70 ms; rendering 12 ms',
    );
  });

  it('gives a note for every figure it cannot measure', () => {
    const slow = summariseCell(
      observation({ samples: [], firstPlotAt: null, early: null, late: null, wasmThreads: null }),
    );
    expect(checkResults({ cells: [{ backend: 'cpu', config: 'tiny', ...slow }] })).toEqual([]);
    expect(slow.metrics.tokensPerSec).toBeNull();
    expect(slow.notes.tokensPerSec).toMatch(/no training step/);
    expect(slow.notes.earlyStep).toMatch(/step 50 not reached/);
    const unclicked = summariseCell(observation({ clicksFrom: null }));
    expect(unclicked.metrics.inputLatencyMs).toBeNull();
    expect(unclicked.notes.inputLatencyMs).toMatch(/no click was timed/);

    const missing = summariseCell(observation({ unavailable: 'webgpu is not available' }));
    expect(Object.values(missing.metrics).every((v) => v === null)).toBe(true);
    expect(missing.notes.cell).toBe('webgpu is not available');
    expect(checkResults({ cells: [{ backend: 'webgpu', config: 'tiny', ...missing }] })).toEqual(
      [],
    );
  });

  it('finds missing figures and nulls without a note', () => {
    expect(checkResults({})).toEqual(['no cells']);
    const { metrics, notes } = summariseCell(observation());
    const { tokensPerSec: _dropped, ...incomplete } = metrics;
    expect(
      checkResults({ cells: [{ backend: 'wasm', config: 'tiny', metrics: incomplete, notes }] }),
    ).toEqual(['cells[0].metrics.tokensPerSec is missing']);
    expect(
      checkResults({
        cells: [
          { backend: 'wasm', config: 'tiny', metrics: { ...metrics, msPerStep: null }, notes },
        ],
      }),
    ).toEqual(['cells[0].metrics.msPerStep is null without a note']);
  });

  it('prints one table row per cell, and the cells’ notes', () => {
    const cell: CellResult = {
      backend: 'wasm',
      config: 'tiny',
      url: '/',
      available: true,
      backendInUse: 'wasm',
      backendDescription: 'WebAssembly',
      budgetSeconds: 45,
      ...summariseCell(observation()),
    };
    const gone: CellResult = {
      ...cell,
      backend: 'webgpu',
      available: false,
      ...summariseCell(observation({ unavailable: 'no adapter' })),
    };
    const table = formatTable([cell, gone]).split('\n');
    expect(table[0]).toMatch(/^\| backend/);
    expect(table[2]).toContain('51200');
    expect(table[3]).toContain('unavailable');
    expect(table.at(-1)).toBe('- webgpu tiny: no adapter');
  });
});
