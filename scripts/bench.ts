/**
 * `npm run bench`: how fast the app trains on each backend this machine offers, measured
 * through the real page in headless Chromium.
 *
 * Builds the app (skip with --no-build), serves dist/ with `vite preview` (with the COOP/COEP
 * headers, so WASM can use shared memory), and for each backend (WebGPU; WASM as the app runs
 * it, with one worker per core sharing each batch of a large model; WASM in one worker with
 * XNNPACK's threads; WASM on one thread; WebGL; CPU) and configuration (tiny = the Tiny preset, nanogpt = the Medium preset,
 * nanoGPT's CPU recipe, both on Moby-Dick) opens `/?backend=…&preset=…&corpus=moby-dick`,
 * clicks Start and records what the page shows: tokens/s, ms/step, the backend's matmul
 * GFLOP/s and the share of it training reaches, the time to the first plotted loss point, the
 * main thread's long tasks, and tfjs tensors, tfjs bytes and JS heaps at step 50 and step 500
 * (or the last step reached). Writes bench/results.json and prints a table. Timings vary with
 * the machine and its load; they are reported, never asserted.
 *
 * First, in the same invocation, it trains nanoGPT's recipe in PyTorch on the CPU
 * (scripts/bench/reference.py, nanoGPT's own model structure) and gives every nanogpt cell its
 * ratio to it; then it measures that reference and the WASM × nanogpt cell back to back
 * `--headline-repeats` times (3) and reports the median ratio. Without PyTorch it says in one
 * line how to install it (`apt-get install -y python3-torch python3-numpy libopenblas0-pthread`).
 *
 *   npm run bench -- [--backends webgpu,wasm,wasm-threads,wasm-1thread,webgl,cpu]
 *                    [--configs tiny,nanogpt]
 *                    [--seconds 45] [--quick] [--out bench/results.json] [--no-build]
 *                    [--chromium-arg ARG]... [--bpe | --bpe-only]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { format, resolveConfig } from 'prettier';
import { preview } from 'vite';
import { measureBpe, type BpeResults } from './bench/bpe';
import { measureBundle, type BundleSizes } from './bench/bundle';
import { runCell } from './bench/cell';
import { runCliRow, type CliRow } from './bench/cli-row';
import {
  describeBrowser,
  describeMachine,
  type BrowserInfo,
  type MachineInfo,
} from './bench/machine';
import {
  parseBenchArgs,
  USAGE,
  type BenchBackend,
  type BenchConfig,
  type BenchOptions,
  SWEEP_CONFIGS,
} from './bench/options';
import { formatTable } from './bench/report';
import {
  CELL_METRICS,
  EARLY_STEP,
  LATE_STEP,
  median,
  WARMUP_STEPS,
  type CellResult,
} from './bench/results';
import { runReference, type ReferenceResult } from './bench/reference';
import { CONFIG_SETUPS, widthOf } from './bench/setups';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM, QUIET_ARGS } from './chromium.mjs';

/**
 * Extra Chromium flags for measuring: exact heap sizes (performance.memory is rounded
 * otherwise), and an immediate measureUserAgentSpecificMemory (it waits for a GC otherwise).
 */
