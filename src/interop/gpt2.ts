/**
 * Our model in Hugging Face's GPT-2 layout and back. The parameters already carry GPT-2's
 * names and Conv1D layout ([in, out] weights, q·k·v side by side); the model is GPT-2's exactly:
 * pre-LayerNorm blocks (ε = 1e-5), the tanh GELU (`gelu_new`), learned positions, biases
 * everywhere and the head tied to the token embedding. `config.json` is a `GPT2Config`;
 * masked models add `"is_causal": false` and `mask_token_id`.
 */
import type { ModelConfig, Objective } from '../config/config';
import { validateConfig } from '../config/validate';
import { countParameters } from '../config/size';
import { parameterShapes } from '../engine/model/params';
import type { SafetensorsFile, NamedTensor } from './safetensors';

/** The name Hugging Face gives the output head (tied: a copy of the token embedding). */
export const LM_HEAD = 'lm_head.weight';

/** GPT-2's LayerNorm ε, and ours. */
const LAYER_NORM_EPSILON = 1e-5;

/** The largest model the page imports: 30 M parameters, 120 MB of float32. */
export const MAX_IMPORT_PARAMETERS = 30_000_000;

/** A folder or file that cannot become a playground model; the message says why. */
export class InteropError extends Error {}

/** The `config.json` of a causal or masked model. */
export function hfConfig(model: ModelConfig, objective: Objective): Record<string, unknown> {
  const masked = objective === 'masked';
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: model.vocabSize,
    n_positions: model.blockSize,
    n_ctx: model.blockSize,
    n_embd: model.nEmbd,
    n_layer: model.nLayer,
    n_head: model.nHead,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: LAYER_NORM_EPSILON,
    resid_pdrop: model.dropout,
    embd_pdrop: model.dropout,
    attn_pdrop: 0,
    initializer_range: 0.02,
    scale_attn_weights: true,
    scale_attn_by_inverse_layer_idx: false,
    reorder_and_upcast_attn: false,
    tie_word_embeddings: true,
    use_cache: !masked,
    is_causal: !masked,
    pad_token_id: 0,
    mask_token_id: 1,
    bos_token_id: null,
    eos_token_id: null,
    torch_dtype: 'float32',
  };
}

/** The parameters of a saved state (without Adam's moments), plus GPT-2's `lm_head.weight`. */
export function modelTensors(tensors: readonly NamedTensor[], model: ModelConfig): NamedTensor[] {
  const shapes = parameterShapes(model);
  const params = shapes.map(({ name, shape }) => {
    const found = tensors.find((t) => t.name === name);
    if (!found) throw new Error(`The saved state has no ${name}.`);
    return { name, shape, values: found.values };
  });
  const wte = params[0];
  if (!wte) throw new Error('The saved state has no token embedding.');
  return [...params, { name: LM_HEAD, shape: wte.shape, values: wte.values }];
}

/** Adam's moments of a saved state, under their own names (`adam.m.…`, `adam.v.…`). */
export function optimizerTensors(tensors: readonly NamedTensor[]): NamedTensor[] {
  return tensors.filter((t) => t.name.startsWith('adam.'));
}

function positiveInteger(config: Record<string, unknown>, key: string): number {
  const value = config[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InteropError(`config.json: "${key}" must be a positive whole number.`);
  }
  return value;
}

/** What a `config.json` describes: the model shape and the objective. */
export interface ReadConfig {
  model: ModelConfig;
  objective: Objective;
}

/**
 * Reads a GPT2Config, refusing in words what the playground's model cannot run exactly: another
 * architecture, erf GELU, another LayerNorm ε, an inner width other than 4·n_embd, or a size
 * past `MAX_IMPORT_PARAMETERS`.
 */
