/**
 * A step's number, as the step rail shows it: its place in `STEPS`, so a heading's number
 * always matches the rail's.
 */
import { STEPS, type StepId } from '../../app/state';

/** The 1-based place of `step` in the pipeline. */
export function stepNumber(step: StepId): number {
  return STEPS.findIndex((item) => item.id === step) + 1;
}

export function StepNumber({ step }: { step: StepId }) {
  return (
    <span className="step-number" aria-hidden="true" data-testid={`step-number-${step}`}>
      {stepNumber(step)}
    </span>
  );
}
