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
 * The flags that give headless Chromium on a machine without a GPU an emulated one
 * (SwiftShader), so that WebGL and WebGPU exist: WebGPU needs --enable-unsafe-webgpu (without
 * it requestAdapter() returns null). The emulated GPU also composites the page, on the CPU.
 */
export const GPU_EMULATION_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
];

/** Flags that keep a browser on a closed network from trying to phone home. */
export const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium flags for the tests: every backend available. */
export const CHROMIUM_ARGS = [...GPU_EMULATION_ARGS, ...QUIET_ARGS];

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
