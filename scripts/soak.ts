/**
 * The soak test: drives a Medium run (nanoGPT's CPU recipe, WASM) in headless Chromium for
 * `--minutes` minutes (default 30), with the page's own autosave every 30 s. Every minute (10 s
 * after the autosave that follows the minute, so that no sample counts a save's encoded state)
 * it samples tfjs's tensors and bytes in the training worker, and the page's and the training
 * worker's JS heap and their memory outside it (ArrayBuffers, WebAssembly), each the least of
 * three readings after a full garbage collection (what stays reachable). Fails (exit 1) if any
 * grows by more than 10% from the sample at minute 3 to the last one; the memory outside the
 * heap may also grow by what the loss curve of the steps trained meanwhile needs (40 bytes a
 * step, twice for the array's spare room). Heap snapshots at minute 3 and at the end report
 * V8's compiled code apart. Writes soak/results.json and soak/samples.csv (one row a minute,
 * plot-ready).
 *
 *   npm run soak -- --minutes 30     (builds the app first; --no-build to skip)
 *
 * `--heap-diff` also prints the kinds of objects that grew most between those heap snapshots
 * (scripts/heap-diff.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { preview } from 'vite';
import { NO_CHROMIUM, QUIET_ARGS, findChromium } from './chromium.mjs';
import { probeScript, takeSnapshot } from './bench/cell';
import { formatGrowth, growth as heapGrowth, summarise, type HeapKind } from './heap-diff';

/** Growth allowed after the warm-up, as a fraction. */
const ALLOWED_GROWTH = 0.1;
/** Bytes a training step adds to a run's loss curve (shared/step-series.ts: 5 float64s). */
const STEP_BYTES = 40;
/** The figures outside the JS heap (ArrayBuffers), which hold the curve. */
const BACKING_FIGURES: ReadonlySet<string> = new Set(['pageBackingBytes', 'workerBackingBytes']);
/** Minutes of warm-up (caches, the first evaluations, the autosave's buffers). */
const WARMUP_MINUTES = 3;
/** How long after an autosave ends a sample is taken (a third of the page's 30-s interval). */
const AFTER_SAVE_MS = 10_000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? NaN : Number(process.argv[index + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

interface SoakSample {
  minute: number;
  step: number;
  tensors: number | null;
  tfjsBytes: number | null;
  pageHeapBytes: number | null;
  workerHeapBytes: number | null;
  /** ArrayBuffer and WebAssembly memory outside the JS heap (`backingStorageSize`), if known. */
  pageBackingBytes: number | null;
  workerBackingBytes: number | null;
}

/** `Runtime.getHeapUsage`'s JS heap in use and the backing stores outside it. */
interface HeapUsage {
  used: number | null;
  backing: number | null;
}

function heapUsage(result: Record<string, unknown> | null): HeapUsage {
  const figure = (name: string): number | null => {
    const value = result?.[name];
    return typeof value === 'number' ? value : null;
  };
  return { used: figure('usedSize'), backing: figure('backingStorageSize') };
}

/** A DevTools session on the training worker's target: its heap, and heap snapshots. */
interface WorkerHeap {
  used: () => Promise<HeapUsage>;
  snapshot: () => Promise<string | null>;
}

/**
 * The training worker's JS heap, read over the DevTools protocol (`Runtime.getHeapUsage` in the
 * worker's own target): `measureUserAgentSpecificMemory` does not answer while it trains.
 */
async function workerHeap(browser: Browser): Promise<WorkerHeap> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('trainer'));
  if (worker === undefined) {
    return { used: () => Promise.resolve(heapUsage(null)), snapshot: () => Promise.resolve(null) };
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  const answers = new Map<number, (result: Record<string, unknown> | null) => void>();
  let chunks: string[] = [];
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as {
      id?: number;
      method?: string;
      result?: Record<string, unknown>;
      params?: { chunk?: string };
    };
    if (message.id !== undefined) answers.get(message.id)?.(message.result ?? null);
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      chunks.push(message.params?.chunk ?? '');
    }
  });
  let id = 0;
  const ask = (method: string, timeoutMs = 30_000): Promise<Record<string, unknown> | null> =>
    new Promise((resolve) => {
      id += 1;
      const asked = id;
      // A timer left running would keep the process alive after the soak ends.
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (result: Record<string, unknown> | null): void => {
        clearTimeout(timer);
        answers.delete(asked);
        resolve(result);
      };
      answers.set(asked, finish);
      const message = JSON.stringify({ id: asked, method });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message });
    });
  return {
    // What is still reachable after a full collection, not when garbage happens to be collected.
    used: async () => {
      await ask('HeapProfiler.collectGarbage');
      return heapUsage(await ask('Runtime.getHeapUsage'));
    },
    snapshot: async () => {
      chunks = [];
      const done = await ask('HeapProfiler.takeHeapSnapshot', 300_000);
      return done === null ? null : chunks.join('');
    },
  };
}

/** A heap snapshot of the page (taken after a full collection). */
async function pageSnapshot(session: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  session.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  session.off('HeapProfiler.addHeapSnapshotChunk', collect);
  return chunks.join('');
}

