/**
 * What autosave costs: trains the Medium preset (nanoGPT's CPU recipe) on Moby-Dick on WASM in
 * headless Chromium with autosave every `--every` seconds (default 5, six times the page's
 * default) and, interleaved, with autosave off in practice (every 600 s), `--rounds` times each
 * for `--seconds` seconds. Prints the wall-clock tokens/s of both (steps × tokens per step ÷ wall
 * time, evaluations included in both), their ratio, each autosave's time by part (reading the
 * state back, encoding, storing; all in the worker), its size and the page's long tasks.
 *
 *   npm run build && npx tsx scripts/bench-autosave.ts [--every 5] [--seconds 45] [--rounds 3]
 */
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { NO_CHROMIUM, QUIET_ARGS, findChromium } from './chromium.mjs';

interface Sample {
  at: number;
  step: number;
}

interface Recorded {
  samples: Sample[];
  saves: { step: number; bytes: number; readMs: number; encodeMs: number; storeMs: number }[];
  tokensPerStep: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? NaN : Number(process.argv[index + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Trains for `seconds` with autosave every `every` s; what the training worker posted. */
async function trainOnce(
  page: Page,
  baseUrl: string,
  every: number,
  seconds: number,
): Promise<Recorded & { longTasks: number[] }> {
  await page.goto(
    `${baseUrl}/?backend=wasm&step=train&preset=medium&corpus=moby-dick&autosave=${every}`,
  );
  await page.getByTestId('train-vocab').waitFor({ timeout: 120_000 });
  process.stderr.write(`page open (autosave every ${every} s)\n`);
  const trainer = page.workers().find((w) => w.url().includes('trainer'));
  if (trainer === undefined) throw new Error('no training worker');
  await trainer.evaluate(() => {
    const record = { samples: [] as Sample[], saves: [] as Recorded['saves'], tokensPerStep: 0 };
    (globalThis as { recorded?: Recorded }).recorded = record;
    const post = self.postMessage.bind(self);
    self.postMessage = ((message: unknown, options?: StructuredSerializeOptions) => {
      const event = message as Record<string, unknown>;
      if (event.type === 'configured') {
        record.tokensPerStep = (event.run as { tokensPerStep: number }).tokensPerStep;
      } else if (event.type === 'metrics') {
        const steps = event.steps as { step: number }[];
        const last = steps.at(-1);
        if (last !== undefined) record.samples.push({ at: performance.now(), step: last.step });
      } else if (event.type === 'autosaved') {
        const info = event.info as { step: number; bytes: number };
        record.saves.push({
          step: info.step,
          bytes: info.bytes,
          ...(event.timing as Omit<Recorded['saves'][number], 'step' | 'bytes'>),
        });
      }
      post(message, options);
    }) as typeof self.postMessage;
  });
  await page.evaluate(() => {
    const tasks: number[] = [];
    (globalThis as { longTasks?: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page
    .getByTestId('run-controls')
    .getByRole('button', { name: 'Start', exact: true })
    .click();
  await page.waitForTimeout(seconds * 1000);
  const recorded = await trainer.evaluate(() => (globalThis as { recorded?: Recorded }).recorded);
  const longTasks = await page.evaluate(
    () => (globalThis as { longTasks?: number[] }).longTasks ?? [],
  );
  if (recorded === undefined) throw new Error('nothing recorded');
  return { ...recorded, longTasks };
}

/** Wall-clock tokens/s after the first 10 s (building, the first evaluation). */
function wallTokensPerSec(recorded: Recorded): number {
  const start = recorded.samples[0]?.at ?? 0;
  const after = recorded.samples.filter((s) => s.at - start >= 10_000);
  const first = after[0];
  const last = after.at(-1);
  if (first === undefined || last === undefined || last.at === first.at) return NaN;
  return ((last.step - first.step) * recorded.tokensPerStep * 1000) / (last.at - first.at);
}

async function main(): Promise<void> {
  const every = option('every', 5);
  const seconds = option('seconds', 45);
  const rounds = option('rounds', 3);
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(NO_CHROMIUM);
  const server = await preview({
    preview: { port: 4181, strictPort: false, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (baseUrl === undefined) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({ executablePath, args: QUIET_ARGS });
  const ratios: number[] = [];
  const saves: Recorded['saves'] = [];
  const longTasks: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const rates: Record<string, number> = {};
      for (const interval of [600, every]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        // A returning visitor: the first-visit tour would cover the page.
        await context.addInitScript(() => localStorage.setItem('playground.tourSeen', '1'));
        const page = await context.newPage();
        const recorded = await trainOnce(page, baseUrl, interval, seconds);
        await context.close();
        rates[interval] = wallTokensPerSec(recorded);
        if (interval === every) {
          saves.push(...recorded.saves);
          longTasks.push(...recorded.longTasks);
        }
        process.stdout.write(
          `round ${round}, autosave every ${interval} s: ${Math.round(rates[interval] ?? NaN)} tokens/s (wall), ${recorded.saves.length} autosaves\n`,
        );
      }
      ratios.push((rates[every] ?? NaN) / (rates[600] ?? NaN));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const total = saves.map((s) => s.readMs + s.encodeMs + s.storeMs);
  process.stdout.write(
    [
      `autosave every ${every} s ÷ no autosave, wall tokens/s: ${ratios.map((r) => r.toFixed(3)).join(', ')} (median ${median(ratios).toFixed(3)})`,
      `per autosave (${saves.length}): median ${median(total).toFixed(0)} ms in the worker — reading back ${median(saves.map((s) => s.readMs)).toFixed(0)} ms, encoding ${median(saves.map((s) => s.encodeMs)).toFixed(0)} ms, storing ${median(saves.map((s) => s.storeMs)).toFixed(0)} ms; ${((saves[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB each`,
      `training time an autosave every 30 s would take: ${((100 * median(total)) / 30_000).toFixed(2)}% (reading back and encoding hold up training: ${((100 * median(saves.map((s) => s.readMs + s.encodeMs))) / 30_000).toFixed(2)}%)`,
      `long tasks on the page while autosaving every ${every} s: ${longTasks.length}${longTasks.length > 0 ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : ''}`,
    ].join('\n') + '\n',
  );
}

await main();
