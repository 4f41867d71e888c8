/**
 * The machine a benchmark ran on: CPU, operating system, Node, Chromium and what the page
 * sees (user agent, cores, cross-origin isolation, the WebGPU adapter), and the git commit.
 */
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import type { Browser } from '@playwright/test';

/** What the page reports about the browser. */
export interface BrowserInfo {
  chromium: string;
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  /** The WebGPU adapter's info, or why there is none. */
  webgpuAdapter:
    | {
        vendor: string;
        architecture: string;
        device: string;
        description: string;
        isFallbackAdapter: boolean;
      }
    | { unavailable: string };
}

/** The machine and the code measured. */
export interface MachineInfo {
  date: string;
  git: { commit: string | null; dirty: boolean | null };
  os: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Facts about this machine and checkout. */
export function describeMachine(): MachineInfo {
  const status = git(['status', '--porcelain']);
  return {
    date: new Date().toISOString(),
    git: { commit: git(['rev-parse', 'HEAD']), dirty: status === null ? null : status !== '' },
    os: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
  };
}

interface GpuAdapterLike {
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

/** Asks a page of the app (at `url`) what the browser offers. */
export async function describeBrowser(browser: Browser, url: string): Promise<BrowserInfo> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    const seen = await page.evaluate(async () => {
      // The Node-side tsconfig knows the DOM but not WebGPU's types: the adapter is read loosely.
      const gpu = (
        navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }
      ).gpu;
      let adapter: BrowserInfo['webgpuAdapter'] = { unavailable: 'navigator.gpu is undefined' };
      if (gpu !== undefined) {
        const found = await gpu.requestAdapter().catch(() => null);
        const info = found?.info;
        adapter =
          found === null || found === undefined
            ? { unavailable: 'requestAdapter() returned null' }
            : {
                vendor: info?.vendor ?? '',
                architecture: info?.architecture ?? '',
                device: info?.device ?? '',
                description: info?.description ?? '',
                isFallbackAdapter: info?.isFallbackAdapter ?? false,
              };
      }
      return {
        userAgent: navigator.userAgent,
        hardwareConcurrency: navigator.hardwareConcurrency,
        crossOriginIsolated,
        webgpuAdapter: adapter,
      };
    });
    return { chromium: browser.version(), ...seen };
  } finally {
    await page.close();
  }
}
