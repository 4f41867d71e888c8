// Where the tests and the benchmark find a Chromium, and how they start it.
//
// Playwright cannot download its own browsers on a closed network, so the order is the
// README's: Playwright's own Chromium (`npx playwright install chromium`), then the system
// one at /usr/bin/chromium (`apt-get install -y chromium`), then $CHROMIUM_PATH.

import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** What to say when there is none. */
export const NO_CHROMIUM =
  'No Chromium found: run `apt-get install -y chromium` (or set CHROMIUM_PATH)';

/**
 * Chromium flags. WebGPU in headless Chromium needs --enable-unsafe-webgpu (without it
 * requestAdapter() returns null); with no GPU the adapter is SwiftShader, a CPU emulation.
 * The rest keep a browser on a closed network from trying to phone home.
 */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The first Chromium found, or undefined. */
export function findChromium() {
  const candidates = [playwrightChromium(), '/usr/bin/chromium', process.env.CHROMIUM_PATH];
  return candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
}
