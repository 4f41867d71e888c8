import { expect, test } from '@playwright/test';

// The Node-side tsconfig has no DOM lib, so the bits of the browser used below are typed here.
interface CorpusEntry {
  id: string;
  name: string;
  licence: string;
  bytes: number;
  url: string;
}
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string };
}
interface BrowserGlobals {
  crossOriginIsolated: boolean;
  navigator: { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } };
}

test('the app loads, is cross-origin isolated, has corpora and WebGPU', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Pre-training Playground' }),
  ).toBeVisible();

  const isolated = await page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).crossOriginIsolated,
  );
  expect(isolated, 'COOP/COEP headers make the page cross-origin isolated').toBe(true);

  const response = await request.get('/corpora/index.json');
  expect(response.ok()).toBe(true);
  const corpora = (await response.json()) as CorpusEntry[];
  expect(corpora.length).toBeGreaterThanOrEqual(2);
  for (const corpus of corpora) {
    expect(corpus.licence, `${corpus.id} has a licence`).not.toBe('');
    expect(corpus.bytes, `${corpus.id} is not empty`).toBeGreaterThan(0);
    const text = await request.get(`/${corpus.url}`);
    expect(text.ok(), `${corpus.url} is served`).toBe(true);
  }

  const wasm = await request.head('/tfjs-wasm/tfjs-backend-wasm-simd.wasm');
  expect(wasm.ok(), 'the tfjs WASM binaries are served').toBe(true);
  expect(wasm.headers()['content-type']).toContain('application/wasm');

  const adapter = await page.evaluate(async () => {
    const gpu = (globalThis as unknown as BrowserGlobals).navigator.gpu;
    if (gpu === undefined) return 'navigator.gpu is undefined';
    const found = await gpu.requestAdapter();
    if (found === null) return 'requestAdapter() returned null';
    return `adapter: ${found.info?.vendor ?? '?'} ${found.info?.architecture ?? '?'}`;
  });
  expect(adapter).toMatch(/^adapter: /);
  test.info().annotations.push({ type: 'webgpu', description: adapter });

  await page.screenshot({ path: 'test-results/smoke.png', fullPage: true });
});
