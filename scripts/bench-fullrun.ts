/**
 * A whole run, wall clock against wall clock: the Medium preset (nanoGPT's CPU recipe) trains its
 * 2,000 steps on a text of your own in the page (WASM, headless Chromium, evaluations and live
 * predictions as the page does them), and nanoGPT's train.py recipe (scripts/bench/reference.py:
 * its model, AdamW groups, schedule and loop; 2,000 iterations, evaluation every 250 on 20
 * batches as its CPU config) trains on the same text on the same machine, one after the other.
 * Prints and saves (bench/fullrun.json) both wall times and both final validation losses.
 *
 *   npm run build && npx tsx scripts/bench-fullrun.ts --text input.txt [--steps 2000] [--no-reference]
 *
 * Tiny Shakespeare (karpathy/char-rnn's data/tinyshakespeare/input.txt) is the text the issue
 * measures with; it is not part of the repository.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { NO_CHROMIUM, QUIET_ARGS, findChromium } from './chromium.mjs';
import { runReference, type ReferenceResult } from './bench/reference';

const { values } = parseArgs({
  options: {
    text: { type: 'string' },
    steps: { type: 'string', default: '2000' },
    'no-reference': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/fullrun.json' },
  },
});
if (values.text === undefined) throw new Error('--text PATH is required (a UTF-8 text file)');
const textPath = values.text;
const steps = Number(values.steps);
if (!Number.isInteger(steps) || steps < 100) throw new Error('--steps must be an integer ≥ 100');
const text = readFileSync(textPath, 'utf8');

/** The page's run: wall time from Start to Done, and its last validation loss. */
async function pageRun(): Promise<{ wallSeconds: number; valLoss: number; step: number }> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(NO_CHROMIUM);
  const server = await preview({
    preview: { port: 4183, strictPort: false, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (baseUrl === undefined) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({ executablePath, args: [...QUIET_ARGS] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => localStorage.setItem('playground.tourSeen', '1'));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?backend=wasm&step=data&preset=medium&steps=${steps}`);
    const box = page.getByRole('textbox', { name: 'Paste text' });
    // fill() types long text slowly: set the value and dispatch `input` instead.
    await box.evaluate((element, value) => {
      const area = element as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(
        area,
        value,
      );
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await page.getByRole('button', { name: 'Use pasted text' }).click();
    await page.getByTestId('step-train').click();
    await page.getByTestId('train-vocab').waitFor({ timeout: 300_000 });
    const started = Date.now();
    await page
      .getByTestId('run-controls')
      .getByRole('button', { name: 'Start', exact: true })
      .click();
    const status = page.getByTestId('run-status');
    let last = 0;
    for (;;) {
      const now = await status.getAttribute('data-status');
      if (now === 'done') break;
      if (now === 'diverged' || now === 'stopped') throw new Error(`the page's run ${now}`);
      const step = Number(await page.getByTestId('step-count').textContent());
      if (step >= last + 250) {
        last = step;
        process.stderr.write(
          `  page: step ${step} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
        );
      }
      await page.waitForTimeout(200);
    }
    const wallSeconds = (Date.now() - started) / 1000;
    const step = Number(await page.getByTestId('step-count').textContent());
    process.stderr.write(`  page: done at step ${step} after ${wallSeconds.toFixed(1)} s\n`);
    // The validation table is on the Evaluate step.
    await page.getByTestId('step-evaluate').click();
    const row = page
      .locator('section[aria-label="Evaluation"]')
      .getByTestId('validation-row')
      .first();
    await row.waitFor({ timeout: 60_000 });
    const valLoss = Number(await row.getAttribute('data-val-loss'));
    await context.close();
    return { wallSeconds, valLoss, step };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** train.py's recipe on the same text: the process's whole wall time and its last evaluation. */
function referenceRun(): { wallSeconds: number; result: ReferenceResult } | { missing: string } {
  const started = Date.now();
  // nanoGPT evaluates at every 250th iteration, the last at max_iters, then stops after it.
  const run = runReference({
    seconds: 1e6,
    text: textPath,
    maxIters: steps + 1,
    evalInterval: 250,
    evalIters: 20,
  });
  if ('missing' in run) return run;
  return { wallSeconds: (Date.now() - started) / 1000, result: run.result };
}

const chars = [...text].length;
process.stderr.write(
  `text: ${textPath}, ${chars.toLocaleString('en')} characters, ${steps} steps\n`,
);
const reference = values['no-reference'] ? null : referenceRun();
if (reference !== null && 'result' in reference) {
  process.stderr.write(
    `train.py recipe (PyTorch ${reference.result.torch}, ${reference.result.threads} threads): ${reference.wallSeconds.toFixed(1)} s, validation loss ${reference.result.valLoss}\n`,
  );
}
const page = await pageRun();
process.stderr.write(
  `page (Medium, WASM): ${page.wallSeconds.toFixed(1)} s to step ${page.step}, validation loss ${page.valLoss}\n`,
);
const summary = {
  text: textPath,
  characters: chars,
  steps,
  page,
  reference:
    reference === null
      ? null
      : 'missing' in reference
        ? { missing: reference.missing }
        : {
            wallSeconds: reference.wallSeconds,
            valLoss: reference.result.valLoss,
            tokensPerSec: reference.result.tokensPerSec,
            threads: reference.result.threads,
            torch: reference.result.torch,
          },
  wallRatio:
    reference !== null && 'result' in reference ? page.wallSeconds / reference.wallSeconds : null,
};
mkdirSync('bench', { recursive: true });
writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary)}\n`);
