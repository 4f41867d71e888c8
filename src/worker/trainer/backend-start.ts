/**
 * Starting the training worker's backend: the WebGPU adapter (if any), the chosen backend or
 * the fastest one by a quick measurement, its matmul throughput, and a watch on the GPU device.
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
  selectFastestBackend,
} from '../../engine/backend';
import type { AdapterInfo, BackendSpeed, MatmulFigure } from '../protocol';

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

/**
 * Starts a backend. A forced one (or WebGPU on a hardware adapter, for Auto) is tried first,
 * then the others; otherwise Auto measures the candidates and takes the fastest (see
 * `selectFastestBackend`), WebGPU included only when its adapter is an emulated one.
 */
export async function startBackend(
  choice: BackendChoice,
  adapter: AdapterInfo | null,
): Promise<{
  backend: BackendName;
  fallbacks: { backend: BackendName; reason: string }[];
  candidates: BackendSpeed[];
}> {
  if (choice !== 'auto') {
    const { backend, failures } = await selectBackend(fallbackOrder(choice));
    return { backend, fallbacks: failures, candidates: [] };
  }
  const emulated = adapter !== null && isEmulatedAdapter(adapter);
  if (adapter !== null && !emulated) {
    const { backend, failures } = await selectBackend(['webgpu', 'wasm', 'webgl', 'cpu']);
    return { backend, fallbacks: failures, candidates: [] };
  }
  const candidates: BackendName[] =
    adapter !== null ? ['wasm', 'webgl', 'webgpu'] : ['wasm', 'webgl'];
  const { backend, speeds } = await selectFastestBackend(candidates, emulated);
  return { backend, fallbacks: [], candidates: speeds };
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
