import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/chromium.mjs';

// `npm run test:e2e` (scripts/e2e.mjs) finds a Chromium and passes it in here.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;
// E2E_PORT and E2E_OUT let two checkouts' test runs share a machine (each builds into its own
// folder and serves it on its own port).
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: port === 4173 ? 'test-results' : `test-results-${port}`,
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Traces of pages holding a megabyte of corpus text fail to write (ENOENT at context close).
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    // Service workers stay out of the tests (page.route does not see what one answers), except
    // in tests/e2e/offline.spec.ts, which tests the offline cache.
    serviceWorkers: 'block',
    // Every test starts as a returning visitor: the first-visit tour (tests/e2e/classroom.spec.ts
    // tests it) would cover the page.
    storageState: {
      cookies: [],
      origins: [
        {
          origin: `http://127.0.0.1:${port}`,
          localStorage: [{ name: 'playground.tourSeen', value: '1' }],
        },
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `npm run build -- --outDir ${outDir} && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
