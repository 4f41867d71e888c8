/**
 * The checkpoints panel: save the model the worker holds under a name, list what browser
 * storage keeps (name, step, objective, shape, parameters, size, date), rename, delete, export
 * to a `.ptpg` file or as a zipped Hugging Face / nanoGPT / PyTorch folder (a checkpoint or the
 * current run), import either (picker, folder picker or drag and drop), and resume from one.
 *
 * Everything goes through the app store: listing, renaming, deleting and exporting read the
 * browser's checkpoint database; saving, importing and resuming go through the worker, which
 * owns the weights and validates files.
 */
import { useState } from 'react';
import type { CheckpointInfo } from '../../storage/checkpoints';
import type { PlaygroundStore } from '../../app/store';
import { CheckpointRow } from './CheckpointRow';
import { errorMessage } from '../../shared/errors';
import { checkImportFile, checkImportFolder, exportFileName, folderOf } from './checkpointFiles';
import { downloadBytes } from './download';
import { ImportZone } from './ImportZone';
import { formatBytes } from '../format';
import { useCheckpointList } from './useCheckpointList';
import { useRunStep } from './useRunStep';
import './checkpoints.css';

/** Props of the checkpoints panel. */
export interface CheckpointsPanelProps {
  /** The app store (its checkpoint commands). */
  store: PlaygroundStore;
  /** The run the worker holds; saving saves it. */
  currentRunId: string | null;
  /** False when there is no model to save (nothing trained yet, or a run is being built). */
  canSave: boolean;
  /** Why saving is not possible, shown by the button (defaults to a generic reason). */
  saveBlockedReason?: string;
  /** The name proposed for the next save. */
  suggestedName?: string;
  /** Called after the list changed (save, import, rename, delete), e.g. to refresh the Adapt stage. */
  onChanged?: () => void;
  /** Bump to read the list again (e.g. after another stage saved a checkpoint). */
  refreshSignal?: number;
}

type Notice = { kind: 'error' | 'info'; text: string } | null;

