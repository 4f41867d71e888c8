/**
 * Step 2: the model — a size preset (with its parameter count and training FLOPs per token),
 * the objective (causal or masked, with the mask ratio for masked), and an Advanced section
 * with every numeric setting.
 */
import { memo, useId } from 'react';
import type { Objective, RunConfig } from '../../../config/config';
import { OBJECTIVES } from '../../../config/config';
import type { NumericField } from '../../../config/controls';
import { CONTROLS, controlFor, readField, writeField } from '../../../config/controls';
import { PRESETS, matchingPreset, presetConfig } from '../../../config/presets';
import { countParameters, trainingFlopsPerToken } from '../../../config/size';
import { OBJECTIVE_LABELS } from '../../../app/runs';
import { formatCount } from '../../format';
import { AttentionMaskIcon } from '../../attention/AttentionMaskDiagram';
import { NumberField } from './NumberField';
import { StepNumber } from '../../shell/StepNumber';
import { Control, useControlMode } from '../../shell/ClassroomContext';

/** Whether a numeric setting is part of the model's shape or of the training settings. */
function groupOf(field: NumericField): 'model' | 'training' {
  return field.startsWith('model.') ? 'model' : 'training';
}

interface ModelSettingsProps {
  config: RunConfig;
  onChange: (config: RunConfig) => void;
  /** Vocabulary size used for the size estimates. */
  vocabSize: number;
  /** True once the worker confirmed `vocabSize` (otherwise it is estimated from the text). */
  vocabKnown: boolean;
  /** Problems per field, from validation. */
  problems: ReadonlyMap<string, readonly string[]>;
  disabled: boolean;
}

const OBJECTIVE_HELP: Record<Objective, string> = {
  causal: 'Predict each next token from the ones before it, like GPT.',
  masked: 'Hide some tokens behind [MASK] and recover them from both sides, like BERT.',
};

/** Chooses the model's size and objective. */
export const ModelSettings = memo(function ModelSettings(props: ModelSettingsProps) {
  const { config, onChange, vocabSize, problems, disabled } = props;
  const presetGroup = useId();
  const objectiveGroup = useId();
  const current = matchingPreset(config);
  const problemsOf = (field: NumericField): readonly string[] => problems.get(field) ?? [];
  const field = (name: NumericField) => (
    <NumberField
      key={name}
      control={controlFor(name)}
      value={readField(config, name)}
      onChange={(value) => onChange(writeField(config, name, value))}
      problems={problemsOf(name)}
      disabled={disabled}
    />
  );
  // The advanced fields belong to the model's shape or to the training settings: a link can
  // hide or lock each group (`?hide=model`, `?lock=training`).
  const modes = { model: useControlMode('model'), training: useControlMode('training') };
  const advanced = CONTROLS.filter(
    (c) => c.objective === undefined && modes[groupOf(c.field)] !== 'hidden',
  ).map((c) => ({ ...c, group: groupOf(c.field) }));
  const advancedProblems = advanced.filter((c) => problemsOf(c.field).length > 0).length;

  return (
    <section className="panel" aria-labelledby={`${presetGroup}-title`}>
      <h2 id={`${presetGroup}-title`} className="panel-title">
        <StepNumber step="model" />
        Model
      </h2>
      <Control id="model">
        <fieldset className="preset-list" disabled={disabled}>
          <legend className="group-label">Size</legend>
          {PRESETS.map((preset) => {
            const sized = presetConfig(preset.id, config);
            const shape = { ...sized.model, vocabSize };
            const id = `${presetGroup}-${preset.id}`;
            return (
              <label
                key={preset.id}
                className={`preset${current === preset.id ? ' is-selected' : ''}`}
              >
                <input
                  type="radio"
                  name={presetGroup}
                  checked={current === preset.id}
                  onChange={() => onChange(presetConfig(preset.id, config))}
                  aria-labelledby={`${id}-name`}
                  aria-describedby={`${id}-size`}
                />
                <span className="preset-name" id={`${id}-name`}>
                  {preset.name}
                </span>
                <span className="preset-size" id={`${id}-size`}>
                  <span data-testid={`preset-params-${preset.id}`}>
                    {formatCount(countParameters(shape))} parameters
                  </span>
                  <span>{formatCount(trainingFlopsPerToken(shape))} FLOPs per token</span>
                </span>
              </label>
            );
          })}
          {current === null ? (
            <p className="hint">
              Custom size: {formatCount(countParameters({ ...config.model, vocabSize }))}{' '}
              parameters, {formatCount(trainingFlopsPerToken({ ...config.model, vocabSize }))} FLOPs
              per token.
            </p>
          ) : null}
          <p className="hint">
            {props.vocabKnown
              ? `Vocabulary: ${vocabSize} tokens.`
              : `Estimated with a vocabulary of ${vocabSize} tokens (the text’s characters + 3 special tokens).`}
          </p>
        </fieldset>
      </Control>

      <Control id="objective">
        <fieldset className="objective-list" disabled={disabled}>
          <legend className="group-label">Objective</legend>
          {OBJECTIVES.map((objective) => (
            <label
              key={objective}
              className={`choice objective-${objective}${config.training.objective === objective ? ' is-selected' : ''}`}
            >
              <input
                type="radio"
                name={objectiveGroup}
                value={objective}
                checked={config.training.objective === objective}
                onChange={() =>
                  onChange({ ...config, training: { ...config.training, objective } })
                }
                aria-describedby={`${objectiveGroup}-${objective}-help`}
              />
              <span className="choice-name">{OBJECTIVE_LABELS[objective]}</span>
              <span className="choice-help" id={`${objectiveGroup}-${objective}-help`}>
                {OBJECTIVE_HELP[objective]}
              </span>
              <AttentionMaskIcon objective={objective} />
            </label>
          ))}
        </fieldset>
        {config.training.objective === 'masked' ? field('training.maskRatio') : null}
      </Control>

      {advanced.length === 0 ? null : (
        <details className="advanced">
          <summary>
            Advanced settings
            {advancedProblems > 0 ? (
              <span className="badge is-error">{advancedProblems} to fix</span>
            ) : null}
          </summary>
          <div className="field-grid">
            {advanced.map((c) =>
              modes[c.group] === 'locked' ? (
                <fieldset key={c.field} className="locked-control" disabled>
                  {field(c.field)}
                </fieldset>
              ) : (
                field(c.field)
              ),
            )}
          </div>
        </details>
      )}
    </section>
  );
});
