/**
 * The GPT's parameters: creation with nanoGPT's initialisation (normal(0, 0.02), residual
 * projections scaled by 1/√(2·nLayer), zero biases, unit LayerNorm gains), and a flat,
 * named list for the optimiser and checkpoints. Names follow nanoGPT's state_dict.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../config/config';
import type { Rng } from '../../shared/rng';
import { randomNormal } from '../../shared/rng';

/** Parameters of one transformer block. */
export interface BlockParams {
  ln1Gain: tf.Variable; // [C]
  ln1Bias: tf.Variable; // [C]
  attnWeight: tf.Variable; // [C, 3C]  q, k, v side by side
  attnBias: tf.Variable; // [3C]
  attnProjWeight: tf.Variable; // [C, C]
  attnProjBias: tf.Variable; // [C]
  ln2Gain: tf.Variable; // [C]
  ln2Bias: tf.Variable; // [C]
  fcWeight: tf.Variable; // [C, 4C]
  fcBias: tf.Variable; // [4C]
  mlpProjWeight: tf.Variable; // [4C, C]
  mlpProjBias: tf.Variable; // [C]
}

/** All parameters of the model. */
export interface GptParams {
  /** Token embedding, tied to the output head. [vocabSize, C] */
  wte: tf.Variable;
  /** Learned position embedding. [blockSize, C] */
  wpe: tf.Variable;
  blocks: BlockParams[];
  lnFGain: tf.Variable; // [C]
  lnFBias: tf.Variable; // [C]
}

/** One parameter with its nanoGPT name and whether weight decay applies to it. */
export interface NamedParameter {
  name: string;
  variable: tf.Variable;
  /** Decay weight matrices only: not biases, LayerNorm parameters or embeddings. */
  decay: boolean;
}

function normal(rng: Rng, shape: number[], std: number): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = randomNormal(rng) * std;
  return tf.tidy(() => tf.variable(tf.tensor(values, shape)));
}

function filled(shape: number[], value: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value)));
}

/** How a parameter starts: ones, zeros, normal(0, 0.02), or normal scaled for a residual projection. */
type InitKind = 'one' | 'zero' | 'normal' | 'residual';

/** Where a block parameter lives in nanoGPT's state_dict, its shape for width c, and its init. */
interface BlockLayout {
  name: string;
  shape: (c: number) => number[];
  init: InitKind;
}

/** Every block parameter, in state_dict order. Weight matrices (normal or residual init) decay. */
const BLOCK_LAYOUT: Record<keyof BlockParams, BlockLayout> = {
  ln1Gain: { name: 'ln_1.weight', shape: (c) => [c], init: 'one' },
  ln1Bias: { name: 'ln_1.bias', shape: (c) => [c], init: 'zero' },
  attnWeight: { name: 'attn.c_attn.weight', shape: (c) => [c, 3 * c], init: 'normal' },
  attnBias: { name: 'attn.c_attn.bias', shape: (c) => [3 * c], init: 'zero' },
  attnProjWeight: { name: 'attn.c_proj.weight', shape: (c) => [c, c], init: 'residual' },
  attnProjBias: { name: 'attn.c_proj.bias', shape: (c) => [c], init: 'zero' },
  ln2Gain: { name: 'ln_2.weight', shape: (c) => [c], init: 'one' },
  ln2Bias: { name: 'ln_2.bias', shape: (c) => [c], init: 'zero' },
  fcWeight: { name: 'mlp.c_fc.weight', shape: (c) => [c, 4 * c], init: 'normal' },
  fcBias: { name: 'mlp.c_fc.bias', shape: (c) => [4 * c], init: 'zero' },
  mlpProjWeight: { name: 'mlp.c_proj.weight', shape: (c) => [4 * c, c], init: 'residual' },
  mlpProjBias: { name: 'mlp.c_proj.bias', shape: (c) => [c], init: 'zero' },
};

