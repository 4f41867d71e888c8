import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  PATTERN_TEXT,
  numberAttribute,
  runStatus,
  setNumber,
  startButton,
  useOwnText,
} from './helpers';

/** A backend as these tests open it: `?backend=` and, for WASM, `?threads=` (one worker). */
interface BackendCase {
  name: string;
  backend: 'webgpu' | 'wasm' | 'webgl' | 'cpu';
  threads?: number;
}

const CASES: BackendCase[] = [
  { name: 'WebGPU', backend: 'webgpu' },
  { name: 'WASM, two threads', backend: 'wasm', threads: 2 },
  { name: 'WASM, one thread', backend: 'wasm', threads: 1 },
  { name: 'WebGL', backend: 'webgl' },
  { name: 'CPU', backend: 'cpu' },
];

/** Steps trained: enough for the loss on the pattern to fall, few enough for WebGPU on SwiftShader. */
const STEPS = 30;

/**
 * Opens the playground on a backend and returns null, or why the backend is unavailable in
 * this browser (the app then falls back to another one and lists why).
 */
async function openOn(page: Page, which: BackendCase): Promise<string | null> {
  const threads = which.threads === undefined ? '' : `&threads=${which.threads}`;
  await page.goto(`/?backend=${which.backend}${threads}&preset=tiny&step=train`);
  const badge = page.locator('[data-testid="backend-badge"]:not([data-backend=""])');
  await expect(badge).toHaveCount(1, { timeout: 90_000 });
  const inUse = await badge.getAttribute('data-backend');
  if (inUse !== which.backend) {
    const fallbacks = await page.getByRole('list', { name: 'Backend fallbacks' }).textContent();
    return `${which.backend} is unavailable in this browser: ${fallbacks ?? `fell back to ${inUse}`}`;
  }
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
  return null;
}

test.describe('every backend the browser offers trains a tiny model', () => {
  for (const which of CASES) {
    test(`${which.name}: the loss falls`, async ({ page }) => {
      test.setTimeout(240_000);
      if (which.threads !== undefined && which.threads > 1) {
        const isolated = await page.goto('/').then(() => page.evaluate(() => crossOriginIsolated));
        test.skip(!isolated, 'WASM threads need a cross-origin isolated page (COOP/COEP headers)');
      }
      const unavailable = await openOn(page, which);
      test.skip(unavailable !== null, unavailable ?? '');

      const badge = page.getByTestId('backend-badge');
      expect(await numberAttribute(badge, 'data-matmul-gflops')).toBeGreaterThan(0);
      if (which.backend === 'wasm') {
        // tfjs clamps the threads to half the cores (issue #8513); the worker lifts the clamp.
        await expect(badge).toHaveAttribute('data-threads', String(which.threads));
      }

      await useOwnText(page, PATTERN_TEXT);
      await setNumber(page, 'Context length', 16);
      await setNumber(page, 'Batch size', 4);
      await setNumber(page, 'Warm-up steps', 0);
      await setNumber(page, 'Steps', STEPS);
      await startButton(page).click();
      await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });

      const run = page.getByTestId('run-legend-item');
      const first = await numberAttribute(run, 'data-first-loss');
      const last = await numberAttribute(run, 'data-last-loss');
      test.info().annotations.push({
        type: `${which.name} loss`,
        description: `${first.toFixed(3)} → ${last.toFixed(3)} in ${STEPS} steps`,
      });
      expect(Number.isFinite(first)).toBe(true);
      expect(last).toBeLessThan(first);
      // The stats panel shows what tfjs holds in the worker.
      const stats = page.getByTestId('stats-panel');
      expect(await numberAttribute(stats, 'data-tensors')).toBeGreaterThan(0);
      await expect(page.getByTestId('memory')).toContainText('B');
    });
  }
});

/** Skips a test of helper workers where the page cannot have them. */
async function skipUnlessIsolated(page: Page): Promise<void> {
  await page.goto('/');
  const isolated = await page.evaluate(() => crossOriginIsolated);
  test.skip(!isolated, 'Helper workers need shared memory: a cross-origin isolated page');
}

