import { describe, expect, it } from 'vitest';
import { CONTROLS, checkControls, readField, writeField } from '../../src/config/controls';
import { PRESETS, presetConfig } from '../../src/config/presets';

describe('controls', () => {
  it('cover every setting a learner may change, with a label, help and a sane range', () => {
    const fields = CONTROLS.map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'model.nLayer',
        'model.nHead',
        'model.nEmbd',
        'model.blockSize',
        'model.dropout',
        'training.batchSize',
        'training.learningRate',
        'training.minLr',
        'training.maxIters',
        'training.warmupIters',
        'training.seed',
        'training.maskRatio',
        'training.evalInterval',
      ]),
    );
    expect(new Set(fields).size).toBe(fields.length);
    for (const control of CONTROLS) {
      expect(control.label, control.field).not.toBe('');
      expect(control.help.length, control.field).toBeGreaterThan(10);
      expect(control.min, control.field).toBeLessThan(control.max);
      expect(control.step, control.field).toBeGreaterThan(0);
    }
  });

  it('accept every preset', () => {
    for (const preset of PRESETS) {
      expect(checkControls(presetConfig(preset.id)), preset.id).toEqual([]);
      const masked = presetConfig(preset.id);
      masked.training.objective = 'masked';
      expect(checkControls(masked), preset.id).toEqual([]);
    }
  });

  it('read and write fields without touching the others', () => {
    const config = presetConfig('tiny');
    const changed = writeField(config, 'model.nHead', 4);
    expect(readField(changed, 'model.nHead')).toBe(4);
    expect(readField(config, 'model.nHead')).toBe(2);
    expect(changed.training).toBe(config.training);
    expect(
      readField(writeField(config, 'training.learningRate', 0.01), 'training.learningRate'),
    ).toBe(0.01);
  });

  it('explain values outside the playground ranges, next to their field', () => {
    const config = writeField(
      writeField(presetConfig('tiny'), 'model.nLayer', 40),
      'model.nEmbd',
      NaN,
    );
    const issues = checkControls(config);
    expect(issues.map((i) => i.field)).toEqual(['model.nLayer', 'model.nEmbd']);
    expect(issues[0]?.message).toMatch(/Layers must be between 1 and 12/);
    expect(issues[1]?.message).toMatch(/Width must be a number/);
    // The mask ratio is checked only for masked models.
    const causal = writeField(presetConfig('tiny'), 'training.maskRatio', 5);
    expect(checkControls(causal)).toEqual([]);
  });
});