const MEASUREMENT_ARGS = [
  '--enable-precise-memory-info',
  '--enable-blink-features=ForceEagerMeasureMemory',
];

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function build(): void {
  log('building the app (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/**
 * Backends that compute on the CPU. Their cells run in a browser without the emulated GPU
 * (scripts/chromium.mjs, GPU_EMULATION_ARGS): SwiftShader would composite the page on the same two cores the
 * training uses, which a user's browser does on its GPU (or in its lighter software
 * compositor when it has none). Measured on the nanoGPT recipe: ~160 ms/step with the
 * emulation flags, ~135 without.
 */
const CPU_BACKENDS: readonly BenchBackend[] = ['wasm', 'wasm-threads', 'wasm-1thread', 'cpu'];

/** The PyTorch reference as the results file keeps it: its figures, or why there are none. */
type ReferenceFigures = ReferenceResult | { missing: string } | { failed: string };

/** One reference run and the WASM × nanogpt cell measured right after it. */
interface HeadlinePair {
  referenceTokensPerSec: number;
  pageTokensPerSec: number | null;
  ratio: number | null;
}

/** The headline comparison: the pairs, interleaved, and their median ratio. */
interface Headline {
  backend: 'wasm';
  config: 'nanogpt';
  pairs: HeadlinePair[];
  medianRatio: number | null;
}

/** Runs the reference for `seconds`; never throws (a failure is kept in words). */
function measureReference(seconds: number): ReferenceFigures {
  log(`measuring the PyTorch reference (nanoGPT's recipe) for ${seconds} s…`);
  try {
    const answer = runReference({ seconds });
    if ('missing' in answer) log(`no PyTorch reference: ${answer.missing}`);
    else log(`  PyTorch: ${answer.result.tokensPerSec.toFixed(0)} tokens/s`);
    return 'missing' in answer ? answer : answer.result;
  } catch (error) {
    const failed = error instanceof Error ? error.message : String(error);
    log(`the PyTorch reference failed: ${failed}`);
    return { failed };
  }
}

function referenceRate(reference: ReferenceFigures | null): number | null {
  return reference !== null && 'tokensPerSec' in reference ? reference.tokensPerSec : null;
}

/** One model size of the sweep: the WASM cell of nanoGPT's recipe at that width. */
interface SweepRow {
  config: BenchConfig;
  width: number;
  /** 12 × layers × width² (the bias-free blocks; embeddings excluded). */
  blockParameters: number;
  tokensPerSec: number | null;
  achievedGflops: number | null;
  /** achievedGflops ÷ the backend's matmul GFLOP/s. */
  efficiency: number | null;
  lateTfjsBytes: number | null;
  cell: CellResult;
}

/** What the browser part of the benchmark measured. */
interface BrowserResults {
  browser: BrowserInfo & {
    wasmThreadsInUse: number | null;
    /** The flags of the browser each group of backends ran in. */
    args: { gpu: string[]; cpu: string[] };
  };
  bundle: BundleSizes;
  cells: CellResult[];
  /** Null when the run has no WASM × nanogpt cell, no reference, or --headline-repeats 0. */
  headline: Headline | null;
  /** The size sweep (--sweep), smallest first; null without it. */
  sweep: SweepRow[] | null;
  /** `npm run train` on nanoGPT's recipe with 1 and 2 workers; null with --no-cli. */
  cli: CliRow[] | null;
}

/** The results file. */
interface BenchResults extends Partial<BrowserResults> {
  schemaVersion: 1;
  machine: MachineInfo;
  options: BenchOptions;
  configs: Partial<Record<string, (typeof CONFIG_SETUPS)[keyof typeof CONFIG_SETUPS]>>;
  metrics: typeof CELL_METRICS;
  method: typeof METHOD;
  /** The PyTorch reference run just before the browser cells (null with --no-reference). */
  reference: ReferenceFigures | null;
  bpe?: BpeResults;
}

async function benchBrowser(
  options: BenchOptions,
  reference: ReferenceFigures | null,
): Promise<BrowserResults> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(NO_CHROMIUM);
  if (options.build) build();
  const bundle = measureBundle();
  const server = await preview({
    preview: { port: 4180, strictPort: false, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (baseUrl === undefined) throw new Error('vite preview did not report its address');
  const args = {
    gpu: [...CHROMIUM_ARGS, ...MEASUREMENT_ARGS, ...options.chromiumArgs],
    cpu: [...QUIET_ARGS, ...MEASUREMENT_ARGS, ...options.chromiumArgs],
  };
  const browser = await chromium.launch({ executablePath, args: args.gpu });
  let cpuBrowser: Browser | null = null;
  try {
    const browserInfo = await describeBrowser(browser, `${baseUrl}/`);
    log(
      `serving dist/ at ${baseUrl}; Chromium ${browserInfo.chromium}; ${options.seconds} s per cell`,
    );
    const cells: CellResult[] = [];
    const cellIn = (on: Browser): Parameters<typeof runCell>[2] => ({
      browser: on,
      baseUrl,
      cores: browserInfo.hardwareConcurrency,
      seconds: options.seconds,
      log,
    });
    // The CPU backends first, in their own browser, closed before the emulated-GPU cells: work
    // a closed WebGPU page queued (SwiftShader) can keep a core busy after the cell ends.
    const onCpu = options.backends.filter((b) => CPU_BACKENDS.includes(b));
    const onGpu = options.backends.filter((b) => !CPU_BACKENDS.includes(b));
    const measure = async (backends: BenchBackend[], on: Browser): Promise<void> => {
      for (const config of options.configs) {
        for (const backend of backends) {
          log(`measuring ${backend} × ${config}…`);
          cells.push(await runCell(backend, config, cellIn(on)));
        }
      }
    };
    let headline: Headline | null = null;
    let sweep: SweepRow[] | null = null;
    if (onCpu.length > 0) {
      cpuBrowser = await chromium.launch({ executablePath, args: args.cpu });
      await measure(onCpu, cpuBrowser);
      const on = cpuBrowser;
      if (
        options.headlineRepeats > 0 &&
        referenceRate(reference) !== null &&
        onCpu.includes('wasm') &&
        options.configs.includes('nanogpt')
      ) {
        // The reference and the page, back to back, several times: a noisy machine then
        // slows both sides of each pair alike, and the median ratio is what counts.
        const pairs: HeadlinePair[] = [];
        for (let i = 0; i < options.headlineRepeats; i++) {
          const again = referenceRate(measureReference(options.seconds));
          log(`headline pair ${i + 1}/${options.headlineRepeats}: wasm × nanogpt…`);
          const cell = await runCell('wasm', 'nanogpt', cellIn(on));
          const page = cell.metrics.tokensPerSec;
          if (again === null) continue;
          pairs.push({
            referenceTokensPerSec: again,
            pageTokensPerSec: page,
            ratio: page === null ? null : page / again,
          });
        }
        const ratios = pairs.flatMap((p) => (p.ratio === null ? [] : [p.ratio]));
        headline = { backend: 'wasm', config: 'nanogpt', pairs, medianRatio: median(ratios) };
      }
      if (options.sweep && onCpu.includes('wasm')) {
        sweep = [];
        for (const config of SWEEP_CONFIGS) {
          const measured = cells.find((c) => c.backend === 'wasm' && c.config === config);
          if (measured === undefined) log(`size sweep: wasm × ${config}…`);
          const cell = measured ?? (await runCell('wasm', config, cellIn(on)));
          const width = widthOf(config);
          sweep.push({
            config,
            width,
            blockParameters: 12 * 4 * width * width,
            tokensPerSec: cell.metrics.tokensPerSec,
            achievedGflops: cell.metrics.achievedGflops,
            efficiency: cell.metrics.efficiency,
            lateTfjsBytes: cell.metrics.lateTfjsBytes,
            cell,
          });
        }
      }
      await cpuBrowser.close();
      cpuBrowser = null;
    }
    // The CLI, with no browser open, on the recipe the reference and the page's cell train.
    const cli: CliRow[] | null = options.cli && options.configs.includes('nanogpt') ? [] : null;
    for (const workers of cli === null ? [] : [1, 2]) {
      log(`measuring the CLI (npm run train) with ${workers} worker(s)…`);
      const row = runCliRow(workers, options.seconds);
      if (row.problem !== null) log(`  ${row.problem}`);
      else log(`  CLI: ${row.tokensPerSec?.toFixed(0) ?? '–'} tokens/s`);
      cli?.push({ ...row, ratioToPage: null, ratioToReference: null });
    }
    await measure(onGpu, browser);
    const order = (c: CellResult): number =>
      options.configs.indexOf(c.config as BenchConfig) * options.backends.length +
      options.backends.indexOf(c.backend as BenchBackend);
    cells.sort((a, b) => order(a) - order(b));
    // The reference trains nanoGPT's recipe: only that configuration's cells compare with it.
    const rate = referenceRate(reference);
    for (const cell of cells) {
      const tokens = cell.metrics.tokensPerSec;
      cell.ratioToReference =
        rate === null || !cell.config.startsWith('nanogpt') || tokens === null
          ? null
          : tokens / rate;
    }
    const pageRate =
      cells.find((c) => c.backend === 'wasm' && c.config === 'nanogpt')?.metrics.tokensPerSec ??
      null;
    for (const row of cli ?? []) {
      const tokens = row.tokensPerSec;
      row.ratioToPage = tokens === null || pageRate === null ? null : tokens / pageRate;
      row.ratioToReference = tokens === null || rate === null ? null : tokens / rate;
    }
    const wasmCell = cells.find((c) => c.backend === 'wasm' && c.available);
    return {
      browser: {
        ...browserInfo,
        wasmThreadsInUse: wasmCell?.metrics.wasmThreads ?? null,
        args,
      },
      bundle,
      cells,
      headline,
      sweep,
      cli,
    };
  } finally {
    await cpuBrowser?.close();
    await browser.close();
    await server.close();
  }
}

/** What the JSON says about how each figure is measured. */
const METHOD = {
  tokensPerSec: `median over the intervals between the stats panel's updates (~5 per second) after step ${WARMUP_STEPS}, of tokens trained ÷ the worker's training time (its bursts, readback included; evaluations excluded)`,
  wallTokensPerSec:
    'tokens trained ÷ wall-clock time over the same span (evaluations, predictions and scheduling included)',
  matmulGflops:
    'measured by the training worker when its backend starts: best of three batches of 512×512 products in ~300 ms, read back asynchronously once per batch',
  achievedGflops: 'tokensPerSec × flopsPerToken (6 × parameters + 12 × layers × width × context)',
  efficiency: 'achievedGflops ÷ matmulGflops',
  timeToFirstLossMs:
    'from the click on Start to the loss chart plotting its first training point (building the model and the first burst included; the evaluation at step 0 follows it)',
  longTasks:
    'PerformanceObserver("longtask") on the page, installed before the app loads; from Start to the end of the cell',
  memory: `taken at the first stats update at step ≥ ${EARLY_STEP} (early) and at step ≥ ${LATE_STEP} or the end of the budget (late)`,
  tensors: 'tf.memory() in the training worker after its latest burst',
  pageHeapBytes:
    'performance.memory.usedJSHeapSize of the page (main thread). performance.memory does not exist in dedicated workers in this Chromium, so the worker’s heap cannot be read that way',
  workerHeapBytes:
    'performance.measureUserAgentSpecificMemory() (cross-origin isolated page), the part attributed to the training worker',
  ratioToReference:
    "tokensPerSec ÷ the PyTorch reference's tokens/s (scripts/bench/reference.py: nanoGPT's model, AdamW groups and schedule, same shapes, batch and context, CPU, all cores), run in the same invocation just before the browser cells; nanogpt cells only",
  headline:
    'the reference and the wasm × nanogpt cell measured back to back --headline-repeats times; the median of the pairs’ ratios',
  cli: `npm run train -- --text public/corpora/moby-dick.txt --workers N (nanoGPT's recipe, Node, WASM) for --seconds with no browser open; its last line's tokensPerSec (tokens ÷ its training bursts' time, evaluations excluded; reported every 25 steps); ratioToPage is ÷ the wasm × nanogpt cell`,
  budget:
    'each cell trains for --seconds from the click on Start, or until step 500; slow backends (WebGPU on SwiftShader, CPU) reach fewer steps, and the notes say so',
};

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(1);
  }
  const results: BenchResults = {
    schemaVersion: 1,
    machine: describeMachine(),
    options,
    configs: Object.fromEntries(options.configs.map((c) => [c, CONFIG_SETUPS[c]])),
    metrics: CELL_METRICS,
    method: METHOD,
    reference: null,
  };
  const bpe = options.bpe ? measureBpe(undefined, log) : null;
  if (!options.bpeOnly) {
    // Just before the browser cells, on the same machine, in the same run.
    results.reference = options.reference ? measureReference(options.seconds) : null;
    Object.assign(results, await benchBrowser(options, results.reference));
  }
  if (bpe !== null) results.bpe = bpe;
  mkdirSync(dirname(options.out), { recursive: true });
  // Formatted as the repository's files are, so a results file can be committed as it is.
  const style = await resolveConfig(options.out);
  writeFileSync(options.out, await format(JSON.stringify(results), { ...style, parser: 'json' }));
  const { cells, bundle } = results;
  if (cells !== undefined && cells.length > 0) console.log(formatTable(cells));
  const { reference, headline } = results;
  if (reference !== null) {
    console.log(
      'tokensPerSec' in reference
        ? `\nPyTorch reference (nanoGPT's recipe, torch ${reference.torch}, ${reference.threads} threads): ${reference.tokensPerSec.toFixed(0)} tokens/s`
        : `\nno PyTorch reference: ${'missing' in reference ? reference.missing : reference.failed}`,
    );
  }
  if (results.sweep != null) {
    console.log('\nsize sweep (wasm, 4 layers):');
    for (const row of results.sweep) {
      const show = (v: number | null, d = 0): string => (v === null ? '–' : v.toFixed(d));
      console.log(
        `  width ${row.width}: ${(row.blockParameters / 1e6).toFixed(2)} M block parameters, ${show(row.tokensPerSec)} tokens/s, ${show(row.achievedGflops, 1)} GFLOP/s achieved (${row.efficiency === null ? '–' : `${(row.efficiency * 100).toFixed(0)}%`} of matmul), tfjs ${row.lateTfjsBytes === null ? '–' : `${(row.lateTfjsBytes / 1e6).toFixed(1)} MB`}`,
      );
    }
  }
  if (results.cli != null) {
    console.log('\nCLI (npm run train, nanoGPT recipe, WASM in Node):');
    for (const row of results.cli) {
      const ratio = (v: number | null): string => (v === null ? '–' : `${v.toFixed(2)}×`);
      console.log(
        row.problem !== null
          ? `  ${row.workers} worker(s): ${row.problem}`
          : `  ${row.workers} worker(s): ${row.tokensPerSec?.toFixed(0) ?? '–'} tokens/s over ${row.steps} steps, ${ratio(row.ratioToPage)} the page, ${ratio(row.ratioToReference)} PyTorch`,
      );
    }
  }
  if (headline != null && headline.medianRatio !== null) {
    console.log(
      `headline, wasm × nanogpt ÷ PyTorch, ${headline.pairs.length} interleaved pairs: ${headline.pairs.map((p) => (p.ratio === null ? '–' : p.ratio.toFixed(2))).join(', ')} → median ${headline.medianRatio.toFixed(2)}×`,
    );
  }
  if (bundle !== undefined) {
    const kB = (n: number | undefined): string =>
      n === undefined ? '–' : `${(n / 1024).toFixed(1)} kB`;
    console.log(
      `\ngzipped JS: main chunk ${kB(bundle.main?.gzipBytes)}, training worker ${kB(bundle.trainerWorker?.gzipBytes)}, data worker ${kB(bundle.dataWorker?.gzipBytes)}`,
    );
  }
  log(`saved ${options.out}`);
}

await main();
