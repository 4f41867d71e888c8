/**
 * Where a training step's time goes, kernel by kernel, on a tfjs backend in Node.
 *
 *   npx tsx scripts/profile-step.ts [--backend wasm|cpu] [--preset medium] [--batch N] [--steps 5] [--shapes]
 *
 * `--batch 6` profiles one worker's share of the nanoGPT recipe when two workers share a batch.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides } from '../src/config/presets';
import { splitTokens } from '../src/data/batcher';
import { TrainingSession } from '../src/engine/session';
import { CharTokenizer } from '../src/tokenizer/char';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    preset: { type: 'string', default: 'medium' },
    steps: { type: 'string', default: '5' },
    shapes: { type: 'boolean' },
    batch: { type: 'string' },
  },
});
await tf.setBackend(values.backend ?? 'wasm');
const preset = PRESETS.find((p) => p.id === values.preset);
if (!preset) throw new Error(`no preset ${values.preset}`);
const config = applyOverrides(PLAYGROUND_DEFAULTS, preset.overrides);
const text = readFileSync('public/corpora/moby-dick.txt', 'utf8');
const tokenizer = CharTokenizer.fromText(text);
const session = new TrainingSession(
  { ...config.model, vocabSize: tokenizer.vocabSize },
  { ...config.training, batchSize: Number(values.batch ?? config.training.batchSize) },
  splitTokens(tokenizer.encode(text)),
);
await session.trainSteps(3);
const steps = Number(values.steps);
const plainStart = performance.now();
const cpuStart = process.cpuUsage();
await session.trainSteps(steps);
const plainMs = (performance.now() - plainStart) / steps;
const cpu = process.cpuUsage(cpuStart);
// CPU time is what the step costs even when other processes share the machine.
const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
const totals = new Map<string, { ms: number; calls: number }>();
let wall = 0;
for (let i = 0; i < steps; i++) {
  const started = performance.now();
  const info = await tf.profile(async () => {
    await session.trainSteps(1);
  });
  wall += performance.now() - started;
  for (const k of info.kernels) {
    const key =
      k.name === 'BatchMatMul' || (values.shapes && k.name !== 'forward')
        ? `${k.name} ${k.inputShapes.map((s) => (s ?? []).join('x')).join(' · ')}`
        : k.name;
    const entry = totals.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += Number(k.kernelTimeMs);
    entry.calls += 1;
    totals.set(key, entry);
  }
}
const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((s, [, v]) => s + v.ms, 0);
console.log(
  `${values.backend} ${values.preset}: ${plainMs.toFixed(1)} ms/step, ${Math.round((session.tokensPerStep * 1000) / plainMs)} tokens/s (CPU ${cpuMs.toFixed(1)} ms/step); profiled ${(wall / steps).toFixed(1)} ms/step wall, kernels ${(kernelMs / steps).toFixed(1)} ms/step`,
);
for (const [name, v] of rows.slice(0, 30)) {
  console.log(
    `${name.padEnd(44)} ${(v.ms / steps).toFixed(2).padStart(8)} ms ${String(v.calls / steps).padStart(6)} calls ${((100 * v.ms) / kernelMs).toFixed(1).padStart(5)}%`,
  );
}
session.dispose();
