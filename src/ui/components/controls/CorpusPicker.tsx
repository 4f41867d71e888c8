/**
 * Step 1 of the pipeline: the text to train on — a built-in corpus (with its source and
 * licence) or the learner's own text.
 */
import { memo, useId } from 'react';
import type { CorpusEntry, Loadable } from '../../hooks/useCorpora';
import { formatBytes, formatCount } from '../../format';

/** The id of the "your own text" choice. */
export const CUSTOM_CORPUS_ID = 'custom';

interface CorpusPickerProps {
  index: Loadable<CorpusEntry[]>;
  selectedId: string;
  onSelect: (id: string) => void;
  customText: string;
  onCustomTextChange: (text: string) => void;
  /** The chosen text's loading state (built-in corpora load when chosen). */
  text: Loadable<string> | null;
  /** Why the chosen text cannot be trained on, or null. */
  problem: string | null;
  /** Length and distinct characters of the text (null while unknown). */
  textStats: { chars: number; distinct: number } | null;
  disabled: boolean;
}

/** Chooses the training text. */
export const CorpusPicker = memo(function CorpusPicker(props: CorpusPickerProps) {
  const { index, selectedId, onSelect, customText, onCustomTextChange, text, problem } = props;
  const groupName = useId();
  const problemId = useId();
  const entries = index.status === 'loaded' ? index.value : [];
  const selected = entries.find((entry) => entry.id === selectedId);
  const options = [
    ...entries.map((entry) => ({ id: entry.id, name: entry.name, meta: formatBytes(entry.bytes) })),
    { id: CUSTOM_CORPUS_ID, name: 'Your own text', meta: 'paste below' },
  ];
  return (
    <section className="panel" aria-labelledby={`${groupName}-title`}>
      <h2 id={`${groupName}-title`} className="panel-title">
        <span className="step-number" aria-hidden="true">
          1
        </span>
        Text
      </h2>
      {index.status === 'failed' ? (
        <p className="message is-error" role="alert">
          {index.message}
        </p>
      ) : null}
      <fieldset className="choice-list" disabled={props.disabled}>
        <legend className="visually-hidden">Training text</legend>
        {options.map((option) => (
          <label
            key={option.id}
            className={`choice${option.id === selectedId ? ' is-selected' : ''}`}
          >
            <input
              type="radio"
              name={groupName}
              value={option.id}
              checked={option.id === selectedId}
              onChange={() => onSelect(option.id)}
            />
            <span className="choice-name">{option.name}</span>
            <span className="choice-meta" aria-hidden="true">
              {option.meta}
            </span>
          </label>
        ))}
      </fieldset>

      {selected !== undefined ? (
        <div className="corpus-details">
          <p>{selected.description}</p>
          <dl className="facts">
            <dt>Size</dt>
            <dd>{formatBytes(selected.bytes)}</dd>
            <dt>Source</dt>
            <dd>{selected.source}</dd>
            <dt>Licence</dt>
            <dd>{selected.licence}</dd>
          </dl>
        </div>
      ) : null}

      {selectedId === CUSTOM_CORPUS_ID ? (
        <label className="field">
          <span className="field-label">Your text</span>
          <textarea
            className="custom-text"
            value={customText}
            onChange={(event) => onCustomTextChange(event.target.value)}
            placeholder="Paste a few pages of text here (at least a few thousand characters)…"
            rows={6}
            spellCheck={false}
            aria-describedby={problem !== null ? problemId : undefined}
            aria-invalid={problem !== null}
            disabled={props.disabled}
          />
        </label>
      ) : null}

      <p className="hint" aria-live="polite">
        {text !== null && text.status === 'loading'
          ? 'Loading the text…'
          : props.textStats !== null && props.textStats.chars > 0
            ? `${formatCount(props.textStats.chars)} characters, ${props.textStats.distinct} distinct: ` +
              `each becomes one token.`
            : null}
      </p>
      {text !== null && text.status === 'failed' ? (
        <p className="message is-error" role="alert">
          {text.message}
        </p>
      ) : null}
      {problem !== null ? (
        <p className="message is-error" role="alert" id={problemId}>
          {problem}
        </p>
      ) : null}
    </section>
  );
});
