/**
 * What one evaluation pass costs, relative to one training step, on WASM in Node: token accuracy
 * on the fixed validation batches plus a multiple-choice and a cloze set, for a preset on a
 * built-in corpus. With `--steps`, it also trains and prints every metric at checkpoints.
 * Timings vary with the machine and its load; they are reported, never asserted.
 *
 *   npx tsx scripts/bench-eval.ts [--preset small] [--corpus moby-dick] [--objective causal]
 *                                 [--steps 0] [--every 100] [--repeats 5]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ModelConfig, Objective } from '../src/config/config';
import type { PresetId } from '../src/config/presets';
import { presetConfig } from '../src/config/presets';
import { splitTokens } from '../src/data/batcher';
import { generateBenchmarkSets } from '../src/data/benchmarks/sets';
import type { BenchmarkResult, BenchmarkSet } from '../src/data/benchmarks/types';
import { makeEvaluationBatches } from '../src/engine/evaluate/batches';
import { createModelScorer, runBenchmarks } from '../src/engine/evaluate/benchmarks';
import { bitsPerChar, codePointsOf, perplexity } from '../src/engine/evaluate/metrics';
import type { TokenAccuracy } from '../src/engine/evaluate/tokenAccuracy';
import { measureTokenAccuracy } from '../src/engine/evaluate/tokenAccuracy';
import type { GptParams } from '../src/engine/model/params';
import type { Batch } from '../src/engine/objectives/batch';
import { TrainingSession } from '../src/engine/session';
import { CharTokenizer } from '../src/tokenizer/char';
import type { Tokenizer } from '../src/tokenizer/tokenizer';

/** Settings of one measurement. */
export interface EvalBenchOptions {
  preset: PresetId;
  corpus: string;
  objective: Objective;
  /** Validation batches for token accuracy. */
  evalBatches: number;
  /** Timed repetitions (the median is reported). */
  repeats: number;
  /** Train this many steps, printing the metrics every `every` steps (0: timing only). */
  steps: number;
  every: number;
}

/** What the measurement found (milliseconds, medians). */
export interface EvalBenchResult {
  msPerStep: number;
  msTokenAccuracy: number;
  msBenchmarks: number;
  msEvaluationPass: number;
  msSessionEvaluate: number;
  /** msEvaluationPass / msPerStep. */
  stepsPerEvaluation: number;
  items: { multipleChoice: number; cloze: number };
}

/** What the training table measures a model on. */
export interface CheckpointProbe {
  params: GptParams;
  model: ModelConfig;
  objective: Objective;
  tokenizer: Tokenizer;
  /** The validation split, for bits per character. */
  val: Int32Array;
  /** Fixed validation batches, for loss and token accuracy. */
  batches: readonly Batch[];
  sets: BenchmarkSet[];
}

/** One row of the training table. */
export interface CheckpointMetrics extends TokenAccuracy {
  perplexity: number;
  bitsPerChar: number;
  benchmarks: BenchmarkResult[];
}

