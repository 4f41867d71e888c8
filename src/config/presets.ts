/**
 * Model-size presets for the playground: partial configs layered on the playground's defaults
 * (which are themselves layered on `DEFAULT_CONFIG`). Adding a preset is one entry here.
 */
import type { ModelSettings, RunConfig, TrainingConfig } from './config';
import { DEFAULT_CONFIG } from './config';

/** A partial run configuration: only the fields it sets. */
export interface PartialRunConfig {
  model?: Partial<ModelSettings>;
  training?: Partial<TrainingConfig>;
}

/** The names of the presets. */
export type PresetId = 'tiny' | 'small' | 'medium';

/** A named model size. */
export interface Preset {
  id: PresetId;
  /** Short name shown on the button. */
  name: string;
  /** One sentence on what it is good for. */
  description: string;
  /** What the preset changes on top of `PLAYGROUND_DEFAULTS`. */
  overrides: PartialRunConfig;
}

/**
 * The playground trains for a few thousand steps, in front of people: shorter runs than
 * nanoGPT's recipe, with frequent, cheap evaluations so the validation curve appears early.
 */
export const PLAYGROUND_OVERRIDES: PartialRunConfig = {
  training: { maxIters: 2000, warmupIters: 50, evalInterval: 50, evalIters: 4 },
};

/** Layers a partial config on a full one (the partial wins). */
export function applyOverrides(base: RunConfig, overrides: PartialRunConfig): RunConfig {
  return {
    model: { ...base.model, ...overrides.model },
    training: { ...base.training, ...overrides.training },
  };
}

/** The defaults the playground starts from, before a preset. */
export const PLAYGROUND_DEFAULTS: RunConfig = applyOverrides(DEFAULT_CONFIG, PLAYGROUND_OVERRIDES);

/** Every preset, smallest first. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'tiny',
    name: 'Tiny',
    description: 'Learns a short pattern in seconds, even without a GPU.',
    overrides: {
      model: { nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32 },
      training: { batchSize: 16, learningRate: 3e-3, minLr: 3e-4 },
    },
  },
  {
    id: 'small',
    name: 'Small',
    description: 'Picks up spelling and common words of a real text in a few minutes.',
    overrides: {
      model: { nLayer: 4, nHead: 4, nEmbd: 64, blockSize: 64 },
      training: { batchSize: 16, learningRate: 2e-3, minLr: 2e-4 },
    },
  },
  {
    id: 'medium',
    name: 'Medium',
    description: 'nanoGPT’s small CPU recipe: best with a real GPU.',
    overrides: {
      model: { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64 },
      training: { batchSize: 12, learningRate: 1e-3, minLr: 1e-4 },
    },
  },
];

/** Returns the preset with this id. */
export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`Unknown preset: ${id}`);
  return preset;
}

/**
 * The full configuration of a preset. `keep` carries over choices that are not about size
 * (objective, mask ratio, seed, steps), so switching size does not undo them.
 */
export function presetConfig(id: PresetId, keep?: RunConfig): RunConfig {
  const sized = applyOverrides(PLAYGROUND_DEFAULTS, presetById(id).overrides);
  if (keep === undefined) return sized;
  const { objective, maskRatio, seed } = keep.training;
  return {
    model: { ...sized.model, dropout: keep.model.dropout },
    training: { ...sized.training, objective, maskRatio, seed },
  };
}

/** The preset whose model and optimiser settings `config` matches exactly, or null if none. */
export function matchingPreset(config: RunConfig): PresetId | null {
  for (const preset of PRESETS) {
    const model = preset.overrides.model ?? {};
    const training = preset.overrides.training ?? {};
    const modelMatches = Object.entries(model).every(
      ([key, value]) => config.model[key as keyof ModelSettings] === value,
    );
    const trainingMatches = Object.entries(training).every(
      ([key, value]) => config.training[key as keyof TrainingConfig] === value,
    );
    if (modelMatches && trainingMatches) return preset.id;
  }
  return null;
}
