import { describe, expect, it } from 'vitest';
import {
  settingsFromQuery,
  threadsFromQuery,
  trainingWorkersFor,
  workersFromQuery,
} from '../../src/config/query';
import { PRESETS, PLAYGROUND_DEFAULTS, applyOverrides } from '../../src/config/presets';

describe('the backend’s threads and workers from the query string', () => {
  it('reads both, or null', () => {
    expect(
      settingsFromQuery('?backend=wasm&threads=2&workers=1&autosave=5&inference=trainer'),
    ).toEqual({
      threads: 2,
      workers: 1,
      autosaveSeconds: 5,
      inference: 'trainer',
    });
    expect(settingsFromQuery('')).toEqual({
      threads: null,
      workers: null,
      autosaveSeconds: null,
      inference: null,
    });
    expect(settingsFromQuery('?inference=worker').inference).toBe('worker');
    expect(settingsFromQuery('?inference=gpu').inference).toBeNull();
    expect(settingsFromQuery('?autosave=0').autosaveSeconds).toBeNull();
    expect(settingsFromQuery('?autosave=601').autosaveSeconds).toBeNull();
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
});
