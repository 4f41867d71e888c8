/**
 * Starting the training worker's backend: the WebGPU adapter (if any), the chosen backend or
 * the fastest one by measuring training on each, its matmul throughput, and a watch on the GPU
 * device.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendChoice, BackendName } from '../../config/backends';
import {
  isEmulatedAdapter,
  measureMatmulGflops,
  REPORT_MATMUL_BUDGET_MS,
  REPORT_MATMUL_SIZE,
  selectBackend,
} from '../../engine/backend';
import { selectFastestBackend } from '../../engine/backend-speed';
import type { AdapterInfo, AutoChoice, BackendSpeed, MatmulFigure } from '../protocol';

/** The adapter, with its info, when the browser offers WebGPU. */
export async function probeAdapter(): Promise<AdapterInfo | null> {
  if (!('gpu' in navigator) || !navigator.gpu) return null;
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    // Newer browsers expose `adapter.info` (with isFallbackAdapter); older ones the flag on the adapter.
    const withInfo = adapter as GPUAdapter & {
      info?: GPUAdapterInfo & { isFallbackAdapter?: boolean };
    };
    const info = withInfo.info;
    return {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      device: info?.device ?? '',
      description: info?.description ?? '',
      isFallbackAdapter: info?.isFallbackAdapter ?? withInfo.isFallbackAdapter ?? false,
    };
  } catch {
    return null;
  }
}

/** The order to try a chosen backend in, then the others if it fails to start. */
function fallbackOrder(choice: BackendName): BackendName[] {
  const cpuSide: BackendName[] = ['wasm', 'webgl', 'cpu'];
  return [choice, ...cpuSide.filter((b) => b !== choice)];
}

/** What Auto's figures belong to: the GPU adapter (if any), the cores, cross-origin isolation. */
export function deviceKey(adapter: AdapterInfo | null): string {
  const gpu =
    adapter === null
      ? 'no GPU'
      : [adapter.vendor, adapter.architecture, adapter.device, adapter.description].join('/');
  return `${gpu} · ${navigator.hardwareConcurrency} cores · ${crossOriginIsolated ? 'isolated' : 'not isolated'}`;
}

/**
 * Starts a backend. A forced one is tried first, then the others. Auto measures every
 * candidate that starts with a training-shaped speed test and takes the fastest (see
 * `selectFastestBackend`), WebGPU included whenever there is an adapter; a choice measured
 * earlier in the session on the same device (`earlier`) is used without measuring again.
 */
export async function startBackend(
  choice: BackendChoice,
  adapter: AdapterInfo | null,
  earlier?: AutoChoice,
): Promise<{
  backend: BackendName;
  fallbacks: { backend: BackendName; reason: string }[];
  candidates: BackendSpeed[];
  autoChoice: AutoChoice | null;
  autoCached: boolean;
}> {
  if (choice !== 'auto') {
    const { backend, failures } = await selectBackend(fallbackOrder(choice));
    return { backend, fallbacks: failures, candidates: [], autoChoice: null, autoCached: false };
  }
  const device = deviceKey(adapter);
  if (earlier !== undefined && earlier.device === device) {
    const { backend, failures } = await selectBackend(fallbackOrder(earlier.backend));
    if (backend === earlier.backend) {
      return {
        backend,
        fallbacks: failures,
        candidates: earlier.candidates,
        autoChoice: earlier,
        autoCached: true,
      };
    }
  }
  const emulated = adapter !== null && isEmulatedAdapter(adapter);
  const candidates: BackendName[] =
    adapter !== null ? ['wasm', 'webgl', 'webgpu'] : ['wasm', 'webgl'];
  const { backend, speeds } = await selectFastestBackend(candidates, emulated);
  return {
    backend,
    fallbacks: [],
    candidates: speeds,
    autoChoice: { device, backend, candidates: speeds },
    autoCached: false,
  };
}

/** The backend's throughput on a 512² product, in a bounded time; null if the test fails. */
export async function measureBackend(): Promise<MatmulFigure | null> {
  try {
    const { size, gflops } = await measureMatmulGflops(REPORT_MATMUL_SIZE, REPORT_MATMUL_BUDGET_MS);
    return { size, gflops };
  } catch {
    return null;
  }
}

/**
 * Reports WebGPU device loss and validation errors, which tfjs only logs: `onProblem` receives
 * the message and whether the backend is gone for good.
 */
export function watchGpuDevice(onProblem: (message: string, fatal: boolean) => void): void {
  const device = (tf.backend() as WebGPUBackend).device;
  void device.lost.then((info) => {
    if (info.reason === 'destroyed') return;
    onProblem(
      `The GPU device was lost (${info.message || info.reason}). Restart the worker to continue; your curves are kept.`,
      true,
    );
  });
  device.onuncapturederror = (event: GPUUncapturedErrorEvent) => {
    onProblem(`WebGPU error: ${event.error.message}. Training was paused.`, false);
  };
}
