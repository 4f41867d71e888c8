/**
 * `npm run bench`: measures what the issues ask to measure and saves it to bench-results/.
 *  1. Engine throughput in Node (tokens/s per preset on WASM).
 *  2. Worker throughput in headless Chromium (tokens/s per preset on WASM and WebGPU) and the
 *     time from `start` to the first loss point, through the real worker and protocol.
 *  3. Size of the built JavaScript chunks, gzipped: the main bundle (no tfjs) and the worker.
 *  4. With --bpe: BPE training time for 1k/2k/4k vocabularies on 1 MB of Moby Dick, and the
 *     characters per token of each tokenizer on the whole book.
 * Timings vary with the machine and its load; they are reported, never asserted.
 *
 *   npm run bench [-- --seconds 20 --skip-browser --skip-node --bpe]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createServer } from 'vite';
import type { RunConfig } from '../src/config/config';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides } from '../src/config/presets';
import { splitTokens } from '../src/data/batcher';
import { TrainingSession } from '../src/engine/session';
import { CharTokenizer } from '../src/tokenizer/char';
import { buildTokenizer, TOKENIZER_KINDS } from '../src/tokenizer/registry';
import type { WorkerCommand, WorkerEvent } from '../src/worker/protocol';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    'skip-browser': { type: 'boolean' },
    'skip-node': { type: 'boolean' },
    bpe: { type: 'boolean' },
  },
});
const seconds = Number(values.seconds);
const text = readFileSync('public/corpora/moby-dick.txt', 'utf8');
const presetConfig = (id: string): RunConfig => {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return applyOverrides(PLAYGROUND_DEFAULTS, preset.overrides);
};
const results: Record<string, unknown> = { date: new Date().toISOString() };

async function benchNode(): Promise<void> {
  await tf.setBackend('wasm');
  const tokenizer = CharTokenizer.fromText(text);
  const data = splitTokens(tokenizer.encode(text));
  const rows: Record<string, unknown>[] = [];
  for (const preset of PRESETS) {
    const config = presetConfig(preset.id);
    const session = new TrainingSession(
      { ...config.model, vocabSize: tokenizer.vocabSize },
      config.training,
      data,
    );
    await session.trainSteps(3); // warm-up: kernels, allocations
    let steps = 0;
    const started = performance.now();
    while (performance.now() - started < (seconds * 1000) / 3) {
      await session.trainSteps(5);
      steps += 5;
    }
    const ms = performance.now() - started;
    const t0 = performance.now();
    await session.evaluate();
    const evalMs = performance.now() - t0;
    session.dispose();
    const row = {
      tokensPerSec: Math.round((steps * session.tokensPerStep * 1000) / ms),
      msPerStep: +(ms / steps).toFixed(1),
      msPerEvaluation: +evalMs.toFixed(1),
    };
    console.log(
      `node wasm ${preset.id}: ${row.tokensPerSec} tokens/s, ${row.msPerStep} ms/step, evaluation ${row.msPerEvaluation} ms`,
    );
    rows.push({ preset: preset.id, ...row });
  }
  results.node = rows;
}

async function benchBrowser(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log('browser: skipped (no Chromium found)');
    return;
  }
  const port = 5180;
  const server = await createServer({
    server: { port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  await server.listen();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const rows: Record<string, unknown>[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    for (const id of ['tiny', 'small']) {
      const config = presetConfig(id);
      const measured = await page.evaluate(
        async ({ backend, config, text, seconds }) => {
          const worker = new Worker('/src/worker/trainer.worker.ts', { type: 'module' });
          const send = (command: WorkerCommand): void => worker.postMessage(command);
          const next = (match: (e: WorkerEvent) => boolean): Promise<WorkerEvent> =>
            new Promise((resolve) => {
              const listener = (message: MessageEvent<WorkerEvent>): void => {
                if (match(message.data) || message.data.type === 'error') {
                  worker.removeEventListener('message', listener);
                  resolve(message.data);
                }
              };
              worker.addEventListener('message', listener);
            });
          send({ type: 'init', backend });
          const ready = await next((e) => e.type === 'ready');
          send({ type: 'configure', runId: 'bench', config, text });
          await next((e) => e.type === 'configured');
          let last: WorkerEvent | null = null;
          worker.addEventListener('message', (m: MessageEvent<WorkerEvent>) => {
            if (m.data.type === 'metrics' && m.data.steps.length > 0) last = m.data;
          });
          const started = performance.now();
          send({ type: 'start' });
          await next((e) => e.type === 'metrics' && e.steps.length > 0);
          const firstLossMs = performance.now() - started;
          await new Promise((r) => setTimeout(r, seconds * 1000));
          send({ type: 'pause' });
          await next((e) => e.type === 'run-state' && e.status === 'paused');
          worker.terminate();
          const final = last as WorkerEvent | null;
          return {
            backend: ready.type === 'ready' ? ready.backend : 'failed',
            adapter: ready.type === 'ready' ? (ready.adapter?.architecture ?? null) : null,
            firstLossMs: Math.round(firstLossMs),
            tokensPerSec: final?.type === 'metrics' ? Math.round(final.tokensPerSec) : 0,
            steps: final?.type === 'metrics' ? (final.steps.at(-1)?.step ?? 0) : 0,
          };
        },
        { backend, config, text, seconds },
      );
      console.log(
        `browser ${measured.backend}${measured.adapter ? ` (${measured.adapter})` : ''} ${id}: ${measured.tokensPerSec} tokens/s after ${measured.steps} steps; first loss point ${measured.firstLossMs} ms after start`,
      );
      rows.push({ preset: id, ...measured });
    }
  }
  results.browser = rows;
  await browser.close();
  await server.close();
}

function benchBundle(): void {
  const dir = 'dist/assets';
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  } catch {
    console.log('bundle: skipped (run npm run build first)');
    return;
  }
  const rows = files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    const source = bytes.toString('utf8');
    return {
      file,
      kB: +(bytes.length / 1024).toFixed(1),
      gzipKB: +(gzipSync(bytes).length / 1024).toFixed(1),
      containsTfjs: source.includes('tfjs') || source.includes('registerKernel'),
    };
  });
  for (const r of rows)
    console.log(
      `bundle ${r.file}: ${r.kB} kB, ${r.gzipKB} kB gzipped${r.containsTfjs ? ' (tfjs)' : ''}`,
    );
  results.bundle = rows;
}

function benchBpe(): void {
  const megabyte = text.slice(0, 1_000_000);
  const training: Record<string, unknown>[] = [];
  for (const vocabSize of [1024, 2048, 4096]) {
    const started = performance.now();
    const tokenizer = buildTokenizer('bpe', megabyte, { vocabSize });
    const ms = Math.round(performance.now() - started);
    console.log(
      `bpe training on 1 MB: vocab ${vocabSize} in ${ms} ms (${tokenizer.vocabSize} ids)`,
    );
    training.push({ vocabSize, ms, ids: tokenizer.vocabSize });
  }
  const compression: Record<string, unknown>[] = [];
  const characters = [...text].length;
  for (const kind of TOKENIZER_KINDS) {
    for (const vocabSize of kind === 'bpe' ? [1024, 2048, 4096] : [undefined]) {
      const tokenizer = buildTokenizer(kind, text, { vocabSize });
      const tokens = tokenizer.encode(text).length;
      const charsPerToken = +(characters / tokens).toFixed(3);
      console.log(
        `${kind}${vocabSize ? ` ${vocabSize}` : ''} on Moby Dick: ${charsPerToken} chars/token (${tokens} tokens, vocab ${tokenizer.vocabSize})`,
      );
      compression.push({ kind, vocabSize: tokenizer.vocabSize, tokens, charsPerToken });
    }
  }
  results.bpe = { training, compression };
}

if (values.bpe) benchBpe();
if (!values['skip-node']) await benchNode();
if (!values['skip-browser']) await benchBrowser();
benchBundle();
mkdirSync('bench-results', { recursive: true });
const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`saved ${file}`);
