/**
 * Unzipping within a size limit (fflate). The sizes the archive's central directory declares
 * are added up before anything is inflated, so a zip bomb is refused without inflating it; an
 * entry that inflates past its declared size is cut there (fflate writes into a buffer of the
 * declared size), so a lying header cannot make it allocate more either.
 */
import { unzipSync } from 'fflate';

/** The entries of an archive, or why it cannot be read. */
export type UnzipResult =
  | { ok: true; entries: Map<string, Uint8Array> }
  | { ok: false; reason: 'too-large' | 'damaged'; message: string };

/** Unzips `bytes`, refusing archives whose entries add up to more than `maxBytes`. */
export function unzipWithin(
  bytes: Uint8Array,
  maxBytes: number,
  keep: (name: string) => boolean = () => true,
): UnzipResult {
  let total = 0;
  let tooLarge = false;
  try {
    const entries = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > maxBytes) {
          tooLarge = true;
          throw new Error('too large');
        }
        return !file.name.endsWith('/') && !file.name.startsWith('__MACOSX/') && keep(file.name);
      },
    });
    return { ok: true, entries: new Map(Object.entries(entries)) };
  } catch (error) {
    if (tooLarge) {
      return {
        ok: false,
        reason: 'too-large',
        message: `it would inflate to more than ${Math.round(maxBytes / 1024 / 1024)} MB (a zip bomb?)`,
      };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: 'damaged',
      message: `it is not a readable zip archive (${detail})`,
    };
  }
}

/** Whether bytes start like a zip archive (local file header "PK\x03\x04"). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
