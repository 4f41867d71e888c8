/**
 * One benchmark cell: a backend × a configuration, measured through the real page. Opens the
 * app with the cell's link, waits for the backend and the corpus, clicks Start, lets it train
 * for the budget (or to step 500), takes memory figures at step 50 and at the end, and reads
 * what the probe (./probe.ts) recorded in the page.
 */
import type { Browser, Page } from '@playwright/test';
import type { BenchBackend, BenchConfig } from './options';
import { installProbe, type ProbeState } from './probe';
import {
  EARLY_STEP,
  LATE_STEP,
  summariseCell,
  type CellObservation,
  type CellResult,
  type MemorySnapshot,
} from './results';
import { BACKEND_SETUPS, CONFIG_SETUPS, cellPath } from './setups';
import { presetById } from '../../src/config/presets';

/** The longest wait for the backend to become ready (WebGPU on SwiftShader is slow to start). */
const READY_TIMEOUT_MS = 120_000;

/** The page's worker URL contains this (Vite names the chunk after the file). */
const TRAINER_WORKER_URL = 'trainer.worker';

/**
 * The probe as a script. tsx (esbuild, keepNames) wraps named functions in a `__name(…)`
 * helper that does not exist in the page; the script defines it before running the probe.
 */
export function probeScript(): string {
  return `globalThis.__name ??= (target) => target;\n(${installProbe.toString()})();`;
}

/** How long the worker's heap may take to measure (a busy WASM thread answers late). */
const HEAP_TIMEOUT_MS = 3000;

/**
 * Memory figures now: the latest stats update (tensors, bytes), the page's heap, then the
 * training worker's heap, given at most `HEAP_TIMEOUT_MS`.
 */
export function takeSnapshot(
  page: Page,
  heapTimeoutMs = HEAP_TIMEOUT_MS,
): Promise<MemorySnapshot | null> {
  return page.evaluate(
    async ([workerUrl, timeoutMs]): Promise<MemorySnapshot | null> => {
      const probe = window.benchProbe;
      const latest = probe?.samples[probe.samples.length - 1];
      if (latest === undefined) return null;
      const from = performance.now();
      const pageHeapBytes = performance.memory?.usedJSHeapSize ?? null;
      let workerHeapBytes: number | null = null;
      let workerHeapNote: string | null = null;
      if (!crossOriginIsolated || performance.measureUserAgentSpecificMemory === undefined) {
        workerHeapNote =
          'measureUserAgentSpecificMemory is unavailable (it needs cross-origin isolation)';
      } else {
        const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
        const measured = await Promise.race([
          performance.measureUserAgentSpecificMemory(),
          timeout,
        ]);
        if (measured === null) {
          workerHeapNote = `measureUserAgentSpecificMemory did not answer within ${timeoutMs} ms`;
        } else {
          workerHeapBytes = measured.breakdown
            .filter((part) => part.attribution.some((a) => a.url.includes(workerUrl)))
            .reduce((sum, part) => sum + part.bytes, 0);
        }
      }
      return {
        step: latest.step,
        tensors: latest.tensors,
        tfjsBytes: latest.tfjsBytes,
        pageHeapBytes,
        workerHeapBytes,
        workerHeapNote,
        from,
        to: performance.now(),
      };
    },
    [TRAINER_WORKER_URL, heapTimeoutMs] as const,
  );
}

/** True if the cell trained no step at all. */
function trainedNothing(result: CellResult): boolean {
  return (result.metrics.stepsReached ?? 0) === 0;
}

/** Waits in the page (no polling) until the stats show `step`, for at most `ms`. */
function waitForStep(page: Page, step: number, ms: number): Promise<boolean> {
  return page.evaluate(
    ([target, timeout]) => window.benchProbe?.reached(target, timeout) ?? false,
    [step, Math.max(0, ms)] as const,
  );
}

/**
 * Clicks the chart's "Log scale" option four times (leaving it as it was) while the run trains;
 * returns the page time the clicks began, or null if a click did not go through (the cell goes
 * on: its other figures do not depend on it). The probe keeps each click's latency to the next
 * paint.
 */
async function clickWhileTraining(page: Page): Promise<number | null> {
  const from = await page.evaluate(() => performance.now());
  const option = page.getByRole('checkbox', { name: 'Log scale' });
  try {
    for (let i = 0; i < 4; i++) {
      await option.click({ timeout: CLICK_TIMEOUT_MS });
      await page.waitForTimeout(250);
    }
  } catch {
    return null;
  }
  // Event Timing reports each input a moment after its paint.
  await page.waitForTimeout(250);
  return from;
}

/** How long a click on the chart may wait for its target. */
const CLICK_TIMEOUT_MS = 5000;

/** Where and how a cell runs. */
export interface CellSettings {
  browser: Browser;
  /** The preview server, e.g. http://127.0.0.1:4180. */
  baseUrl: string;
  /** The browser's logical cores (the threaded WASM cell asks for one thread each, at most 4). */
  cores: number;
  /** Training time budget, from the click on Start. */
  seconds: number;
  /** Gets progress lines. */
  log: (line: string) => void;
}

