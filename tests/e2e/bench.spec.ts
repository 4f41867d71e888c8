import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BENCH_BACKENDS } from '../../scripts/bench/options';
import { checkResults, CELL_METRICS } from '../../scripts/bench/results';

// The web server of these tests has built dist/; the benchmark serves it again on its own port.
const OUT = 'test-results/bench-quick.json';

/** Runs a command to its end; resolves with its exit code and output. */
function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test.use({ trace: 'off', screenshot: 'off' });

test('npm run bench -- --quick writes a complete results file and a table', async () => {
  test.setTimeout(180_000);
  const { code, output } = await run('npx', [
    'tsx',
    'scripts/bench.ts',
    '--quick',
    '--no-build',
    '--out',
    OUT,
  ]);
  expect(code, output).toBe(0);
  expect(output).toContain('| backend');

  const results: unknown = JSON.parse(readFileSync(OUT, 'utf8'));
  expect(checkResults(results)).toEqual([]);
  const { cells, machine, browser, bundle, reference } = results as {
    cells: {
      backend: string;
      config: string;
      metrics: Record<string, unknown>;
      ratioToReference: unknown;
    }[];
    reference: { tokensPerSec?: number; torch?: string; missing?: string } | null;
    machine: { cores: number; date: string; git: { commit: string | null } };
    browser: {
      chromium: string;
      userAgent: string;
      webgpuAdapter: unknown;
      wasmThreadsInUse: unknown;
    };
    bundle: { main: { gzipBytes: number } | null; trainerWorker: { gzipBytes: number } | null };
  };
  // --quick: the tiny configuration on every backend, each cell with every figure.
  expect(cells.map((c) => c.backend)).toEqual([...BENCH_BACKENDS]);
  for (const cell of cells) {
    expect(cell.config).toBe('tiny');
    expect(Object.keys(cell.metrics).sort()).toEqual([...CELL_METRICS].sort());
    // The reference trains nanoGPT's recipe: tiny cells have the field, without a ratio.
    expect(cell).toHaveProperty('ratioToReference', null);
  }
  // PyTorch's figure from the same run, or one line saying why there is none.
  if (reference?.missing !== undefined) expect(reference.missing).toContain('apt-get install');
  else {
    expect(reference?.tokensPerSec).toBeGreaterThan(0);
    expect(reference?.torch).toMatch(/^\d/);
    expect(output).toContain('PyTorch reference');
  }
  expect(machine.cores).toBeGreaterThan(0);
  expect(Date.parse(machine.date)).not.toBeNaN();
  expect(browser.chromium).not.toBe('');
  expect(browser.userAgent).toContain('Chrome');
  expect(browser.webgpuAdapter).toBeDefined();
  expect(browser).toHaveProperty('wasmThreadsInUse');
  expect(bundle.main?.gzipBytes).toBeGreaterThan(0);
  expect(bundle.trainerWorker?.gzipBytes).toBeGreaterThan(0);
});
