/**
 * One saved checkpoint in the list: its numbers and shape, and Resume, Rename (inline), Export
 * (our `.ptpg`), Export folder (a zipped Hugging Face / nanoGPT / PyTorch folder) and Delete
 * (with an inline confirmation).
 */
import { useState } from 'react';
import type { CheckpointInfo } from '../../storage/checkpoints';
import { formatBytes, formatCount } from '../format';
import { formatSavedAt, objectiveLabel } from './checkpointFiles';

interface CheckpointRowProps {
  info: CheckpointInfo;
  /** True while another action on the checkpoints runs (buttons wait). */
  busy: boolean;
  /** True when resuming is not possible now (no worker). */
  resumeDisabled: boolean;
  onResume: (info: CheckpointInfo) => void;
  onRename: (info: CheckpointInfo, name: string) => Promise<boolean>;
  onExport: (info: CheckpointInfo) => void;
  onExportFolder: (info: CheckpointInfo) => void;
  onDelete: (info: CheckpointInfo) => void;
}

type Mode = 'view' | 'rename' | 'confirm-delete';

/** A list item for one checkpoint. */
export function CheckpointRow({
  info,
  busy,
  resumeDisabled,
  onResume,
  onRename,
  onExport,
  onExportFolder,
  onDelete,
}: CheckpointRowProps) {
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(info.name);

  const submitRename = async () => {
    if (draft.trim() === info.name) {
      setMode('view');
      return;
    }
    if (await onRename(info, draft)) setMode('view');
  };

  return (
    <li className="checkpoint-row" data-checkpoint-id={info.id} aria-label={info.name}>
      <div className="checkpoint-main">
        {mode === 'rename' ? (
          <form
            className="checkpoint-rename"
            onSubmit={(event) => {
              event.preventDefault();
              void submitRename();
            }}
          >
            <input
              type="text"
              aria-label={`New name for ${info.name}`}
              value={draft}
              autoFocus
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setMode('view');
              }}
            />
            <button type="submit" className="button is-primary" disabled={busy}>
              Save name
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="checkpoint-name">{info.name}</span>
        )}
        <dl className="checkpoint-facts">
          <div>
            <dt>Step</dt>
            <dd data-testid="checkpoint-step">{info.step.toLocaleString('en')}</dd>
          </div>
          <div>
            <dt>Objective</dt>
            <dd>{objectiveLabel(info.objective)}</dd>
          </div>
          {info.model ? (
            <div>
              <dt>Shape</dt>
              <dd data-testid="checkpoint-shape">
                {info.model.nLayer} layers × {info.model.nHead} heads × {info.model.nEmbd} wide,
                context {info.model.blockSize}, {info.model.vocabSize} tokens
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Parameters</dt>
            <dd>{formatCount(info.parameterCount)}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatBytes(info.bytes)}</dd>
          </div>
          <div>
            <dt>Saved</dt>
            <dd>
              <time dateTime={info.updatedAt}>{formatSavedAt(info.updatedAt)}</time>
            </dd>
          </div>
        </dl>
      </div>
      {mode === 'confirm-delete' ? (
        <div className="checkpoint-confirm" role="group" aria-label={`Delete ${info.name}?`}>
          <span>Delete “{info.name}” for good?</span>
          <button
            type="button"
            className="button is-danger"
            disabled={busy}
            onClick={() => {
              setMode('view');
              onDelete(info);
            }}
          >
            Delete for good
          </button>
          <button type="button" className="button" autoFocus onClick={() => setMode('view')}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="button-row checkpoint-actions">
          <button
            type="button"
            className="button is-primary"
            disabled={busy || resumeDisabled}
            aria-label={`Resume ${info.name}`}
            onClick={() => onResume(info)}
          >
            Resume
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Rename ${info.name}`}
            onClick={() => {
              setDraft(info.name);
              setMode('rename');
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Export ${info.name}`}
            onClick={() => onExport(info)}
          >
            Export
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Export folder of ${info.name} for Hugging Face and PyTorch`}
            title="A .zip with model.safetensors, config.json, tokenizer.json, train.bin/val.bin and train.py"
            onClick={() => onExportFolder(info)}
          >
            Export folder
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Delete ${info.name}`}
            onClick={() => setMode('confirm-delete')}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
