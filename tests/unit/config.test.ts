import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { validateConfig } from '../../src/config/validate';

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
  });

  it('explains heads that do not divide the width, next to nHead', () => {
    const issues = validateConfig({
      ...DEFAULT_CONFIG,
      model: { ...DEFAULT_CONFIG.model, nHead: 3 },
    });
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'model.nHead',
        message: expect.stringMatching(/divide nEmbd/),
      }),
    ]);
  });

  it('rejects non-numbers, fractions and out-of-range values', () => {
    const issues = validateConfig({
      model: { ...DEFAULT_CONFIG.model, nLayer: 1.5, blockSize: NaN },
      training: { ...DEFAULT_CONFIG.training, learningRate: -1, minLr: 5 },
    });
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'model.nLayer',
        'model.blockSize',
        'training.learningRate',
        'training.minLr',
      ]),
    );
  });
});
