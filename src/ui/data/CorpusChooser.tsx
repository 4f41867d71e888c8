/**
 * The built-in corpora and the learner's own data as one radio group, with the chosen
 * corpus's description, source and licence.
 */
import { useId } from 'react';
import { formatBytes } from '../format';
import { plural } from './format';
import { OWN_DATA_ID, type CorpusList } from '../../app/pipeline';

interface CorpusChooserProps {
  list: CorpusList;
  selected: string;
  onSelect: (id: string) => void;
  /** What the own-data choice holds, e.g. "2 files · 31 documents", or null when nothing is loaded. */
  ownDescription: string | null;
}

/** Chooses the corpus. */
export function CorpusChooser({ list, selected, onSelect, ownDescription }: CorpusChooserProps) {
  const name = useId();
  const corpora = list.status === 'loaded' ? list.corpora : [];
  const chosen = corpora.find((corpus) => corpus.id === selected);
  return (
    <div className="data-corpora">
      <fieldset className="data-choice-list">
        <legend className="data-legend">Built-in corpora</legend>
        {list.status === 'loading' ? <p className="placeholder">Loading the list…</p> : null}
        {list.status === 'failed' ? (
          <p className="message is-error" role="alert">
            {list.message}
          </p>
        ) : null}
        {corpora.map((corpus) => (
          <label
            key={corpus.id}
            className={`data-choice${corpus.id === selected ? ' is-selected' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={corpus.id}
              checked={corpus.id === selected}
              onChange={() => onSelect(corpus.id)}
            />
            <span className="data-choice-name">{corpus.name}</span>
            <span className="data-choice-meta">
              {formatBytes(corpus.bytes)} · {plural(corpus.documents, 'doc')}
            </span>
          </label>
        ))}
        <label className={`data-choice${selected === OWN_DATA_ID ? ' is-selected' : ''}`}>
          <input
            type="radio"
            name={name}
            value={OWN_DATA_ID}
            checked={selected === OWN_DATA_ID}
            onChange={() => onSelect(OWN_DATA_ID)}
          />
          <span className="data-choice-name">Your own data</span>
          <span className="data-choice-meta">{ownDescription ?? 'paste or upload'}</span>
        </label>
      </fieldset>
      {chosen !== undefined ? (
        <div className="data-corpus-details">
          <p>{chosen.description}</p>
          <dl className="facts">
            <dt>Size</dt>
            <dd>
              {formatBytes(chosen.bytes)}, {plural(chosen.documents, 'document')}
            </dd>
            <dt>Source</dt>
            <dd>{chosen.source}</dd>
            <dt>Licence</dt>
            <dd>{chosen.licence}</dd>
          </dl>
        </div>
      ) : null}
    </div>
  );
}
