/**
 * Offline after the first load: once the service worker has cached the app, a reload without
 * the network still opens the page, cross-origin isolated (the threaded WASM backend needs
 * it), and a Tiny run trains on a built-in corpus.
 */
import { expect, test } from '@playwright/test';
import { startButton, waitForSteps } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('after one load, the page reloads offline and a Tiny run trains', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?backend=wasm&step=train&preset=tiny');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 90_000 });
  // The service worker takes control of pages loaded after it activated.
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const cached = await page.evaluate(async () => {
    let bytes = 0;
    let entries = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if (response !== undefined) bytes += (await response.arrayBuffer()).byteLength;
        entries += 1;
      }
    }
    return { bytes, entries };
  });
  test.info().annotations.push({
    type: 'service worker cache',
    description: `${cached.entries} entries, ${cached.bytes.toLocaleString('en')} bytes`,
  });
  console.log(`service worker cache: ${cached.entries} entries, ${cached.bytes} bytes`);
  expect(cached.bytes).toBeGreaterThan(1_000_000);

  await context.setOffline(true);
  await page.goto('/?backend=wasm&step=train&preset=tiny&corpus=sotu');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pre-training Playground' }),
  ).toBeVisible();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('train-data')).toContainText('State of the Union');
  await expect(page.getByTestId('train-vocab')).toBeVisible({ timeout: 60_000 });
  await startButton(page).click();
  await waitForSteps(page, 5);
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d+$/);
  await context.setOffline(false);
});
