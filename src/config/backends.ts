/**
 * The tfjs backends the app can train on, shared by the UI (to show and choose) and the worker.
 */

/** A tfjs backend. */
export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** A backend, or let the app choose the fastest available. */
export type BackendChoice = BackendName | 'auto';

/** Every backend, in the order tried when the GPU is not a hardware one. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/** Human names for the backends. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  wasm: 'WebAssembly',
  webgl: 'WebGL',
  cpu: 'CPU (plain JavaScript)',
};

/** Returns true if `name` is a backend the app knows. */
export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}
