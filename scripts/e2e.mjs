#!/usr/bin/env node
// `npm run test:e2e`: finds a Chromium, then runs `playwright test` with it.
//
// See scripts/chromium.mjs for where it looks. The path reaches playwright.config.ts as
// PLAYWRIGHT_CHROMIUM_PATH. Extra arguments are passed on to `playwright test`.
//
//   node scripts/e2e.mjs [playwright test args...]
//   node scripts/e2e.mjs --print-browser   prints the browser path (exit 1 when none)

import { spawn } from 'node:child_process';
import { findChromium, NO_CHROMIUM } from './chromium.mjs';

const args = process.argv.slice(2);
const browser = findChromium();

if (args[0] === '--print-browser') {
  if (browser !== undefined) console.log(browser);
  process.exit(browser === undefined ? 1 : 0);
}

if (browser === undefined) {
  console.error(NO_CHROMIUM);
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
