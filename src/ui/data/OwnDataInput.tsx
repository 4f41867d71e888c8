/**
 * The learner's own data: pasted text, or files and whole folders chosen with the pickers or
 * dropped on the drop zone. Reading happens in the data worker; what cannot be read is reported
 * by the caller.
 */
import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import { MAX_UPLOAD_BYTES } from '../../data/curate';
import { MAX_INFLATED_BYTES, MAX_TOTAL_UPLOAD_BYTES } from '../../data/extract/limits';

/** The file types offered by the picker. */
export const ACCEPTED_FILES = '.txt,.md,.csv,.jsonl,.json,.pdf,.docx,.html,.htm,.xhtml,.epub,.zip';

const megabytes = (bytes: number): number => bytes / 1024 / 1024;

/** The files under a dropped entry (a folder: every file in it, named by its path). */
async function filesOfEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    const path = entry.fullPath.replace(/^\//u, '');
    return path === '' || path === file.name
      ? [file]
      : [new File([file], path, { type: file.type })];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // A directory reader hands out its entries in batches until one comes back empty.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(
    children.filter((child) => !child.name.startsWith('.')).map(filesOfEntry),
  );
  return nested.flat();
}

/** The files of a drop, folders opened. */
async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0 || !entries.some((entry) => entry.isDirectory)) {
    return [...transfer.files];
  }
  return (await Promise.all(entries.map(filesOfEntry))).flat();
}

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
    void droppedFiles(event.dataTransfer).then((files) => {
      if (files.length > 0) onFiles(files);
    });
  };
  const pick = (input: HTMLInputElement): void => {
    const files = [...(input.files ?? [])];
    // Clear the input so that choosing the same file again reads it again.
    input.value = '';
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
            onChange={(event) => pick(event.target)}
          />
          Upload files
        </label>
        <label className="button data-upload">
          <input
            type="file"
            multiple
            disabled={busy}
            ref={(input) => input?.setAttribute('webkitdirectory', '')}
            onChange={(event) => pick(event.target)}
          />
          Upload folder
        </label>
        <span className="data-drop-text">
          or drop files or folders here: PDF, Word (.docx), web pages (.html), EPUB, .txt, .md,
          .csv, .jsonl (a <code>text</code> field), .json or a .zip of them.{' '}
          <span className="data-limits">
            Up to {megabytes(MAX_UPLOAD_BYTES)} MB a file, {megabytes(MAX_TOTAL_UPLOAD_BYTES)} MB in
            all; an archive may unpack to {megabytes(MAX_INFLATED_BYTES)} MB.
          </span>
        </span>
      </div>
    </div>
  );
}
