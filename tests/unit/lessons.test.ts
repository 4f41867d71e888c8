import { describe, expect, it } from 'vitest';
import { settingsProblems } from '../../src/app/blockers';
import { checkObjectives, checkPretraining, debrisShare } from '../../src/app/lessons/checks';
import { LESSONS, lessonById } from '../../src/app/lessons/lessons';
import { newRecord, type RunRecord } from '../../src/app/runs';
import { withSetup } from '../../src/app/setup/setup';
import { setupFromQuery, setupToQuery } from '../../src/app/setup/url';
import type { Objective } from '../../src/config/config';
import type { EvalPoint } from '../../src/worker/protocol';

/** A finished run of `objective` whose last evaluation has validation loss `valLoss`. */
function finishedRun(runs: RunRecord[], objective: Objective, valLoss: number): RunRecord {
  const setup = withSetup({});
  const config = { ...setup.config, training: { ...setup.config.training, objective } };
  const run = newRecord(runs, `run-${runs.length}`, {
    config,
    corpusName: 'test',
    sizeName: 'Tiny',
    setup,
  });
  const point: EvalPoint = {
    step: 100,
    tokensSeen: 1000,
    trainLoss: valLoss - 0.1,
    valLoss,
    valPerplexity: Math.exp(valLoss),
    valBitsPerChar: null,
    valTop1: 0.3,
    valTop5: 0.6,
    benchmarks: [],
  };
  run.evals.push(point);
  run.step = 100;
  run.status = 'done';
  runs.push(run);
  return run;
}

describe('lessons', () => {
  it('are six or more, each with a unique id, 2–4 steps and a valid set-up that fits a link', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((lesson) => lesson.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(2);
      expect(lesson.steps.length).toBeLessThanOrEqual(4);
      const setup = withSetup(lesson.setup);
      expect([...settingsProblems(setup.config).keys()]).toEqual([]);
      // The set-up survives a link: what a teacher copies after opening it is what it set.
      const back = setupFromQuery(`?${setupToQuery(setup).toString()}`);
      expect(back.notices).toEqual([]);
      expect(back.setup).toEqual(setup);
      expect(lessonById(lesson.id)).toBe(lesson);
    }
  });

  it('the objectives check waits for both runs, then says whether masked ends above causal', () => {
    const runs: RunRecord[] = [];
    finishedRun(runs, 'causal', 2.4);
    expect(checkObjectives({ runs, comparison: null }).reached).toBe(false);
    finishedRun(runs, 'masked', 2.9);
    const check = checkObjectives({ runs, comparison: null });
    expect(check.reached).toBe(true);
    expect(check.detail).toContain('2.40');
    expect(check.detail).toContain('2.90');
    finishedRun(runs, 'masked', 2.1);
    expect(checkObjectives({ runs, comparison: null }).reached).toBe(false);
  });

  it('the pre-training check needs the fine-tuned model lower at every share of the task data', () => {
    const curve = (kind: 'finetune' | 'scratch', fraction: number, valLoss: number) => ({
      kind,
      fraction,
      points: [{ step: 10, valLoss }],
      taskAccuracy: null,
    });
    const comparison = {
      curves: [curve('finetune', 0.1, 1.5), curve('scratch', 0.1, 2.5), curve('finetune', 1, 1.2)],
      forgetting: [],
      trainExamples: 10,
      valExamples: 2,
    };
    expect(checkPretraining({ runs: [], comparison: null }).reached).toBe(false);
    // At 100% the scratch curve is missing: not every share shows it yet.
    expect(checkPretraining({ runs: [], comparison }).reached).toBe(false);
    comparison.curves.push(curve('scratch', 1, 1.8));
    const check = checkPretraining({ runs: [], comparison });
    expect(check.reached).toBe(true);
    expect(check.detail).toContain('10% of the data 1.50 against 2.50');
  });

  it('mail debris is digits and the symbols of headers and markup, not prose', () => {
    expect(debrisShare('')).toBe(0);
    expect(debrisShare('the whale swam on, through the night.')).toBe(0);
    expect(debrisShare('<td>=20</td> 12:04 a@b')).toBeGreaterThan(0.4);
  });
});
