/**
 * The Class results store: many run files open at once, and a wrong, a too large or a repeated
 * file is refused in words while the others open.
 */
import { describe, expect, it } from 'vitest';
import { ClassResults, MAX_RUN_FILE_BYTES, type RunFileSource } from '../../src/app/class-results';
import { runFileOf } from '../../src/app/run-file';
import { newRecord } from '../../src/app/runs';
import { withSetup, type Setup } from '../../src/app/setup/setup';

/** The text of a finished run's file: `learningRate` set, final validation loss `valLoss`. */
function runText(learningRate: number, valLoss: number, exportedAt: Date): string {
  const base = withSetup({});
  const setup: Setup = {
    ...base,
    config: { ...base.config, training: { ...base.config.training, learningRate } },
  };
  const record = newRecord([], 'run-1', {
    config: setup.config,
    corpusName: 'Tiny Shakespeare',
    sizeName: 'Tiny',
    setup,
  });
  record.steps.append([{ step: 10, loss: 3, learningRate, gradNorm: 1, tokensSeen: 5120 }]);
  record.evals.push({
    step: 10,
    tokensSeen: 5120,
    trainLoss: 3,
    valLoss,
    valPerplexity: Math.exp(valLoss),
    valBitsPerChar: null,
    valTop1: 0.2,
    valTop5: 0.5,
    benchmarks: [],
  });
  record.step = 10;
  record.status = 'done';
  return JSON.stringify(runFileOf(record, null, exportedAt));
}

/** A file as the store reads it. */
function source(name: string, text: string, size = text.length): RunFileSource {
  return { name, size, text: () => Promise.resolve(text) };
}

describe('class results', () => {
  it('opens thirty files at once', async () => {
    const results = new ClassResults();
    const files = Array.from({ length: 30 }, (_, i) =>
      source(
        `learner-${i + 1}.json`,
        runText(0.001, 2 + i / 100, new Date(Date.UTC(2026, 0, i + 1))),
      ),
    );
    await results.open(files);
    const state = results.getSnapshot();
    expect(state.runs).toHaveLength(30);
    expect(state.refused).toEqual([]);
    expect(state.lastOpenMs).not.toBeNull();
    expect(new Set(state.runs.map((run) => run.id)).size).toBe(30);
  });

  it('refuses a malformed, a too large and a repeated file in words; the others open', async () => {
    const results = new ClassResults();
    const good = runText(0.001, 2.5, new Date('2026-12-05T10:00:00Z'));
    await results.open([source('ada.json', good)]);
    await results.open([
      source('ada.json', good),
      source('broken.json', '{"format":"nope"'),
      source('huge.json', good, MAX_RUN_FILE_BYTES + 1),
      source('grace.json', runText(0.003, 2.2, new Date('2026-12-05T11:00:00Z'))),
    ]);
    const state = results.getSnapshot();
    expect(state.runs.map((run) => run.name)).toEqual(['ada', 'grace']);
    const messages = Object.fromEntries(state.refused.map((r) => [r.fileName, r.message]));
    expect(messages['ada.json']).toMatch(/open already/);
    expect(messages['broken.json']).toMatch(/broken\.json is truncated/);
    expect(messages['huge.json']).toMatch(/too large/);
  });
});
