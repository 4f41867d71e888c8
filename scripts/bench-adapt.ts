/**
 * Measures what pre-training buys on a small task: a base model pre-trained on Moby-Dick is
 * fine-tuned on the built-in biology Q&A set, next to the same architecture trained from
 * scratch on the same task data and step budget, at 1%, 10% and 100% of the task examples.
 *
 *   npx tsx scripts/bench-adapt.ts [--preset tiny|small] [--pretrain-steps 600] [--steps 200]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { PLAYGROUND_DEFAULTS, PRESETS, applyOverrides, type PresetId } from '../src/config/presets';
import { splitTokens } from '../src/data/batcher';
import { TrainingSession } from '../src/engine/session';
import { CharTokenizer } from '../src/tokenizer/char';
import { compareWithScratch } from '../src/worker/adaptation';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'tiny' },
    'pretrain-steps': { type: 'string', default: '600' },
    steps: { type: 'string', default: '200' },
  },
});
await tf.setBackend('wasm');
const preset = PRESETS.find((p) => p.id === (values.preset as PresetId));
if (!preset) throw new Error(`unknown preset ${values.preset}`);
const config = applyOverrides(PLAYGROUND_DEFAULTS, preset.overrides);
const baseText = readFileSync('public/corpora/moby-dick.txt', 'utf8');
const taskText = readFileSync('public/tasks/biology-qa.txt', 'utf8');
// One alphabet for both, as a checkpoint's tokenizer must cover the task's characters.
const tokenizer = CharTokenizer.fromText(baseText + taskText);
const model = { ...config.model, vocabSize: tokenizer.vocabSize };
const baseData = splitTokens(tokenizer.encode(baseText));
const pretrainSteps = Number(values['pretrain-steps']);
const started = performance.now();
const base = new TrainingSession(model, { ...config.training, maxIters: pretrainSteps }, baseData);
await base.trainSteps(pretrainSteps);
const baseEval = await base.evaluate();
console.log(
  `base: ${preset.name} pre-trained ${pretrainSteps} steps on Moby-Dick, val loss ${baseEval.valLoss.toFixed(3)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
const state = await base.saveState();
base.dispose();
const steps = Number(values.steps);
const training = {
  ...config.training,
  maxIters: steps,
  warmupIters: Math.round(steps / 20),
  learningRate: 3e-4 * (config.training.learningRate / 1e-3),
  minLr: 3e-5 * (config.training.learningRate / 1e-3),
  evalInterval: Math.max(10, Math.round(steps / 10)),
};
const result = await compareWithScratch(
  { state, tokenizer, baseData },
  taskText,
  [0.01, 0.1, 1],
  training,
  { embeddings: false, blocks: 0 },
  () => undefined,
);
console.log(
  `task: ${result.trainExamples} training examples, ${result.valExamples} held out; ${steps} steps each`,
);
for (const curve of result.curves) {
  const last = curve.points.at(-1);
  console.log(
    `${curve.kind.padEnd(8)} ${String(Math.round(curve.fraction * 100)).padStart(3)}% of examples: task val loss ${curve.points[0]?.valLoss.toFixed(3)} → ${last?.valLoss.toFixed(3)}, top-1 ${((curve.taskAccuracy ?? 0) * 100).toFixed(1)}%`,
  );
}
for (const f of result.forgetting) {
  console.log(
    `forgetting at ${Math.round(f.fraction * 100)}%: Moby-Dick val loss ${f.before.toFixed(3)} → ${f.after.toFixed(3)}`,
  );
}
