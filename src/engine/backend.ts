/**
 * Choosing a tfjs backend. `tf.setBackend` resolves false when a backend fails to initialise,
 * so the fallback chain is ours.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../config/backends';

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
