/**
 * A slider and a number box for one value, sharing one accessible name (they differ by role:
 * slider and spinbutton). The box accepts only values in range; anything else stays a draft,
 * marked invalid, until it is fixed or the box loses focus.
 */
import { useState } from 'react';

interface RangeNumberProps {
  /** Accessible name of both inputs. */
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (value: number) => void;
  /** Only whole numbers are accepted. */
  integer?: boolean;
  disabled?: boolean;
}

/** A slider with a number box beside it. */
export function RangeNumber(props: RangeNumberProps) {
  const { label, min, max, step, value, onChange, integer = false, disabled = false } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const accepts = (text: string): boolean => {
    const number = Number(text);
    return (
      text.trim() !== '' &&
      Number.isFinite(number) &&
      number >= min &&
      number <= max &&
      (!integer || Number.isInteger(number))
    );
  };
  const shown = draft ?? String(value);
  return (
    <span className="data-range">
      <input
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(event) => {
          setDraft(null);
          onChange(Number(event.target.value));
        }}
      />
      <input
        type="number"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={shown}
        disabled={disabled}
        aria-invalid={draft !== null && !accepts(draft)}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          if (accepts(text)) onChange(Number(text));
        }}
        onBlur={() => setDraft(null)}
      />
    </span>
  );
}
