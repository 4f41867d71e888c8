/**
 * Import a model: a file picker (our `.ptpg`, or a zipped Hugging Face / exported folder), a
 * folder picker (the folder itself), and a zone that accepts a dropped file.
 */
import { useId, useState } from 'react';
import { CHECKPOINT_EXTENSION } from './checkpointFiles';

interface ImportZoneProps {
  disabled: boolean;
  onFile: (file: File) => void;
  onFolder: (files: File[]) => void;
}

/** The file and folder pickers and the drop zone for importing checkpoints. */
export function ImportZone({ disabled, onFile, onFolder }: ImportZoneProps) {
  const inputId = useId();
  const folderId = useId();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`import-zone${dragging ? ' is-dragging' : ''}`}
      data-testid="checkpoint-drop-zone"
      onDragOver={(event) => {
        if (disabled) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file && !disabled) onFile(file);
      }}
    >
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept={`${CHECKPOINT_EXTENSION},.zip,application/zip,application/octet-stream`}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file may be chosen again
          if (file) onFile(file);
        }}
      />
      <label htmlFor={inputId} className={`button${disabled ? ' is-disabled' : ''}`}>
        Import checkpoint
      </label>
      <input
        id={folderId}
        className="visually-hidden"
        type="file"
        data-testid="checkpoint-folder-input"
        // A directory pick: every file of the folder, with its path inside it.
        {...{ webkitdirectory: '', directory: '' }}
        multiple
        disabled={disabled}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFolder(files);
        }}
      />
      <label htmlFor={folderId} className={`button${disabled ? ' is-disabled' : ''}`}>
        Import folder
      </label>
      <span className="hint">
        or drop a <code>{CHECKPOINT_EXTENSION}</code> file or a <code>.zip</code> of a Hugging Face
        GPT-2 folder (<code>config.json</code> + <code>model.safetensors</code> + tokenizer, up to
        30 M parameters) here
      </span>
    </div>
  );
}
