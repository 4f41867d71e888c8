/**
 * The page's run records: a run continued from an autosave takes the crashed run's place, name
 * and colour; evaluations share their benchmark items' texts, so a long run's record stays small.
 */
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../src/bridge/bridge';
import { PlaygroundStore } from '../../src/app/store';
import { appendEvals } from '../../src/app/runs';
import { StepSeries } from '../../src/shared/step-series';
import { PLAYGROUND_DEFAULTS } from '../../src/config/presets';
import type { EvalPoint, StepPoint } from '../../src/worker/protocol';

const bridge = {
  send: () => undefined,
  restartTrainer: () => undefined,
  onEvent: () => () => undefined,
} as unknown as Bridge;

const from = { config: PLAYGROUND_DEFAULTS, corpusName: 'pattern', sizeName: 'Tiny' };

const steps = (n: number): StepPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    step: i + 1,
    tokensSeen: (i + 1) * 64,
    loss: 3 - i / 100,
    gradNorm: 1,
    learningRate: 1e-3,
  }));

/** An evaluation whose one benchmark shows two items, the model choosing `chosen`. */
function evaluation(step: number, chosen: number): EvalPoint {
  return {
    step,
    tokensSeen: step * 64,
    trainLoss: 2,
    valLoss: 2,
    valPerplexity: Math.exp(2),
    valBitsPerChar: 1,
    valTop1: 0.5,
    valTop5: 0.9,
    benchmarks: [
      {
        kind: 'cloze',
        name: 'Agreement',
        accuracy: 0.5,
        chance: 0.5,
        items: 20,
        // Texts built at run time: equal, but distinct strings, as each message brings them.
        examples: [0, 1].map((i) => ({
          before: ['The cat', 'The dogs'][i] ?? '',
          after: ` sat${'.'.repeat(1)}`,
          candidates: ['is', 'are'].map((c) => `${c}`),
          answer: i,
          chosen,
        })),
      },
    ],
  };
}

describe('run records', () => {
  it('puts a run continued from an autosave in the place of the run it continues', () => {
    const store = new PlaygroundStore(bridge, {});
    store.adoptRun('crashed', { ...from, label: 'Run 1' }, { steps: steps(30) });
    store.adoptRun('other', { ...from, label: 'Run 2' }, { steps: steps(5) });
    store.adoptRun('continued', { ...from, label: 'Run 1' }, { steps: steps(20) }, 'crashed');
    const runs = store.getSnapshot().runs;
    expect(runs.map((run) => run.runId)).toEqual(['continued', 'other']);
    const continued = runs[0];
    expect(continued?.label).toBe('Run 1');
    expect(continued?.colourIndex).toBe(0);
    expect(continued?.index).toBe(0);
    expect(continued?.step).toBe(20);
    expect(store.getSnapshot().activeRunId).toBe('continued');
    expect(runs[1]?.statusMessage).toBe('Replaced by Run 1.');
  });

  it('adds a run after the others when it continues none', () => {
    const store = new PlaygroundStore(bridge, {});
    store.adoptRun('a', from, { steps: steps(3) });
    store.adoptRun('b', from, { steps: steps(3) }, 'not-there');
    const runs = store.getSnapshot().runs;
    expect(runs.map((run) => [run.runId, run.label, run.colourIndex])).toEqual([
      ['a', 'Run 1', 0],
      ['b', 'Run 2', 1],
    ]);
  });

  it('keeps one copy of each benchmark item’s text across evaluations, and every choice', () => {
    const evals: EvalPoint[] = [];
    appendEvals(evals, [evaluation(50, 0)]);
    appendEvals(evals, [evaluation(100, 1), evaluation(150, 0)]);
    expect(evals.map((e) => e.step)).toEqual([50, 100, 150]);
    expect(evals.map((e) => e.benchmarks[0]?.examples.map((x) => x.chosen))).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
    ]);
    const first = evals[0]?.benchmarks[0]?.examples[1];
    const last = evals[2]?.benchmarks[0]?.examples[1];
    expect(last?.before).toBe('The dogs');
    expect(last?.candidates).toBe(first?.candidates);
  });

  it('keeps an item’s own texts when they differ from the evaluation before', () => {
    const evals: EvalPoint[] = [];
    appendEvals(evals, [evaluation(50, 0)]);
    const changed = evaluation(100, 1);
    const item = changed.benchmarks[0]?.examples[0];
    if (item !== undefined) item.candidates = ['was', 'were'];
    appendEvals(evals, [changed]);
    expect(evals[1]?.benchmarks[0]?.examples[0]?.candidates).toEqual(['was', 'were']);
    expect(evals[1]?.benchmarks[0]?.examples[1]?.candidates).toBe(
      evals[0]?.benchmarks[0]?.examples[1]?.candidates,
    );
  });
});

describe('StepSeries', () => {
  it('gives back every point it was given, by index, from the end, up to a step, and as JSON', () => {
    const series = new StepSeries();
    const points = steps(1000);
    series.append(points.slice(0, 10));
    series.append(points.slice(10));
    expect(series.length).toBe(1000);
    expect(series.at(0)).toEqual(points[0]);
    expect(series.at(-1)).toEqual(points[999]);
    expect(series.at(1000)).toBeUndefined();
    expect(series.at(-1001)).toBeUndefined();
    expect(series.lossAt(500)).toBe(points[500]?.loss);
    expect(series.upTo(300)).toEqual(points.slice(0, 300));
    expect(JSON.parse(JSON.stringify({ steps: series }))).toEqual({ steps: points });
    expect(new StepSeries(series.toArray()).toArray()).toEqual(points);
  });

  it('keeps NaN losses of a diverged step as NaN', () => {
    const series = new StepSeries([{ ...steps(1)[0]!, loss: NaN }]);
    expect(series.at(0)?.loss).toBeNaN();
  });
});