/** Readings of a heap taken for each sample; the least of them is kept. */
const READINGS = 3;

/**
 * The least of `READINGS` readings, 2 s apart, each after a full collection. What a run holds
 * stays reachable in every reading; what the page holds only for a moment (a message being
 * handled, a render's previous props, an evaluation report on its way) does not, and a single
 * reading landed on such a moment one minute in four (+0.7–1.1 MB on the page).
 */
async function leastOf(read: () => Promise<HeapUsage>, page: Page): Promise<HeapUsage> {
  const min = (a: number | null, b: number | null): number | null =>
    a === null ? b : b === null ? a : Math.min(a, b);
  const least: HeapUsage = { used: null, backing: null };
  for (let i = 0; i < READINGS; i++) {
    if (i > 0) await page.waitForTimeout(2_000);
    const now = await read();
    least.used = min(least.used, now.used);
    least.backing = min(least.backing, now.backing);
  }
  return least;
}

/** Waits until the page reports an autosave newer than the one it shows now (at most 45 s). */
async function afterNextAutosave(page: Page): Promise<void> {
  const status = page.getByTestId('autosave-status');
  const shown = async (): Promise<string | null> =>
    (await status.count()) === 0 ? null : status.getAttribute('data-step');
  const before = await shown();
  const until = Date.now() + 45_000;
  while (Date.now() < until && (await shown()) === before) await page.waitForTimeout(250);
}

const FIGURES = [
  'tensors',
  'tfjsBytes',
  'pageHeapBytes',
  'workerHeapBytes',
  'pageBackingBytes',
  'workerBackingBytes',
] as const;

