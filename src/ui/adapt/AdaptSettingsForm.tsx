/**
 * What fine-tuning trains (all weights, or with the embeddings or the lower N blocks frozen),
 * its learning rate, step budget and evaluation interval.
 */
import { useId } from 'react';
import type { AdaptSettings, TrainWhat } from './settings';

interface AdaptSettingsFormProps {
  settings: AdaptSettings;
  onChange: (settings: AdaptSettings) => void;
  disabled: boolean;
}

const TRAIN_CHOICES: { value: TrainWhat; label: string }[] = [
  { value: 'all', label: 'All weights' },
  { value: 'freeze-embeddings', label: 'Freeze embeddings' },
  { value: 'freeze-blocks', label: 'Freeze the lower blocks' },
];

function NumberField(props: {
  label: string;
  value: number;
  step: number | 'any';
  min: number;
  onChange: (value: number) => void;
  help?: string;
}) {
  return (
    <label className="field adapt-number">
      <span className="field-label">{props.label}</span>
      <input
        type="number"
        value={Number.isFinite(props.value) ? props.value : ''}
        step={props.step}
        min={props.min}
        onChange={(event) => props.onChange(event.target.valueAsNumber)}
      />
      {props.help ? <span className="field-help">{props.help}</span> : null}
    </label>
  );
}

/** The fine-tuning settings. */
export function AdaptSettingsForm({ settings, onChange, disabled }: AdaptSettingsFormProps) {
  const name = useId();
  const set = (patch: Partial<AdaptSettings>) => onChange({ ...settings, ...patch });
  return (
    <fieldset className="adapt-fieldset" disabled={disabled}>
      <legend className="group-label">What to train</legend>
      <div className="adapt-choices">
        {TRAIN_CHOICES.map((choice) => (
          <label key={choice.value} className="adapt-choice">
            <input
              type="radio"
              name={name}
              checked={settings.trainWhat === choice.value}
              onChange={() => set({ trainWhat: choice.value })}
            />
            <span>{choice.label}</span>
          </label>
        ))}
        {settings.trainWhat === 'freeze-blocks' ? (
          <label className="inline-field adapt-blocks">
            <span>Frozen blocks</span>
            <input
              type="number"
              min={0}
              step={1}
              value={Number.isFinite(settings.frozenBlocks) ? settings.frozenBlocks : ''}
              onChange={(event) => set({ frozenBlocks: event.target.valueAsNumber })}
            />
          </label>
        ) : null}
      </div>
      <div className="adapt-numbers">
        <NumberField
          label="Learning rate"
          value={settings.learningRate}
          step="any"
          min={0}
          help="Lower than for pre-training."
          onChange={(learningRate) => set({ learningRate })}
        />
        <NumberField
          label="Step budget"
          value={settings.stepBudget}
          step={10}
          min={1}
          onChange={(stepBudget) => set({ stepBudget })}
        />
        <NumberField
          label="Evaluate every (steps)"
          value={settings.evalInterval}
          step={1}
          min={1}
          onChange={(evalInterval) => set({ evalInterval })}
        />
      </div>
    </fieldset>
  );
}
