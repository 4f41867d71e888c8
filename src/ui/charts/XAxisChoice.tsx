/**
 * The x-axis switch of the loss charts: training steps or tokens seen.
 */
import type { XAxisKind } from './series';

export function XAxisChoice(props: {
  /** Used for the radio group's name. */
  id: string;
  value: XAxisKind;
  onChange: (kind: XAxisKind) => void;
  /** The order of the two choices (the first is the chart's default). */
  order: readonly XAxisKind[];
}) {
  const { id, value, onChange, order } = props;
  return (
    <div className="segmented" role="radiogroup" aria-label="X axis">
      {order.map((kind) => (
        <label key={kind} className={value === kind ? 'is-selected' : undefined}>
          <input
            type="radio"
            name={`${id}-x`}
            checked={value === kind}
            onChange={() => onChange(kind)}
          />
          {kind === 'step' ? 'Steps' : 'Tokens seen'}
        </label>
      ))}
    </div>
  );
}