/** Measures one cell. */
export async function runCell(
  backend: BenchBackend,
  config: BenchConfig,
  { browser, baseUrl, cores, seconds, log }: CellSettings,
): Promise<CellResult> {
  const url = cellPath(backend, config, cores);
  const setup = BACKEND_SETUPS[backend];
  const budgetMs = seconds * 1000;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // A returning visitor: the first-visit tour would cover the page.
  await context.addInitScript(() => localStorage.setItem('playground.tourSeen', '1'));
  const errors: string[] = [];
  const opened = Date.now();
  const since = (): string => `${((Date.now() - opened) / 1000).toFixed(1)} s`;
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript({ content: probeScript() });
    await page.goto(`${baseUrl}${url}`);
    const badge = page.locator('[data-testid="backend-badge"]:not([data-backend=""])');
    await badge.waitFor({ timeout: READY_TIMEOUT_MS });
    const backendInUse = await badge.getAttribute('data-backend');
    const description = ((await badge.textContent()) ?? '').replace(/^\s*Running on\s*/, '').trim();
    const number = async (name: string): Promise<number | null> => {
      const value = await badge.getAttribute(name);
      return value === null || value === '' ? null : Number(value);
    };
    const base = {
      backend,
      config,
      url,
      available: backendInUse === setup.backend,
      backendInUse,
      backendDescription: description,
      budgetSeconds: seconds,
    };
    let unavailable: string | null = null;
    if (!base.available) {
      const fallbacks = await page
        .getByRole('list', { name: 'Backend fallbacks' })
        .textContent({ timeout: 1000 })
        .catch(() => '');
      unavailable = `${setup.backend} is not available in this browser; the app fell back to ${backendInUse ?? 'nothing'}${fallbacks ? ` (${fallbacks.trim()})` : ''}`;
    }
    const wasmThreads = await number('data-threads');
    const observation: CellObservation = {
      backendInUse,
      wasmThreads,
      matmulGflops: await number('data-matmul-gflops'),
      unavailable,
      budgetMs,
      startClickedAt: null,
      firstPlotAt: null,
      endedAt: 0,
      samples: [],
      longTasks: [],
      longFrames: [],
      inputs: [],
      clicksFrom: null,
      tokensPerStep: null,
      flopsPerToken: null,
      early: null,
      late: null,
    };
    if (unavailable !== null) {
      log(`  ${backend} ${config}: unavailable (${unavailable})`);
      return { ...base, ...summariseCell(observation) };
    }

    // The corpus is loaded, curated and tokenized when the Train step shows its vocabulary.
    await page.getByTestId('train-vocab').waitFor({ timeout: 120_000 });
    const { preset, query } = CONFIG_SETUPS[config];
    const presetName = presetById(preset).name;
    await page.getByTestId('step-model').click();
    // A preset with settings changed on top (the size sweep's widths) is a custom size.
    if (query !== undefined) {
      if (!(await page.getByText('Custom size:').isVisible())) {
        throw new Error(`${config}: the link's settings (${JSON.stringify(query)}) were ignored`);
      }
    } else if (!(await page.getByRole('radio', { name: presetName, exact: true }).isChecked())) {
      throw new Error(`the ${presetName} preset is not selected: ?preset= was ignored`);
    }
    await page.getByTestId('step-train').click();

    log(`  ready after ${since()}: ${description}`);
    await page
      .getByTestId('run-controls')
      .getByRole('button', { name: 'Start', exact: true })
      .click();
    const startedAt = Date.now();
    const left = (): number => budgetMs - (Date.now() - startedAt);
    if (await waitForStep(page, EARLY_STEP, left())) {
      observation.early = await takeSnapshot(page);
      observation.clicksFrom = await clickWhileTraining(page);
    }
    await waitForStep(page, LATE_STEP, left());
    observation.late = await takeSnapshot(page);
    const probe = await page.evaluate(
      (): Omit<ProbeState, 'reached' | 'plotted'> & { now: number } => {
        const state = window.benchProbe;
        return {
          samples: state?.samples ?? [],
          longTasks: state?.longTasks ?? [],
          longFrames: state?.longFrames ?? [],
          inputs: state?.inputs ?? [],
          startClickedAt: state?.startClickedAt ?? null,
          firstPlotAt: state?.firstPlotAt ?? null,
          tokensPerStep: state?.tokensPerStep ?? null,
          flopsPerToken: state?.flopsPerToken ?? null,
          now: performance.now(),
        };
      },
    );
    Object.assign(observation, {
      samples: probe.samples,
      longTasks: probe.longTasks,
      longFrames: probe.longFrames,
      inputs: probe.inputs,
      startClickedAt: probe.startClickedAt,
      firstPlotAt: probe.firstPlotAt,
      tokensPerStep: probe.tokensPerStep,
      flopsPerToken: probe.flopsPerToken,
      endedAt: observation.late?.from ?? probe.now,
    });
    const result = { ...base, ...summariseCell(observation) };
    if (trainedNothing(result)) {
      result.notes.cell = `stopped at the ${seconds} s budget before the first training step was reported; this backend measured ${result.metrics.matmulGflops ?? '?'} GFLOP/s`;
    }
    if (backend === 'wasm-threads' && wasmThreads === 1 && cores > 1) {
      result.notes.cell = 'WASM ran on one thread: is the page cross-origin isolated?';
    }
    if (backend === 'wasm' && config === 'nanogpt' && result.metrics.trainingWorkers === 1) {
      result.notes.cell =
        'one worker trained: helper workers need a cross-origin isolated page and 2+ cores';
    }
    if (errors.length > 0) {
      result.notes.cell = [result.notes.cell, `page errors: ${errors.slice(0, 3).join(' | ')}`]
        .filter((s) => s !== undefined)
        .join('; ');
    }
    const m = result.metrics;
    log(
      `  done after ${since()}: step ${m.stepsReached ?? 0}, ${m.tokensPerSec ?? '–'} tokens/s, first loss ${m.timeToFirstLossMs ?? '–'} ms`,
    );
    return result;
  } finally {
    await context.close();
  }
}
