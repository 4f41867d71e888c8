import { describe, expect, it } from 'vitest';
import { RUN_FILE_VERSION, runFileOf, thinPoints } from '../../src/app/run-file';
import { readRunFile } from '../../src/app/run-file-read';
import { finishedRun } from './run-fixtures';

describe('run files', () => {
  it('round-trip: what a learner exports is what the teacher opens', () => {
    const { record, setup } = finishedRun();
    const file = runFileOf(record, null, new Date('2026-12-05T10:00:00Z'));
    const reading = readRunFile(JSON.stringify(file), 'ada.json');
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.run.name).toBe('ada');
    expect(reading.run.file.setup).toEqual(setup);
    expect(reading.run.file.curve.train).toHaveLength(20);
    expect(reading.run.file.final.steps).toBe(20);
  });

  it('refuses a wrong file in words and never throws', () => {
    const { record } = finishedRun();
    const file = runFileOf(record, null);
    const cases: [string, RegExp][] = [
      ['{"format":"nope"', /truncated/],
      ['format: nope', /not valid JSON/],
      ['[]', /not a run file/i],
      [JSON.stringify({ ...file, format: 'other' }), /not a run file/i],
      [JSON.stringify({ ...file, version: RUN_FILE_VERSION + 1 }), /newer/],
      [JSON.stringify({ ...file, final: { ...file.final, steps: 'many' } }), /steps/],
    ];
    for (const [text, message] of cases) {
      const reading = readRunFile(text, 'x.json');
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.message).toMatch(message);
    }
  });

  it('thinning keeps the first and the last point and at most max points', () => {
    const points = Array.from({ length: 5000 }, (_, i) => i);
    const thin = thinPoints(points, 1000);
    expect(thin.length).toBeLessThanOrEqual(1000);
    expect(thin[0]).toBe(0);
    expect(thin.at(-1)).toBe(4999);
  });
});
