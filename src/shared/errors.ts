/** Turning whatever was thrown into words. */

/** An error (or anything thrown) as a sentence for people. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