async function main(): Promise<void> {
  const minutes = option('minutes', 30);
  const heapDiff = process.argv.includes('--heap-diff');
  if (!process.argv.includes('--no-build')) {
    const built = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(NO_CHROMIUM);
  const server = await preview({
    preview: { port: 4182, strictPort: false, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (baseUrl === undefined) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({
    executablePath,
    args: [
      ...QUIET_ARGS,
      '--enable-precise-memory-info',
      '--enable-blink-features=ForceEagerMeasureMemory',
    ],
  });
  const samples: SoakSample[] = [];
  /**
   * V8's compiled code in each heap (heap snapshots' "code") at the end of the warm-up and at
   * the end. It grows while V8 optimises the app's hot functions (fewer, larger code objects:
   * +0.4 MB over the first 12 minutes of a Medium run), which is the engine caching the app's
   * code, not memory a run holds. Reported beside the heaps, which are judged as they are.
   */
  const codeBytes: Record<'from' | 'to', { page: number | null; worker: number | null }> = {
    from: { page: null, worker: null },
    to: { page: null, worker: null },
  };
  let longTasks = 0;
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => localStorage.setItem('playground.tourSeen', '1'));
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript({ content: probeScript() });
    // Enough steps that the run is still training when the soak ends.
    await page.goto(
      `${baseUrl}/?backend=wasm&step=train&preset=medium&corpus=moby-dick&steps=100000`,
    );
    await page.getByTestId('train-vocab').waitFor({ timeout: 120_000 });
    await page
      .getByTestId('run-controls')
      .getByRole('button', { name: 'Start', exact: true })
      .click();
    const started = Date.now();
    const worker = await workerHeap(browser);
    const pageSession = await context.newCDPSession(page);
    let heapsAtWarmup: { page: Map<string, HeapKind>; worker: Map<string, HeapKind> } | null = null;
    const heaps = async (): Promise<{
      page: Map<string, HeapKind>;
      worker: Map<string, HeapKind>;
    }> => {
      const workerText = await worker.snapshot();
      return {
        page: summarise(await pageSnapshot(pageSession)),
        worker: workerText === null ? new Map() : summarise(workerText),
      };
    };
    for (let minute = 1; minute <= minutes; minute++) {
      await page.waitForTimeout(Math.max(0, started + minute * 60_000 - Date.now()));
      // An autosave holds the run's encoded state (weights, moments, curves) while it writes,
      // and the worker lets go of its buffers only once the store has them: a sample taken then
      // counts a copy that is gone seconds later (+8 MB outside the worker's heap). Sample a
      // third of the way between two autosaves instead (the page saves every 30 s), so every
      // sample sees the same point of the save cycle.
      await afterNextAutosave(page);
      await page.waitForTimeout(AFTER_SAVE_MS);
      // The probe's own records would grow the page's heap: keep the latest sample only, and
      // count the long tasks before dropping them.
      longTasks += await page.evaluate(() => {
        const probe = window.benchProbe;
        if (probe === undefined) return 0;
        probe.samples.splice(0, probe.samples.length - 1);
        probe.inputs.length = 0;
        probe.longFrames.length = 0;
        return probe.longTasks.splice(0).filter((task) => task.duration > 50).length;
      });
      // Read right after the collection: the page keeps allocating (renders, messages), and a
      // reading taken a second later (performance.memory, in `takeSnapshot`) counted that
      // garbage too, up to +1.7 MB on one sample in ten.
      const pageUsed = async (): Promise<HeapUsage> => {
        await pageSession.send('HeapProfiler.collectGarbage');
        return heapUsage(
          (await pageSession.send('Runtime.getHeapUsage')) as unknown as Record<string, unknown>,
        );
      };
      const pageUsage = await leastOf(pageUsed, page);
      const workerUsage = await leastOf(worker.used, page);
      const snapshot = await takeSnapshot(page, 1000);
      const sample: SoakSample = {
        minute,
        step: snapshot?.step ?? 0,
        tensors: snapshot?.tensors ?? null,
        tfjsBytes: snapshot?.tfjsBytes ?? null,
        pageHeapBytes: pageUsage.used ?? snapshot?.pageHeapBytes ?? null,
        workerHeapBytes: workerUsage.used ?? snapshot?.workerHeapBytes ?? null,
        pageBackingBytes: pageUsage.backing,
        workerBackingBytes: workerUsage.backing,
      };
      samples.push(sample);
      process.stdout.write(`${JSON.stringify(sample)}\n`);
      // Heap snapshots at the end of the warm-up and at the end: V8's compiled code, counted
      // apart (see `codeBytes`), and with --heap-diff what grew by kind.
      if (minute === Math.min(WARMUP_MINUTES, minutes) || minute === minutes) {
        const now = await heaps();
        const code = {
          page: now.page.get('code')?.bytes ?? null,
          worker: now.worker.get('code')?.bytes ?? null,
        };
        if (heapsAtWarmup === null) {
          heapsAtWarmup = now;
          codeBytes.from = code;
        } else {
          codeBytes.to = code;
          if (heapDiff)
            process.stdout.write(
              formatGrowth(
                `page heap, minute ${WARMUP_MINUTES} → ${minute}`,
                heapGrowth(heapsAtWarmup.page, now.page),
              ) +
                formatGrowth(
                  `worker heap, minute ${WARMUP_MINUTES} → ${minute}`,
                  heapGrowth(heapsAtWarmup.worker, now.worker),
                ),
            );
        }
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const base = samples.find((s) => s.minute === Math.min(WARMUP_MINUTES, minutes)) ?? samples[0];
  const last = samples.at(-1);
  const growth = Object.fromEntries(
    FIGURES.map((figure) => {
      const from = base?.[figure] ?? null;
      const to = last?.[figure] ?? null;
      return [figure, from === null || to === null || from === 0 ? null : to / from - 1];
    }),
  );
  const stepsSinceWarmup = (last?.step ?? 0) - (base?.step ?? 0);
  /** A figure at the warm-up and at the end. */
  const judged = (f: (typeof FIGURES)[number]): [number | null, number | null] => [
    base?.[f] ?? null,
    last?.[f] ?? null,
  ];
  const grown = FIGURES.filter((f) => {
    const [from, to] = judged(f);
    if (from === null || to === null || from === 0) return false;
    // Memory outside the heap holds the loss curve, which must grow with the run: each figure
    // may grow by 10% plus the curve's 40 bytes a step, twice over (its array's spare room).
    const allowance = BACKING_FIGURES.has(f) ? 2 * STEP_BYTES * stepsSinceWarmup : 0;
    return to - from > ALLOWED_GROWTH * from + allowance;
  });
  const passed = grown.length === 0 && errors.length === 0 && (last?.step ?? 0) > (base?.step ?? 0);
  mkdirSync('soak', { recursive: true });
  writeFileSync(
    'soak/results.json',
    `${JSON.stringify({ minutes, warmupMinutes: WARMUP_MINUTES, allowedGrowth: ALLOWED_GROWTH, growth, codeBytes, passed, errors, longTasksOver50ms: longTasks, samples }, null, 2)}\n`,
  );
  writeFileSync(
    'soak/samples.csv',
    `minute,step,${FIGURES.join(',')}\n${samples.map((s) => [s.minute, s.step, ...FIGURES.map((f) => s[f] ?? '')].join(',')).join('\n')}\n`,
  );
  process.stdout.write(
    `growth from minute ${base?.minute} to ${last?.minute}: ${FIGURES.map((f) => `${f} ${growth[f] === null ? 'n/a' : `${((growth[f] ?? 0) * 100).toFixed(1)}%`}`).join(', ')}\n` +
      `V8's compiled code in the heaps (heap snapshots): page ${codeBytes.from.page ?? '–'} → ${codeBytes.to.page ?? '–'} bytes, worker ${codeBytes.from.worker ?? '–'} → ${codeBytes.to.worker ?? '–'}\n` +
      `steps ${base?.step} → ${last?.step}; page errors: ${errors.length}; long tasks over 50 ms: ${longTasks}\n` +
      `${passed ? 'PASSED' : `FAILED${grown.length > 0 ? `: ${grown.join(', ')} grew more than ${ALLOWED_GROWTH * 100}%` : ''}`} (soak/results.json, soak/samples.csv)\n`,
  );
  if (!passed) process.exitCode = 1;
}

await main();
