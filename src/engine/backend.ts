/**
 * Choosing a tfjs backend. `tf.setBackend` resolves false when a backend fails to initialise,
 * so the fallback chain is ours.
 */
import * as tf from '@tensorflow/tfjs';

/** The backends the engine can run on. */
export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** Every backend name, fastest-first on a machine with a GPU. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/** Returns true if `name` is a backend the engine knows. */
export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/**
 * Tries each backend in order and returns the first that initialises, plus the failures met
 * on the way (for the UI to report). Throws if none works.
 */
export async function selectBackend(
  order: readonly BackendName[],
): Promise<{ backend: BackendName; failures: { backend: BackendName; reason: string }[] }> {
  const failures: { backend: BackendName; reason: string }[] = [];
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: name, failures };
      }
      failures.push({ backend: name, reason: 'failed to initialise' });
    } catch (error) {
      failures.push({
        backend: name,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  throw new Error(
    `No tfjs backend could start: ${failures.map((f) => `${f.backend} (${f.reason})`).join('; ')}`,
  );
}
