/**
 * Short strings that change exactly when what a panel draws changes. Runs' evaluation and
 * sample arrays grow in place, so their identity says nothing; their lengths, with the run's
 * id, name and colour, say everything (points are only ever appended).
 */
import type { EvaluationRun } from './types';

/** Changes when a run is added, removed, renamed, recoloured or gains an evaluation. */
export function evaluationSignature(
  runs: readonly Pick<EvaluationRun, 'runId' | 'label' | 'color' | 'objective' | 'evals'>[],
): string {
  return runs
    .map(
      (r) =>
        `${r.runId}\u0001${r.label}\u0001${r.color}\u0001${r.objective}\u0001${r.evals.length}`,
    )
    .join('\u0002');
}

/** Changes when the run changes or gains a sample. */
export function samplesSignature(
  run: Pick<EvaluationRun, 'runId' | 'label' | 'objective' | 'samples'> | undefined,
): string {
  return run === undefined
    ? ''
    : `${run.runId}\u0001${run.label}\u0001${run.objective}\u0001${run.samples.length}`;
}
