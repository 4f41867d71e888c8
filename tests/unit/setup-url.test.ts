import { describe, expect, it } from 'vitest';
import { CONTROLS } from '../../src/config/controls';
import { presetConfig } from '../../src/config/presets';
import { withRules } from '../../src/data/curate';
import { DEFAULT_SETUP, withSetup, type Setup } from '../../src/app/setup/setup';
import { MAX_LINK_TEXT, setupFromQuery, setupToQuery } from '../../src/app/setup/url';

/** A set-up far from a fresh page's: every kind of setting changed. */
function changedSetup(): Setup {
  const config = presetConfig('small');
  return withSetup({
    backend: 'wasm',
    corpus: 'moby-dick',
    curation: {
      ...withRules({
        lowercase: { enabled: true },
        nearDuplicates: { enabled: true, threshold: 0.85 },
        minLength: { enabled: false, threshold: 3 },
      }),
      keepDuplicates: true,
    },
    tokenizer: { kind: 'bpe', vocabSize: 512 },
    config: {
      model: { ...config.model, nLayer: 3, dropout: 0.1 },
      training: {
        ...config.training,
        objective: 'masked',
        maskRatio: 0.25,
        maxIters: 300,
        batchSize: 8,
        learningRate: 0.0025,
        warmupIters: 20,
        evalInterval: 30,
        seed: 42,
      },
    },
    step: 'train',
    prompt: 'Call me Ishmael & "friends"?',
    fill: 'The [MASK] whale',
  });
}

describe('a set-up in a link', () => {
  it('writes nothing for a fresh page', () => {
    expect(setupToQuery(DEFAULT_SETUP).toString()).toBe('');
  });

  it('reads back exactly what it wrote, every kind of setting', () => {
    const setup = changedSetup();
    const query = setupToQuery(setup).toString();
    const read = setupFromQuery(`?${query}`);
    expect(read.notices).toEqual([]);
    expect(read.setup).toEqual(setup);
    expect(read.given.size).toBeGreaterThanOrEqual(15);
    // Short names: a few hundred characters for all of it.
    expect(query.length).toBeLessThan(400);
  });

  it('round-trips every numeric control at the ends of its range', () => {
    for (const control of CONTROLS) {
      for (const value of [control.min, control.max]) {
        const base = presetConfig('tiny');
        const [group, key] = control.field.split('.') as ['model' | 'training', string];
        const config = { ...base, [group]: { ...base[group], [key]: value } };
        if (control.objective === 'masked') config.training.objective = 'masked';
        const setup = withSetup({ config });
        expect(setupFromQuery(`?${setupToQuery(setup).toString()}`).setup, control.param).toEqual(
          setup,
        );
      }
    }
  });

  it('ignores invalid values with a notice each, and keeps the valid ones', () => {
    const read = setupFromQuery(
      '?lr=abc&layers=99&steps=300&tok=words&vocab=10&cur=-nosuch&obj=both&step=moon&preset=large&backend=cuda&zoom=2',
    );
    expect(read.setup.config.training.maxIters).toBe(300);
    expect(read.setup.config.training.learningRate).toBe(
      DEFAULT_SETUP.config.training.learningRate,
    );
    expect(read.setup.config.model.nLayer).toBe(DEFAULT_SETUP.config.model.nLayer);
    expect(read.setup.tokenizer).toEqual(DEFAULT_SETUP.tokenizer);
    expect(read.setup.step).toBe('data');
    expect(read.setup.backend).toBe('auto');
    expect(read.notices).toHaveLength(10);
    expect(read.notices).toContain('Ignored lr=abc in the link: Learning rate must be a number.');
    expect(read.notices).toContain(
      'Ignored layers=99 in the link: Layers must be between 1 and 12 in the playground.',
    );
    expect(read.notices.some((n) => n.startsWith('Ignored zoom=2'))).toBe(true);
  });

  it('knows the presets, backends and corpus ids of the right shape only', () => {
    expect(setupFromQuery('?preset=medium').setup.config).toEqual(presetConfig('medium'));
    expect(setupFromQuery('?preset=toString').notices).toHaveLength(1);
    expect(setupFromQuery('?backend=webgl').setup.backend).toBe('webgl');
    expect(setupFromQuery('?backend=WASM').setup.backend).toBe('auto');
    expect(setupFromQuery('?corpus=moby-dick').setup.corpus).toBe('moby-dick');
    for (const bad of ['../etc/passwd', 'Moby', '', 'a'.repeat(65)]) {
      const read = setupFromQuery(`?corpus=${encodeURIComponent(bad)}`);
      expect(read.setup.corpus, bad).toBe(DEFAULT_SETUP.corpus);
      expect(read.notices, bad).toHaveLength(1);
    }
  });

  it('takes the first value of a repeated parameter, and refuses an over-long prompt', () => {
    expect(setupFromQuery('?preset=small&preset=medium').setup.config).toEqual(
      presetConfig('small'),
    );
    const long = setupFromQuery(`?prompt=${'a'.repeat(MAX_LINK_TEXT + 1)}`);
    expect(long.setup.prompt).toBeNull();
    expect(long.notices[0]).toMatch(/longer than/);
  });

  it('checks curation thresholds against the rule’s range', () => {
    const read = setupFromQuery('?cur=nearDuplicates:0.1');
    expect(read.notices[0]).toMatch(
      /Near duplicates: Jaccard similarity must be between 0.3 and 1/,
    );
    expect(setupFromQuery('?cur=-lowercase:0.5').notices[0]).toMatch(/has no threshold/);
  });
});