const BLOCK_KEYS = Object.keys(BLOCK_LAYOUT) as (keyof BlockParams)[];

function decays(init: InitKind): boolean {
  return init === 'normal' || init === 'residual';
}

/**
 * Creates freshly initialised parameters. Same seed (rng state) ⇒ same values on every backend.
 * With no `rng`, the random matrices are zeros: for a copy whose values are set later.
 */
export function initParams(config: ModelConfig, rng: Rng | null): GptParams {
  const { vocabSize, blockSize, nLayer, nEmbd: c } = config;
  const std = 0.02;
  const projStd = std / Math.sqrt(2 * nLayer);
  const create = (kind: InitKind, shape: number[]): tf.Variable => {
    if (kind === 'one') return filled(shape, 1);
    if (kind === 'zero' || rng === null) return filled(shape, 0);
    return normal(rng, shape, kind === 'residual' ? projStd : std);
  };
  const wte = create('normal', [vocabSize, c]);
  const wpe = create('normal', [blockSize, c]);
  const blocks: BlockParams[] = [];
  for (let i = 0; i < nLayer; i++) {
    const entries = BLOCK_KEYS.map((key) => {
      const { init, shape } = BLOCK_LAYOUT[key];
      return [key, create(init, shape(c))] as const;
    });
    blocks.push(Object.fromEntries(entries) as Record<keyof BlockParams, tf.Variable>);
  }
  return { wte, wpe, blocks, lnFGain: create('one', [c]), lnFBias: create('zero', [c]) };
}

/** The same structure with every parameter replaced by `change(parameter)`. */
export function mapParams(params: GptParams, change: (p: tf.Variable) => tf.Variable): GptParams {
  return {
    wte: change(params.wte),
    wpe: change(params.wpe),
    blocks: params.blocks.map(
      (block) =>
        Object.fromEntries(BLOCK_KEYS.map((key) => [key, change(block[key])])) as Record<
          keyof BlockParams,
          tf.Variable
        >,
    ),
    lnFGain: change(params.lnFGain),
    lnFBias: change(params.lnFBias),
  };
}

/** Lists every parameter in a fixed order with its name and decay flag. */
export function listParameters(params: GptParams): NamedParameter[] {
  const list: NamedParameter[] = [
    { name: 'transformer.wte.weight', variable: params.wte, decay: false },
    { name: 'transformer.wpe.weight', variable: params.wpe, decay: false },
  ];
  params.blocks.forEach((block, i) => {
    for (const key of BLOCK_KEYS) {
      const { name, init } = BLOCK_LAYOUT[key];
      list.push({ name: `transformer.h.${i}.${name}`, variable: block[key], decay: decays(init) });
    }
  });
  list.push(
    { name: 'transformer.ln_f.weight', variable: params.lnFGain, decay: false },
    { name: 'transformer.ln_f.bias', variable: params.lnFBias, decay: false },
  );
  return list;
}

/** The name and shape of every parameter, in `listParameters` order, without allocating any. */
export function parameterShapes(config: ModelConfig): { name: string; shape: number[] }[] {
  const { vocabSize, blockSize, nLayer, nEmbd: c } = config;
  const shapes = [
    { name: 'transformer.wte.weight', shape: [vocabSize, c] },
    { name: 'transformer.wpe.weight', shape: [blockSize, c] },
  ];
  for (let i = 0; i < nLayer; i++) {
    for (const { name, shape } of Object.values(BLOCK_LAYOUT))
      shapes.push({ name: `transformer.h.${i}.${name}`, shape: shape(c) });
  }
  shapes.push(
    { name: 'transformer.ln_f.weight', shape: [c] },
    { name: 'transformer.ln_f.bias', shape: [c] },
  );
  return shapes;
}

/** Releases the GPU/CPU memory of every parameter. */
export function disposeParams(params: GptParams): void {
  for (const p of listParameters(params)) p.variable.dispose();
}