test('WASM, a batch shared between two workers: the loss falls and the stats say so', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await skipUnlessIsolated(page);
  // Small is large enough to share its batches (src/config/query.ts, trainingWorkersFor).
  await page.goto('/?backend=wasm&workers=2&preset=small&step=train');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 90_000,
  });
  await useOwnText(page, PATTERN_TEXT);
  await setNumber(page, 'Warm-up steps', 0);
  await setNumber(page, 'Steps', 60);
  await startButton(page).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });

  const stats = page.getByTestId('stats-panel');
  await expect(stats).toHaveAttribute('data-workers', '2');
  await expect(stats).toContainText('2 workers');
  const run = page.getByTestId('run-legend-item');
  const first = await numberAttribute(run, 'data-first-loss');
  const last = await numberAttribute(run, 'data-last-loss');
  test.info().annotations.push({
    type: 'two workers loss',
    description: `${first.toFixed(3)} → ${last.toFixed(3)} in 60 steps`,
  });
  expect(Number.isFinite(first)).toBe(true);
  expect(last).toBeLessThan(first - 0.5);

  // The helper outlives its run: a second run (new settings, so a new model) shares its batches
  // with the helper the first run handed back, and learns as well.
  await setNumber(page, 'Steps', 40);
  await startButton(page).click();
  await expect(run).toHaveCount(2);
  const second = run.nth(1);
  await expect(second).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  await expect(stats).toHaveAttribute('data-workers', '2');
  const secondFirst = await numberAttribute(second, 'data-first-loss');
  const secondLast = await numberAttribute(second, 'data-last-loss');
  test.info().annotations.push({
    type: 'second run, two workers, loss',
    description: `${secondFirst.toFixed(3)} → ${secondLast.toFixed(3)} in 40 steps`,
  });
  expect(secondLast).toBeLessThan(secondFirst - 0.5);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('WASM, a helper that cannot start its backend: the run trains in one worker and says why', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await skipUnlessIsolated(page);
  // The training worker loads the WASM binary first, then its helper loads it (routing turns the
  // HTTP cache off): only the first load goes through.
  let wasmLoads = 0;
  await page.route('**/tfjs-wasm/*.wasm', (route) =>
    wasmLoads++ === 0 ? route.continue() : route.abort(),
  );
  await page.goto('/?backend=wasm&workers=2&preset=small&step=train');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 90_000,
  });
  await useOwnText(page, PATTERN_TEXT);
  await setNumber(page, 'Warm-up steps', 0);
  await setNumber(page, 'Steps', 40);
  await startButton(page).click();
  await expect(page.getByRole('alert')).toContainText(
    'A training helper failed: Its WASM backend did not start',
    { timeout: 60_000 },
  );
  await expect(page.getByRole('alert')).toContainText('Training goes on in one worker.');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  expect(wasmLoads).toBeGreaterThan(1);
  await expect(page.getByTestId('stats-panel')).toHaveAttribute('data-workers', '1');
  // The inference worker could not load the binary either: the run evaluated and predicted
  // itself, and the live prediction shows no error.
  await expect(page.getByTestId('prediction-error')).toHaveCount(0);
  const run = page.getByTestId('run-legend-item');
  const first = await numberAttribute(run, 'data-first-loss');
  const last = await numberAttribute(run, 'data-last-loss');
  expect(last).toBeLessThan(first - 0.5);
});

test('Auto times training on every backend, says the figures, and keeps its choice for the session', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => localStorage.setItem('playground.tourSeen', '1'));
  await page.goto('/?preset=tiny&step=train');
  const note = page.getByTestId('backend-speed-test');
  await expect(note).toBeVisible({ timeout: 120_000 });
  const text = (await note.textContent()) ?? '';
  // Each CPU-side backend trains in the test; the software GPU is only multiplied, and says so.
  expect(text).toMatch(/the fastest at training/);
  expect(text).toMatch(/WebAssembly [\d.,]+ k? ?tokens\/s/);
  expect(text).toMatch(/WebGL ([\d.,]+ k? ?tokens\/s|did not start)/);
  expect(text).toMatch(/WebGPU \(software GPU\) [\d.,]+ GFLOP\/s, training not timed/);
  const badge = page.locator('[data-testid="backend-badge"]:not([data-backend=""])');
  const chosen = await badge.getAttribute('data-backend');
  expect(chosen).toBe('wasm');
  await page.screenshot({ path: 'test-results/auto-speed-test.png' });

  // A reload in the same session reuses the figures instead of measuring again.
  await page.reload();
  await expect(note).toContainText('Measured earlier in this session', { timeout: 60_000 });
  expect(await note.textContent()).toContain(text.replace(/\.$/, ''));
  await expect(badge).toHaveAttribute('data-backend', chosen ?? '');
});
