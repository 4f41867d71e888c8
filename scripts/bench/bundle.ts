/**
 * Sizes of the built JavaScript, gzipped: the main chunk (the page's entry script, no tfjs)
 * and the workers' chunks (the training worker carries tfjs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A built chunk and its size. */
export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The chunks measured (null when dist/ lacks one). */
export interface BundleSizes {
  main: ChunkSize | null;
  trainerWorker: ChunkSize | null;
  dataWorker: ChunkSize | null;
}

function sizeOf(dist: string, file: string | undefined): ChunkSize | null {
  if (file === undefined) return null;
  const bytes = readFileSync(join(dist, 'assets', file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/** Measures the chunks of a built app in `dist`. */
export function measureBundle(dist = 'dist'): BundleSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="[^"]*\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  const files = readdirSync(join(dist, 'assets'));
  const worker = (prefix: string): string | undefined =>
    files.find((f) => f.startsWith(prefix) && f.endsWith('.js'));
  return {
    main: sizeOf(dist, entry),
    trainerWorker: sizeOf(dist, worker('trainer.worker')),
    dataWorker: sizeOf(dist, worker('data.worker')),
  };
}
