/**
 * What was loaded: documents, characters, how each file was read, and one document at a time
 * as a sample.
 */
import { useState } from 'react';
import { formatCount } from '../format';
import type { Dataset } from './dataset';
import { plural } from './format';

/** Characters of a document shown in the sample. */
const SAMPLE_CHARACTERS = 600;

/** The loaded data at a glance. */
export function DatasetPreview({ dataset }: { dataset: Dataset }) {
  const [position, setPosition] = useState({ key: dataset.key, index: 0 });
  // Start at the first document whenever the data changes.
  const index = position.key === dataset.key ? position.index : 0;
  const count = dataset.documents;
  // The data worker holds the documents; the page has the first ones to show.
  const shown = dataset.preview.length;
  const document = dataset.preview[index] ?? '';
  const go = (step: number): void =>
    setPosition({ key: dataset.key, index: (index + step + shown) % Math.max(1, shown) });
  const readable = dataset.sources.filter((source) => source.ok);
  return (
    <div className="data-preview">
      <dl className="data-stats" aria-label="Loaded data">
        <div>
          <dt>Corpus</dt>
          <dd>{dataset.name}</dd>
        </div>
        <div>
          <dt>Documents</dt>
          <dd>{formatCount(count)}</dd>
        </div>
        <div>
          <dt>Characters</dt>
          <dd>{formatCount(dataset.characters)}</dd>
        </div>
      </dl>
      {readable.length > 1 ? (
        <ul className="data-sources">
          {readable.map((source) =>
            source.ok ? (
              <li key={source.name}>
                <strong>{source.name}</strong>: {plural(source.documents, 'document')} (
                {source.format}
                {source.note === undefined ? '' : `, ${source.note}`})
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      <div className="data-sample-head">
        <span className="data-sample-title">
          Sample: document {formatCount(index + 1)} of {formatCount(count)}
        </span>
        <span className="button-row">
          <button
            type="button"
            className="button data-small-button"
            onClick={() => go(-1)}
            disabled={shown < 2}
          >
            Previous document
          </button>
          <button
            type="button"
            className="button data-small-button"
            onClick={() => go(1)}
            disabled={shown < 2}
          >
            Next document
          </button>
        </span>
      </div>
      <pre className="data-sample" aria-label="Sample document" tabIndex={0}>
        {document.length > SAMPLE_CHARACTERS
          ? `${document.slice(0, SAMPLE_CHARACTERS)}…`
          : document}
      </pre>
    </div>
  );
}
