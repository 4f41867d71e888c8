/**
 * The pipeline as a left rail of numbered steps, in order: Data → Curate → Tokenize → Model →
 * Train → Evaluate → Adapt. Each step consumes what the one before it produced; a short note
 * under each name says where it stands.
 */
import { STEPS, VIEWS, type StepId, type ViewId } from '../../app/state';
import { StepNumber } from './StepNumber';

interface StepperProps {
  step: ViewId;
  onSelect: (step: ViewId) => void;
  /** A few words per step ("names · 1,000 docs", "training"), or nothing. */
  notes: Partial<Record<StepId, string>>;
}

/** The step rail. */
export function Stepper({ step, onSelect, notes }: StepperProps) {
  return (
    <nav className="stepper" aria-label="Pipeline steps">
      <ol>
        {STEPS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={`stepper-item${item.id === step ? ' is-current' : ''}`}
              aria-current={item.id === step ? 'step' : undefined}
              onClick={() => onSelect(item.id)}
              data-testid={`step-${item.id}`}
            >
              <StepNumber step={item.id} />
              <span className="stepper-text">
                <span className="stepper-label">{item.label}</span>
                {notes[item.id] ? <span className="stepper-note">{notes[item.id]}</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <ul className="stepper-views" aria-label="Classroom">
        {VIEWS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={`stepper-item stepper-view${item.id === step ? ' is-current' : ''}`}
              aria-current={item.id === step ? 'page' : undefined}
              onClick={() => onSelect(item.id)}
              data-testid={`step-${item.id}`}
            >
              <span className="stepper-text">
                <span className="stepper-label">{item.label}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
