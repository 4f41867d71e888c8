/**
 * Causal models: the ten most likely next tokens for a prompt, and a sampled continuation.
 */
import { useId } from 'react';
import type { NextTokenResult } from '../../worker/protocol';
import { TokenBars } from './TokenBars';
import { useControlMode } from '../shell/ClassroomContext';

interface NextTokenPanelProps {
  prompt: string;
  onPromptChange: (prompt: string) => void;
  temperature: number;
  onTemperatureChange: (value: number) => void;
  sampleTopK: number;
  onSampleTopKChange: (value: number) => void;
  onPredict: () => void;
  /** The latest answer for this run, if any. */
  result: NextTokenResult | null;
  /** True when there is a model to ask. */
  enabled: boolean;
}

/** The next-token panel. */
export function NextTokenPanel(props: NextTokenPanelProps) {
  const { result, enabled } = props;
  const id = useId();
  const promptMode = useControlMode('prompt');
  return (
    <div className="prediction-body">
      <div className="prompt-row">
        {promptMode === 'hidden' ? null : (
          <label className="field grow">
            <span className="field-label">Prompt</span>
            <textarea
              className="prompt-input"
              rows={2}
              value={props.prompt}
              onChange={(event) => props.onPromptChange(event.target.value)}
              spellCheck={false}
              readOnly={promptMode !== 'shown'}
            />
          </label>
        )}
        <button
          type="button"
          className="button"
          onClick={props.onPredict}
          disabled={!enabled || props.prompt === ''}
        >
          Predict
        </button>
      </div>

      <h3 className="subhead" id={`${id}-top`}>
        Next token
      </h3>
      {result !== null ? (
        <TokenBars
          candidates={result.top}
          label="Most likely next tokens"
          itemTestId="next-token-item"
        />
      ) : (
        <p className="placeholder">
          {enabled
            ? 'Predicting…'
            : 'Train a causal model to see what it predicts after the prompt.'}
        </p>
      )}

      <h3 className="subhead">Sampled continuation</h3>
      <div className="sample-controls">
        <label className="inline-field slider-field">
          <span>Temperature</span>
          <input
            type="range"
            min={0.1}
            max={2}
            step={0.1}
            value={props.temperature}
            onChange={(event) => props.onTemperatureChange(Number(event.target.value))}
          />
          <output>{props.temperature.toFixed(1)}</output>
        </label>
        <label className="inline-field">
          <span>Top-k</span>
          <select
            value={props.sampleTopK}
            onChange={(event) => props.onSampleTopKChange(Number(event.target.value))}
          >
            <option value={0}>all tokens</option>
            {[1, 3, 5, 10, 20, 40].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="sample" data-testid="sample-text" aria-live="off">
        <span className="sample-prompt">{props.prompt}</span>
        <span className="sample-continuation">{result?.sample ?? ''}</span>
      </p>
    </div>
  );
}