/** Measures a model as the training table prints it: loss, perplexity, bits/char, accuracy. */
export async function measureCheckpoint(probe: CheckpointProbe): Promise<CheckpointMetrics> {
  const { params, model, objective, tokenizer, val } = probe;
  const scorer = createModelScorer({ params, config: model, tokenizer }, objective);
  const [tokens, benchmarks] = await Promise.all([
    measureTokenAccuracy(params, model, objective, probe.batches),
    runBenchmarks(probe.sets, scorer),
  ]);
  return {
    ...tokens,
    perplexity: perplexity(tokens.loss),
    bitsPerChar: bitsPerChar(tokens.loss, val.length, codePointsOf(tokenizer, val)),
    benchmarks,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Runs the measurement (and the optional training run) and prints it. */
export async function benchEvaluation(options: EvalBenchOptions): Promise<EvalBenchResult> {
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed');
  await tf.ready();
  const text = readFileSync(`public/corpora/${options.corpus}.txt`, 'utf8');
  const config = presetConfig(options.preset);
  const training = { ...config.training, objective: options.objective };
  const tokenizer = CharTokenizer.fromText(text);
  const data = splitTokens(tokenizer.encode(text));
  const model = { ...config.model, vocabSize: tokenizer.vocabSize };
  const session = new TrainingSession(model, training, data);
  const heldOut = tokenizer.decode(data.val);
  const evalTraining = { ...training, evalIters: options.evalBatches };
  const batches = makeEvaluationBatches(data.val, 'val', model, evalTraining);
  const sets = generateBenchmarkSets(heldOut, training.seed);
  const probe: CheckpointProbe = {
    params: session.params,
    model,
    objective: training.objective,
    tokenizer,
    val: data.val,
    batches,
    sets,
  };
  const scorer = createModelScorer(
    { params: session.params, config: model, tokenizer },
    training.objective,
  );
  const accuracy = (): Promise<TokenAccuracy> =>
    measureTokenAccuracy(session.params, model, training.objective, batches);
  const benchmarks = (): Promise<BenchmarkResult[]> => runBenchmarks(sets, scorer);

  await session.trainSteps(3); // warm-up: kernels, allocations
  await accuracy();
  await benchmarks();
  await session.evaluate();

  const stepMs: number[] = [];
  const accuracyMs: number[] = [];
  const benchmarkMs: number[] = [];
  const passMs: number[] = [];
  const sessionMs: number[] = [];
  for (let r = 0; r < options.repeats; r++) {
    stepMs.push((await timed(() => session.trainSteps(10))) / 10);
    accuracyMs.push(await timed(accuracy));
    benchmarkMs.push(await timed(benchmarks));
    passMs.push(await timed(() => Promise.all([accuracy(), benchmarks()])));
    sessionMs.push(await timed(() => session.evaluate()));
  }
  const result: EvalBenchResult = {
    msPerStep: median(stepMs),
    msTokenAccuracy: median(accuracyMs),
    msBenchmarks: median(benchmarkMs),
    msEvaluationPass: median(passMs),
    msSessionEvaluate: median(sessionMs),
    stepsPerEvaluation: median(passMs) / median(stepMs),
    items: { multipleChoice: sets[0]?.items.length ?? 0, cloze: sets[1]?.items.length ?? 0 },
  };
  const { batchSize } = training;
  console.log(
    `${options.preset} (${model.nLayer}×${model.nEmbd}, context ${model.blockSize}, batch ${batchSize}) ${training.objective} on ${options.corpus}, wasm in Node:`,
  );
  console.log(`  one training step                     ${result.msPerStep.toFixed(1)} ms`);
  console.log(
    `  token accuracy, ${options.evalBatches} val batches          ${result.msTokenAccuracy.toFixed(1)} ms`,
  );
  console.log(
    `  benchmarks (${result.items.multipleChoice} MC + ${result.items.cloze} cloze items)  ${result.msBenchmarks.toFixed(1)} ms`,
  );
  console.log(
    `  one evaluation pass (both)            ${result.msEvaluationPass.toFixed(1)} ms = ${result.stepsPerEvaluation.toFixed(2)} training steps`,
  );
  console.log(
    `  session.evaluate() (train+val, ${training.evalIters}+${training.evalIters} batches) ${result.msSessionEvaluate.toFixed(1)} ms`,
  );

  if (options.steps > 0) {
    console.log(
      'step\ttokens\tvalLoss\tppl\tbpc\ttop1\ttop5\t' +
        sets
          .map((s) => `${s.kind} (chance ${(1 / (s.items[0]?.candidates.length ?? 1)).toFixed(2)})`)
          .join('\t'),
    );
    const report = async (): Promise<void> => {
      const row = await measureCheckpoint(probe);
      const cells = [
        session.step,
        session.step * session.tokensPerStep,
        row.loss.toFixed(3),
        row.perplexity.toFixed(2),
        row.bitsPerChar.toFixed(3),
        row.top1.toFixed(3),
        row.top5.toFixed(3),
        ...row.benchmarks.map(
          (s) => `${s.accuracy.toFixed(3)} (norm ${s.normalisedAccuracy.toFixed(3)})`,
        ),
      ];
      console.log(cells.join('\t'));
    };
    await report();
    while (session.step < options.steps) {
      await session.trainSteps(Math.min(options.every, options.steps - session.step));
      await report();
    }
  }
  session.dispose();
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      corpus: { type: 'string', default: 'moby-dick' },
      objective: { type: 'string', default: 'causal' },
      'eval-batches': { type: 'string', default: '4' },
      repeats: { type: 'string', default: '5' },
      steps: { type: 'string', default: '0' },
      every: { type: 'string', default: '100' },
    },
  });
  await benchEvaluation({
    preset: values.preset as PresetId,
    corpus: values.corpus,
    objective: values.objective === 'masked' ? 'masked' : 'causal',
    evalBatches: Number(values['eval-batches']),
    repeats: Number(values.repeats),
    steps: Number(values.steps),
    every: Number(values.every),
  });
}
