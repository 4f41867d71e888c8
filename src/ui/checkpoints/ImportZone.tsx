/**
 * Import a checkpoint file: a file picker, and a zone that accepts a dropped file.
 */
import { useId, useState } from 'react';
import { CHECKPOINT_EXTENSION } from './checkpointFiles';

interface ImportZoneProps {
  disabled: boolean;
  onFile: (file: File) => void;
}

/** The file picker and drop zone for importing checkpoints. */
export function ImportZone({ disabled, onFile }: ImportZoneProps) {
  const inputId = useId();
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
        accept={`${CHECKPOINT_EXTENSION},application/octet-stream`}
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
      <span className="hint">
        or drop a <code>{CHECKPOINT_EXTENSION}</code> file here
      </span>
    </div>
  );
}