/** The "Checkpoints" section. */
export function CheckpointsPanel({
  store,
  currentRunId,
  canSave,
  saveBlockedReason,
  suggestedName,
  onChanged,
  refreshSignal = 0,
}: CheckpointsPanelProps) {
  const { list, reload, storage } = useCheckpointList(store, refreshSignal);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [resumed, setResumed] = useState<{ runId: string; name: string; step: number } | null>(
    null,
  );
  const followed = useRunStep(store, resumed?.runId ?? null);
  const resumedRun = {
    step: followed.step ?? resumed?.step ?? null,
    status: followed.status ?? 'paused',
  };

  const changed = () => {
    reload();
    onChanged?.();
  };

  /** Runs one action at a time; its failure becomes the notice, nothing else changes. */
  const act = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const saveReason =
    !canSave || currentRunId === null
      ? (saveBlockedReason ?? 'Train a model first: there is nothing to save yet.')
      : null;

  const save = () =>
    act('Saving…', async () => {
      const info = await store.checkpoints.save(name.trim() || (suggestedName ?? ''));
      setName('');
      setNotice({ kind: 'info', text: `Saved “${info.name}” at step ${info.step}.` });
      changed();
    });

  const imported = (info: CheckpointInfo) => {
    setNotice({ kind: 'info', text: `Imported “${info.name}” (step ${info.step}).` });
    changed();
  };

  const importFile = (file: File) =>
    act('Importing…', async () => {
      const problem = checkImportFile(file);
      if (problem !== null) throw new Error(problem);
      const bytes = await file.arrayBuffer();
      try {
        imported(await store.checkpoints.import(file.name, bytes));
      } catch (error) {
        throw new Error(`Import refused. ${errorMessage(error)}`, { cause: error });
      }
    });

  const importFolder = (files: File[]) =>
    act('Importing…', async () => {
      const problem = checkImportFolder(files);
      if (problem !== null) throw new Error(problem);
      const folder = folderOf(files);
      const read = await Promise.all(
        folder.files.map(async ({ path, file }) => ({ path, bytes: await file.arrayBuffer() })),
      );
      try {
        imported(await store.checkpoints.importFolder(folder.name, read));
      } catch (error) {
        throw new Error(`Import refused. ${errorMessage(error)}`, { cause: error });
      }
    });

  const exportFolder = (info: CheckpointInfo | null) =>
    act('Exporting…', async () => {
      const folder = await store.checkpoints.exportFolder(
        info?.id ?? null,
        info?.name ?? (name.trim() || (suggestedName ?? '')),
      );
      downloadBytes(folder.bytes, folder.fileName);
      setNotice({
        kind: 'info',
        text: `Exported ${folder.fileName}: ${folder.files.length} files (${folder.files.join(', ')}).`,
      });
    });

  const resume = (info: CheckpointInfo) =>
    act('Resuming…', async () => {
      const answer = await store.checkpoints.resume(info.id);
      // The run's first run-state came before this answer: start from the saved step.
      setResumed({ runId: answer.runId, name: answer.info.name, step: answer.info.step });
    });

  const rename = async (info: CheckpointInfo, newName: string): Promise<boolean> => {
    let ok = false;
    await act('Renaming…', async () => {
      await store.checkpoints.rename(info.id, newName);
      ok = true;
      changed();
    });
    return ok;
  };

  const exportOne = (info: CheckpointInfo) =>
    act('Exporting…', async () => {
      downloadBytes(await store.checkpoints.load(info.id), exportFileName(info.name));
    });

  const remove = (info: CheckpointInfo) =>
    act('Deleting…', async () => {
      await store.checkpoints.remove(info.id);
      if (resumed !== null && resumed.name === info.name) setResumed(null);
      setNotice({ kind: 'info', text: `Deleted “${info.name}”.` });
      changed();
    });

  const items = list.status === 'loaded' ? list.items : [];

  return (
    <section className="panel checkpoints-panel" aria-label="Checkpoints" aria-busy={busy !== null}>
      <div className="panel-head">
        <h2 className="panel-title">Checkpoints</h2>
        <span className="panel-meta">Kept in this browser; they survive a reload.</span>
        {storage !== null ? (
          <span className="panel-meta" data-testid="storage-use">
            Browser storage: {formatBytes(storage.usage)} used
            {storage.quota > 0 ? ` of ${formatBytes(storage.quota)} allowed` : ''}
            {storage.autosaveBytes > 0
              ? ` (autosaves of runs in progress: ${formatBytes(storage.autosaveBytes)})`
              : ''}
          </span>
        ) : null}
      </div>

      <form
        className="checkpoint-save"
        onSubmit={(event) => {
          event.preventDefault();
          if (saveReason === null && busy === null) void save();
        }}
      >
        <label className="field grow">
          <span className="field-label">Checkpoint name</span>
          <input
            type="text"
            value={name}
            placeholder={suggestedName ?? 'e.g. Tiny on Pattern, step 300'}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button is-primary"
          disabled={saveReason !== null || busy !== null}
          aria-describedby={saveReason === null ? undefined : 'checkpoint-save-reason'}
        >
          Save checkpoint
        </button>
        <button
          type="button"
          className="button"
          disabled={saveReason !== null || busy !== null}
          title="The current run as a .zip folder: model.safetensors, config.json, tokenizer.json, train.bin/val.bin and train.py to continue with PyTorch"
          onClick={() => void exportFolder(null)}
        >
          Export run folder
        </button>
      </form>
      {saveReason !== null ? (
        <p className="hint" id="checkpoint-save-reason">
          {saveReason}
        </p>
      ) : null}

      <ImportZone
        disabled={busy !== null}
        onFile={(file) => void importFile(file)}
        onFolder={(files) => void importFolder(files)}
      />

      <p className="hint checkpoint-busy" role="status" aria-live="polite">
        {busy ?? ''}
      </p>
      {notice !== null ? (
        <p
          className={`message ${notice.kind === 'error' ? 'is-error' : 'is-info'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="checkpoint-message"
        >
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      {resumed !== null ? (
        <div className="message is-info checkpoint-resumed" data-testid="checkpoint-resumed">
          <span>
            Resumed “{resumed.name}”: the model is {resumedRun.status} at step{' '}
            <strong data-testid="resumed-step">{resumedRun.step ?? '…'}</strong>.
          </span>
          {resumedRun.status === 'paused' || resumedRun.status === 'ready' ? (
            <button type="button" className="button" onClick={() => store.resume()}>
              Continue training
            </button>
          ) : resumedRun.status === 'training' ? (
            <button type="button" className="button" onClick={() => store.pause()}>
              Pause
            </button>
          ) : null}
        </div>
      ) : null}

      {list.status === 'failed' ? (
        <p className="message is-error" role="alert">
          <span>{list.message}</span>
        </p>
      ) : list.status === 'loading' ? (
        <p className="placeholder">Reading saved checkpoints…</p>
      ) : items.length === 0 ? (
        <p className="placeholder">No checkpoints yet. Train a model, then save it here.</p>
      ) : (
        <ul className="checkpoint-list" aria-label="Saved checkpoints">
          {items.map((info) => (
            <CheckpointRow
              key={info.id}
              info={info}
              busy={busy !== null}
              resumeDisabled={false}
              onResume={(i) => void resume(i)}
              onRename={rename}
              onExport={(i) => void exportOne(i)}
              onExportFolder={(i) => void exportFolder(i)}
              onDelete={(i) => void remove(i)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
