// Helpers shared by scripts/build-corpora.mjs and its corpus builders (scripts/corpora/).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const modules = join(root, 'node_modules');

export function fail(message) {
  console.error(`build-corpora: ${message}`);
  process.exit(1);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function packageDir(name) {
  const dir = join(modules, ...name.split('/'));
  if (!existsSync(join(dir, 'package.json'))) fail(`${name} is not installed: run npm install`);
  return dir;
}

export function byteLength(text) {
  return Buffer.byteLength(text, 'utf8');
}

/** Joins sections with one blank line between them and one newline at the end. */
export function joinSections(sections) {
  return sections.map((s) => s.replace(/\s+$/u, '')).join('\n\n') + '\n';
}

/**
 * Documents as the app sees them: blank-line separated blocks of a text corpus (the same rule
 * as splitOnBlankLines in src/data/curate/documents.ts), lines of a JSONL one.
 */
export function countDocuments(text, format) {
  if (format === 'jsonl') return text.split('\n').filter((line) => line.trim() !== '').length;
  return text.split(/\r?\n[ \t]*\r?\n/u).filter((block) => block.trim() !== '').length;
}

/** "Joseph R Biden" → "Joseph R. Biden" (the package drops the dots after initials). */
export function dotInitials(name) {
  return name.replace(/\b([A-Z])\b(?!\.)/gu, '$1.');
}
