/**
 * Where a teacher drops the learners' run files (or picks them, several at once).
 */
import { useId, useState, type ReactNode } from 'react';

interface ClassDropZoneProps {
  /** True once runs are open: the zone becomes one line. */
  compact: boolean;
  reading: boolean;
  onFiles: (files: File[]) => void;
  /** Shown at the end of the zone (e.g. how many runs are open). */
  children?: ReactNode;
}

/** The file picker and drop zone for run files. */
export function ClassDropZone({ compact, reading, onFiles, children }: ClassDropZoneProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`class-drop-zone${compact ? ' is-compact' : ''}${dragging ? ' is-dragging' : ''}`}
      data-testid="class-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        multiple
        accept=".json,application/json"
        data-testid="class-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = ''; // the same files may be chosen again
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={inputId} className={`button${compact ? '' : ' is-primary'}`}>
        {compact ? 'Add run files…' : 'Choose run files…'}
      </label>
      <span className="hint">
        {reading ? 'Reading the files…' : 'or drop the learners’ run files (.json) here'}
      </span>
      {children}
    </div>
  );
}
