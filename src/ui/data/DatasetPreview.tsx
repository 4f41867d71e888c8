/**
 * What was loaded: documents, characters, how each file was read, and one document at a time
 * as a sample.
 */
import { useState } from 'react';
import { formatCount } from '../format';
import type { Dataset } from './dataset';

/** Characters of a document shown in the sample. */
const SAMPLE_CHARACTERS = 600;

/** Formats read by an extractor, whose files are always listed. */
const DOCUMENT_FORMATS: ReadonlySet<string> = new Set(['pdf', 'docx', 'html', 'epub']);

/** A size in bytes, kB or MB. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a file was refused, without its name (the row names it). */
function refusalOf(name: string, error: string): string {
  const prefix = `${name} cannot be used: `;
  return error.startsWith(prefix) ? error.slice(prefix.length) : error;
}

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
  const { sources } = dataset;
  // Several files, or one document file (a PDF's pages, a book's chapters): list each file.
  const listed =
    sources.length > 1 ||
    sources.some((source) => !source.ok || DOCUMENT_FORMATS.has(source.format));
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
      {listed ? (
        <table className="data-sources" aria-label="Files read">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">Documents</th>
              <th scope="col">Characters</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source, i) => (
              <tr key={`${i}:${source.name}`} className={source.ok ? undefined : 'is-refused'}>
                <th scope="row">{source.name}</th>
                <td>{formatBytes(source.bytes)}</td>
                {source.ok ? (
                  <>
                    <td>
                      {formatCount(source.documents)} ({source.format}
                      {source.note === undefined ? '' : `, ${source.note}`})
                    </td>
                    <td>{formatCount(source.characters)}</td>
                  </>
                ) : (
                  <td colSpan={2}>Refused: {refusalOf(source.name, source.error)}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
