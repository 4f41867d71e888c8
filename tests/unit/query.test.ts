import { describe, expect, it } from 'vitest';
import { backendFromQuery } from '../../src/config/backends';
import {
  corpusFromQuery,
  presetFromQuery,
  settingsFromQuery,
  threadsFromQuery,
  trainingWorkersFor,
  workersFromQuery,
} from '../../src/config/query';
import { PRESETS, PLAYGROUND_DEFAULTS, applyOverrides } from '../../src/config/presets';

describe('settings from the query string', () => {
  it('reads every setting of a shared link', () => {
    expect(
      settingsFromQuery('?backend=wasm&threads=2&workers=1&preset=medium&corpus=moby-dick'),
    ).toEqual({
      backend: 'wasm',
      preset: 'medium',
      corpus: 'moby-dick',
      threads: 2,
      workers: 1,
    });
  });

  it('uses the defaults when nothing is given', () => {
    expect(settingsFromQuery('')).toEqual({
      backend: 'auto',
      preset: null,
      corpus: null,
      threads: null,
      workers: null,
    });
  });

  it('ignores an unknown backend', () => {
    expect(backendFromQuery('?backend=cuda')).toBe('auto');
    expect(backendFromQuery('?backend=WASM')).toBe('auto');
    expect(backendFromQuery('?backend=webgl')).toBe('webgl');
  });

  it('knows the three presets and nothing else', () => {
    expect(presetFromQuery('?preset=tiny')).toBe('tiny');
    expect(presetFromQuery('?preset=small')).toBe('small');
    expect(presetFromQuery('?preset=medium')).toBe('medium');
    expect(presetFromQuery('?preset=large')).toBeNull();
    expect(presetFromQuery('?preset=')).toBeNull();
    expect(presetFromQuery('?preset=toString')).toBeNull();
  });

  it('accepts corpus ids of the corpus list’s shape only', () => {
    expect(corpusFromQuery('?corpus=names')).toBe('names');
    expect(corpusFromQuery('?corpus=moby-dick')).toBe('moby-dick');
    expect(corpusFromQuery('?corpus=../etc/passwd')).toBeNull();
    expect(corpusFromQuery('?corpus=Moby')).toBeNull();
    expect(corpusFromQuery('?corpus=')).toBeNull();
    expect(corpusFromQuery(`?corpus=${'a'.repeat(65)}`)).toBeNull();
  });

  it('accepts 1 to 4 WASM threads as whole numbers', () => {
    expect(threadsFromQuery('?threads=1')).toBe(1);
    expect(threadsFromQuery('?threads=4')).toBe(4);
    for (const bad of ['0', '5', '2.5', '-1', 'two', '', '1e0', ' 2']) {
      expect(threadsFromQuery(`?threads=${encodeURIComponent(bad)}`), bad).toBeNull();
    }
  });

  it('reads the workers that may share a batch, 1 to 4', () => {
    expect(workersFromQuery('?workers=1')).toBe(1);
    expect(workersFromQuery('?workers=4')).toBe(4);
    for (const bad of ['0', '5', '1.5', 'two', '']) {
      expect(workersFromQuery(`?workers=${encodeURIComponent(bad)}`), bad).toBeNull();
    }
  });

  it('shares batches between workers only for models large enough to pay', () => {
    const model = (id: string) => {
      const config = applyOverrides(
        PLAYGROUND_DEFAULTS,
        PRESETS.find((p) => p.id === id)?.overrides ?? {},
      );
      return { ...config.model, vocabSize: 65, batchSize: config.training.batchSize };
    };
    const workers = (id: string, max: number) =>
      trainingWorkersFor(model(id), model(id).batchSize, max);
    expect(workers('tiny', 4)).toBe(1);
    expect(workers('small', 2)).toBe(2);
    expect(workers('medium', 2)).toBe(2);
    expect(workers('medium', 1)).toBe(1);
    expect(workers('medium', 16)).toBe(4);
    // Never more workers than rows in a batch.
    expect(trainingWorkersFor(model('medium'), 3, 4)).toBe(3);
  });

  it('takes the first value of a repeated parameter', () => {
    expect(settingsFromQuery('?preset=small&preset=medium').preset).toBe('small');
  });
});
