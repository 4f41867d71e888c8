#!/usr/bin/env node
// `npm run test:e2e`: finds a Chromium, then runs `playwright test` with it.
//
// Playwright cannot download its own browsers everywhere (e.g. behind a closed network), so
// this looks, in order, for: the CHROMIUM_PATH environment variable (when set), Playwright's
// own Chromium (`npx playwright install chromium`), then the system /usr/bin/chromium
// (`apt-get install -y chromium`). The path reaches playwright.config.ts as
// PLAYWRIGHT_CHROMIUM_PATH. Extra arguments are passed on to `playwright test`.
//
//   node scripts/e2e.mjs [playwright test args...]
//   node scripts/e2e.mjs --print-browser   prints the browser path (exit 1 when none)

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, playwrightChromium(), '/usr/bin/chromium'];
  return candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
}

const args = process.argv.slice(2);
const browser = findChromium();

if (args[0] === '--print-browser') {
  if (browser !== undefined) console.log(browser);
  process.exit(browser === undefined ? 1 : 0);
}

if (browser === undefined) {
  console.error('No Chromium found: run `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  process.exit(1);
}

const child = spawn('npx', ['playwright', 'test', ...args], {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: browser },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 128));
});