export function readHfConfig(value: unknown): ReadConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InteropError('config.json is not a JSON object.');
  }
  const config = value as Record<string, unknown>;
  if (config.model_type !== 'gpt2') {
    throw new InteropError(
      `config.json describes a ${JSON.stringify(config.model_type ?? 'model without model_type')}; the playground imports GPT-2 models ("model_type": "gpt2") only.`,
    );
  }
  const activation = config.activation_function ?? 'gelu_new';
  if (activation !== 'gelu_new' && activation !== 'gelu_pytorch_tanh') {
    throw new InteropError(
      `config.json: activation "${String(activation)}" is not supported; the playground's GELU is GPT-2's tanh form ("gelu_new").`,
    );
  }
  const epsilon = config.layer_norm_epsilon ?? LAYER_NORM_EPSILON;
  if (typeof epsilon !== 'number' || Math.abs(epsilon - LAYER_NORM_EPSILON) > 1e-12) {
    throw new InteropError(
      `config.json: layer_norm_epsilon ${String(epsilon)} is not supported (the playground uses 1e-5).`,
    );
  }
  const nEmbd = positiveInteger(config, 'n_embd');
  if (config.n_inner !== undefined && config.n_inner !== null && config.n_inner !== 4 * nEmbd) {
    throw new InteropError(
      `config.json: n_inner ${String(config.n_inner)} is not supported (the playground's MLP is 4 × n_embd = ${4 * nEmbd} wide).`,
    );
  }
  if (config.scale_attn_by_inverse_layer_idx === true || config.add_cross_attention === true) {
    throw new InteropError(
      'config.json: scale_attn_by_inverse_layer_idx and add_cross_attention are not supported.',
    );
  }
  if (config.scale_attn_weights === false) {
    throw new InteropError(
      'config.json: unscaled attention (scale_attn_weights false) is not supported.',
    );
  }
  const dropout = typeof config.resid_pdrop === 'number' ? config.resid_pdrop : 0;
  const model: ModelConfig = {
    vocabSize: positiveInteger(config, 'vocab_size'),
    blockSize: positiveInteger(config, 'n_positions'),
    nLayer: positiveInteger(config, 'n_layer'),
    nHead: positiveInteger(config, 'n_head'),
    nEmbd,
    dropout,
  };
  const { vocabSize: _vocab, ...settings } = model;
  const issues = validateConfig({
    model: settings,
    training: {
      objective: 'causal',
      batchSize: 1,
      maxIters: 1,
      learningRate: 1e-3,
      minLr: 0,
      warmupIters: 0,
      weightDecay: 0,
      beta1: 0.9,
      beta2: 0.99,
      gradClip: 1,
      maskRatio: 0.15,
      seed: 1,
      evalInterval: 1,
      evalIters: 1,
    },
  });
  if (issues.length > 0) {
    throw new InteropError(`config.json: ${issues.map((i) => i.message).join(' ')}`);
  }
  const parameters = countParameters(model);
  if (parameters > MAX_IMPORT_PARAMETERS) {
    throw new InteropError(
      `This model has ${(parameters / 1e6).toFixed(1)} M parameters; the playground imports models up to ${MAX_IMPORT_PARAMETERS / 1e6} M (${(MAX_IMPORT_PARAMETERS * 4) / 1e6} MB of float32).`,
    );
  }
  return { model, objective: config.is_causal === false ? 'masked' : 'causal' };
}

/** Buffers some GPT-2 files carry (the causal mask) that are not parameters. */
function isBuffer(name: string): boolean {
  return name.endsWith('.attn.bias') || name.endsWith('.attn.masked_bias');
}

/** A tensor name with GPT-2's `transformer.` prefix (OpenAI's files on the Hub have none). */
function withPrefix(name: string): string {
  return name === LM_HEAD || name.startsWith('transformer.') ? name : `transformer.${name}`;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The parameters of a GPT-2 `model.safetensors`, checked against its config, in the engine's
 * order. Unknown tensors, missing ones, wrong shapes and an untied head are refused in words.
 */
export function readModelTensors(file: SafetensorsFile, model: ModelConfig): NamedTensor[] {
  const byName = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const [name, tensor] of file.tensors) {
    if (isBuffer(name)) continue;
    byName.set(withPrefix(name), tensor);
  }
  const expected = parameterShapes(model);
  const known = new Set([...expected.map((e) => e.name), LM_HEAD]);
  const unknown = [...byName.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new InteropError(
      `model.safetensors has tensors a GPT-2 of this config does not have: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}.`,
    );
  }
  const params = expected.map(({ name, shape }) => {
    const tensor = byName.get(name);
    if (!tensor) throw new InteropError(`model.safetensors has no ${name}.`);
    if (tensor.shape.join('x') !== shape.join('x')) {
      throw new InteropError(
        `model.safetensors: ${name} has shape [${tensor.shape.join(', ')}] but config.json needs [${shape.join(', ')}].`,
      );
    }
    return { name, shape, values: tensor.values };
  });
  const head = byName.get(LM_HEAD);
  const wte = params[0];
  if (head && wte && !sameValues(head.values, wte.values)) {
    throw new InteropError(
      'model.safetensors has an output head (lm_head.weight) different from the token embedding; the playground ties the two, as GPT-2 does.',
    );
  }
  return params;
}

/**
 * Adam's moments from an `optimizer.safetensors`, in the engine's order after the parameters,
 * or null when they do not fit the parameters (training then restarts Adam from zero).
 */
export function readOptimizerTensors(
  file: SafetensorsFile,
  params: readonly NamedTensor[],
): NamedTensor[] | null {
  const moments: NamedTensor[] = [];
  for (const prefix of ['adam.m.', 'adam.v.']) {
    for (const p of params) {
      const tensor = file.tensors.get(prefix + p.name);
      if (!tensor || tensor.shape.join('x') !== p.shape.join('x')) return null;
      moments.push({ name: prefix + p.name, shape: p.shape, values: tensor.values });
    }
  }
  return moments;
}
