/**
 * The learner's own data: pasted text, or files chosen with the file picker or dropped on the
 * drop zone. Reading happens in the data worker; what cannot be read is reported by the caller.
 */
import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import { MAX_UPLOAD_BYTES } from '../../data/curate';

/** The file types offered by the picker. */
export const ACCEPTED_FILES = '.txt,.md,.csv,.jsonl,.json';

interface OwnDataInputProps {
  /** Reads pasted text (documents separated by blank lines). */
  onPaste: (text: string) => void;
  /** Reads files (several files = several documents at least). */
  onFiles: (files: File[]) => void;
  /** A read is in progress. */
  busy: boolean;
}

/** Paste box, file picker and drop zone. */
export function OwnDataInput({ onPaste, onFiles, busy }: OwnDataInputProps) {
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const helpId = useId();
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  return (
    <div className="data-own">
      <h3 className="data-legend">Your own data</h3>
      <label className="field data-paste">
        <span className="field-label">Paste text</span>
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={5}
          spellCheck={false}
          placeholder="Paste any text here. Separate documents with a blank line."
          aria-describedby={helpId}
        />
      </label>
      <div className="data-own-actions">
        <button type="button" className="button" disabled={busy} onClick={() => onPaste(text)}>
          Use pasted text
        </button>
        <span id={helpId} className="field-help">
          Documents are separated by blank lines.
        </span>
      </div>
      <div
        className={`data-drop${dragging ? ' is-dragging' : ''}`}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={(event) => {
          const next = event.relatedTarget;
          if (!(next instanceof Node && event.currentTarget.contains(next))) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <label className="button data-upload">
          <input
            type="file"
            multiple
            accept={ACCEPTED_FILES}
            disabled={busy}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              // Clear the input so that choosing the same file again reads it again.
              event.target.value = '';
              if (files.length > 0) onFiles(files);
            }}
          />
          Upload files
        </label>
        <span className="data-drop-text">
          or drop files here: .txt, .md, .csv, .jsonl (a <code>text</code> field) or .json, up to{' '}
          {MAX_UPLOAD_BYTES / 1024 / 1024} MB each
        </span>
      </div>
    </div>
  );
}
