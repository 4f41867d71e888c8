/**
 * A labelled number input driven by a control's metadata, with its help text and any
 * problem with its value shown beneath it (and linked with aria-describedby).
 */
import { useId, useState } from 'react';
import type { NumericControl } from '../../../config/controls';

interface NumberFieldProps {
  control: NumericControl;
  value: number;
  onChange: (value: number) => void;
  /** Problems with this field's value, shown under it. */
  problems: readonly string[];
  disabled?: boolean;
}

/** One numeric setting. */
export function NumberField({ control, value, onChange, problems, disabled }: NumberFieldProps) {
  const id = useId();
  // What the user typed, kept so "0." or an empty box survive a re-render; shown only while it
  // still stands for the current value (a preset may change the value from outside).
  const [draft, setDraft] = useState<{ text: string; value: number } | null>(null);
  const text = draft !== null && Object.is(draft.value, value) ? draft.text : String(value);
  const invalid = problems.length > 0;
  return (
    <div className={`field${invalid ? ' is-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {control.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={control.min}
        max={control.max}
        step={control.step}
        value={text}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={`${id}-help${invalid ? ` ${id}-problem` : ''}`}
        onChange={(event) => {
          const next = event.target.value.trim() === '' ? NaN : Number(event.target.value);
          setDraft({ text: event.target.value, value: next });
          onChange(next);
        }}
      />
      <p className="field-help" id={`${id}-help`}>
        {control.help}
      </p>
      {invalid ? (
        <p className="field-problem" id={`${id}-problem`} role="alert">
          {problems.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
