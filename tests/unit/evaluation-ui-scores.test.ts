import { describe, expect, it } from 'vitest';
import {
  contextHead,
  contextTail,
  formatAccuracy,
  formatFraction,
  formatPerplexity,
  showBreaks,
} from '../../src/ui/evaluation/format';
import { chanceVerdict, latestEval } from '../../src/ui/evaluation/scores';
import { evaluationSignature, samplesSignature } from '../../src/ui/evaluation/signature';
import type { EvaluationRun } from '../../src/ui/evaluation/types';
import { evalPoint } from './evaluation-ui-fixtures';

describe('above chance', () => {
  it('needs more than two standard errors of guessing above chance', () => {
    // 20 four-way items: guessing gives 25% ± 9.7%, so above chance starts past 44.4%.
    expect(chanceVerdict({ accuracy: 0.45, chance: 0.25, items: 20 })).toBe('above');
    expect(chanceVerdict({ accuracy: 0.4, chance: 0.25, items: 20 })).toBe('chance');
    expect(chanceVerdict({ accuracy: 0.25, chance: 0.25, items: 20 })).toBe('chance');
    expect(chanceVerdict({ accuracy: 0.0, chance: 0.25, items: 20 })).toBe('below');
    // More items, a tighter margin.
    expect(chanceVerdict({ accuracy: 0.3, chance: 0.25, items: 2000 })).toBe('above');
  });

  it('calls no items or a non-finite accuracy chance', () => {
    expect(chanceVerdict({ accuracy: 1, chance: 0.25, items: 0 })).toBe('chance');
    expect(chanceVerdict({ accuracy: NaN, chance: 0.25, items: 20 })).toBe('chance');
  });
});

describe('evaluation formatting', () => {
  it('writes accuracies, perplexities and fractions', () => {
    expect(formatAccuracy(0.85)).toBe('85%');
    expect(formatAccuracy(0.8533)).toBe('85.3%');
    expect(formatAccuracy(null)).toBe('—');
    expect(formatPerplexity(Math.E)).toBe('2.72');
    expect(formatPerplexity(1234.4)).toBe('1,234');
    expect(formatFraction(0)).toBe('0%');
    expect(formatFraction(0.003)).toBe('<1%');
    expect(formatFraction(0.424)).toBe('42%');
  });

  it('shortens contexts around the gap and shows line breaks', () => {
    expect(contextTail('abcdef', 3)).toBe('…def');
    expect(contextTail('abc', 3)).toBe('abc');
    expect(contextHead('abcdef', 2)).toBe('ab…');
    expect(showBreaks('a\nb\tc d')).toBe('a⏎b⇥c d');
  });
});

describe('signatures', () => {
  const run = (evals = [evalPoint(0, 3, 3)]): EvaluationRun => ({
    runId: 'r1',
    label: 'Run 1',
    objective: 'causal',
    color: '#000',
    visible: true,
    evals,
    samples: [],
  });

  it('change when a run gains an evaluation in place, and not otherwise', () => {
    const a = run();
    const before = evaluationSignature([a]);
    expect(evaluationSignature([{ ...a }])).toBe(before);
    (a.evals as ReturnType<typeof evalPoint>[]).push(evalPoint(100, 2, 2));
    expect(evaluationSignature([a])).not.toBe(before);
    expect(evaluationSignature([a, { ...a, runId: 'r2' }])).not.toBe(evaluationSignature([a]));
  });

  it('of samples follow the run and its sample count', () => {
    expect(samplesSignature(undefined)).toBe('');
    expect(samplesSignature(run())).not.toBe(samplesSignature({ ...run(), runId: 'r9' }));
  });

  it('pick the latest evaluation', () => {
    expect(latestEval([evalPoint(0, 3, 3), evalPoint(5, 2, 2)])?.step).toBe(5);
    expect(latestEval([])).toBeUndefined();
  });
});
