import { describe, expect, it } from 'vitest';
import { overfittingMarker, overfittingMessage } from '../../src/ui/evaluation/overfitting';
import type { EvalPoint } from '../../src/worker/protocol';
import { evalPoint } from './evaluation-ui-fixtures';

const history = (train: number[], val: number[]): EvalPoint[] =>
  train.map((t, i) => evalPoint((i + 1) * 100, t, val[i] ?? NaN));

describe('the overfitting marker', () => {
  it('is null while both losses fall, and for short histories', () => {
    expect(overfittingMarker(history([3, 2.5, 2.1, 1.9, 1.8], [3, 2.6, 2.3, 2.1, 2]))).toBeNull();
    expect(overfittingMarker([])).toBeNull();
    expect(overfittingMarker(history([2, 1], [2, 3]))).toBeNull();
  });

  it('marks the step of the best validation loss once validation rises as training falls', () => {
    const evals = history([3, 2.5, 2.0, 1.6, 1.3, 1.0, 0.8], [3, 2.6, 2.3, 2.25, 2.3, 2.4, 2.5]);
    expect(overfittingMarker(evals)).toEqual({ step: 400 });
  });

  it('follows an evaluation array that grows in place', () => {
    const evals = history([3, 2.5, 2.0, 1.6], [3, 2.6, 2.3, 2.25]);
    expect(overfittingMarker(evals)).toBeNull();
    evals.push(
      ...history([3, 2.5, 2.0, 1.6, 1.3, 1.0, 0.8], [3, 2.6, 2.3, 2.25, 2.3, 2.4, 2.5]).slice(4),
    );
    expect(overfittingMarker(evals)).toEqual({ step: 400 });
  });

  it('says what it means and what to do', () => {
    const message = overfittingMessage(1200);
    expect(message).toContain('rising since step 1,200 while training loss keeps falling');
    expect(message).toContain('more data, a smaller model, or dropout');
  });
});
