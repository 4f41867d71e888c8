import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import {
  PLAYGROUND_DEFAULTS,
  PRESETS,
  applyOverrides,
  matchingPreset,
  presetConfig,
} from '../../src/config/presets';
import { countParameters } from '../../src/config/size';
import { validateConfig } from '../../src/config/validate';

describe('presets', () => {
  it('are Tiny, Small and Medium, each valid and larger than the one before', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(['Tiny', 'Small', 'Medium']);
    let previous = 0;
    for (const preset of PRESETS) {
      const config = presetConfig(preset.id);
      expect(validateConfig(config), preset.id).toEqual([]);
      const parameters = countParameters({ ...config.model, vocabSize: 68 });
      expect(parameters).toBeGreaterThan(previous);
      previous = parameters;
    }
  });

  it('layer the preset on the playground defaults, which layer on DEFAULT_CONFIG', () => {
    expect(PLAYGROUND_DEFAULTS.training).toMatchObject({
      maxIters: 2000,
      warmupIters: 50,
      evalInterval: 50,
      evalIters: 4,
    });
    expect(PLAYGROUND_DEFAULTS.training.weightDecay).toBe(DEFAULT_CONFIG.training.weightDecay);
    const tiny = presetConfig('tiny');
    expect(tiny.model).toEqual({
      ...DEFAULT_CONFIG.model,
      nLayer: 2,
      nHead: 2,
      nEmbd: 32,
      blockSize: 32,
    });
    expect(tiny.training).toMatchObject({
      batchSize: 16,
      learningRate: 3e-3,
      minLr: 3e-4,
      maxIters: 2000,
    });
    expect(presetConfig('medium').model).toMatchObject({ nLayer: 4, nEmbd: 128, blockSize: 64 });
  });

  it('keep the objective, mask ratio and seed when the size changes', () => {
    const masked = applyOverrides(presetConfig('tiny'), {
      training: { objective: 'masked', maskRatio: 0.3, seed: 7 },
    });
    const small = presetConfig('small', masked);
    expect(small.training).toMatchObject({ objective: 'masked', maskRatio: 0.3, seed: 7 });
    expect(small.model.nEmbd).toBe(64);
  });

  it('are recognised from a config, and an edited config is custom', () => {
    for (const preset of PRESETS) expect(matchingPreset(presetConfig(preset.id))).toBe(preset.id);
    const edited = presetConfig('small');
    expect(matchingPreset({ ...edited, model: { ...edited.model, nLayer: 3 } })).toBeNull();
  });
});
