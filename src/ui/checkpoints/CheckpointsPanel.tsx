/**
 * The checkpoints panel: save the model the worker holds under a name, list what browser
 * storage keeps (name, step, objective, parameters, size, date), rename, delete, export to a
 * `.ptpg` file, import one (picker or drag and drop), and resume training from one.
 *
 * Listing, renaming, deleting and exporting use IndexedDB directly; saving, importing and
 * resuming go through the worker, which owns the weights and validates files.
 */
import { useState } from 'react';
import type { CheckpointInfo } from '../../storage/checkpoints';
import type { TrainerClient } from '../../worker/client';
import { CheckpointRow } from './CheckpointRow';
import { errorMessage } from '../../shared/errors';
import { checkImportFile, exportFileName } from './checkpointFiles';
import { downloadBytes } from './download';
import { ImportZone } from './ImportZone';
import { checkpointStore } from './store';
import { useCheckpointList } from './useCheckpointList';
import { useRunStep } from './useRunStep';
import './checkpoints.css';

/** A checkpoint that became the worker's current run. */
export interface ResumedCheckpoint {
  /** The new run id it trains under. */
  runId: string;
  info: CheckpointInfo;
  /** What `getExtra` returned when it was saved (e.g. the curves), or null. */
  extra: unknown;
}

/** Props of the checkpoints panel. */
export interface CheckpointsPanelProps {
  /** The app's worker client (null while it starts). */
  client: TrainerClient | null;
  /** The run the worker holds; saving saves it. */
  currentRunId: string | null;
  /** False when there is no model to save (nothing trained yet, or a run is being built). */
  canSave: boolean;
  /** Why saving is not possible, shown by the button (defaults to a generic reason). */
  saveBlockedReason?: string;
  /** The name proposed for the next save. */
  suggestedName?: string;
  /** Whatever the UI wants back on resume (e.g. the run's curves); must be structured-cloneable. */
  getExtra: () => unknown;
  /** A checkpoint was loaded as the current run, paused at its step. */
  onResumed: (event: ResumedCheckpoint) => void;
  /** A fresh run id for a resumed checkpoint. */
  newRunId: () => string;
  /** Called after the list changed (save, import, rename, delete), e.g. to refresh the Adapt stage. */
  onChanged?: () => void;
  /** Bump to read the list again (e.g. after another stage saved a checkpoint). */
  refreshSignal?: number;
}

type Notice = { kind: 'error' | 'info'; text: string } | null;

/** The "Checkpoints" section. */
export function CheckpointsPanel({
  client,
  currentRunId,
  canSave,
  saveBlockedReason,
  suggestedName,
  getExtra,
  onResumed,
  newRunId,
  onChanged,
  refreshSignal = 0,
}: CheckpointsPanelProps) {
  const { list, reload } = useCheckpointList(refreshSignal);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [resumed, setResumed] = useState<{ runId: string; name: string; step: number } | null>(
    null,
  );
  const followed = useRunStep(client, resumed?.runId ?? null);
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
    client === null
      ? 'The training worker is starting.'
      : !canSave || currentRunId === null
        ? (saveBlockedReason ?? 'Train a model first: there is nothing to save yet.')
        : null;

  const save = () =>
    act('Saving…', async () => {
      if (client === null) return;
      const { info } = await client.request(
        { type: 'save-checkpoint', name: name.trim() || (suggestedName ?? ''), extra: getExtra() },
        'checkpoint-saved',
      );
      setName('');
      setNotice({ kind: 'info', text: `Saved “${info.name}” at step ${info.step}.` });
      changed();
    });

  const importFile = (file: File) =>
    act('Importing…', async () => {
      if (client === null) throw new Error('The training worker is starting: try again shortly.');
      const problem = checkImportFile(file);
      if (problem !== null) throw new Error(problem);
      const bytes = await file.arrayBuffer();
      try {
        const { info } = await client.request(
          { type: 'import-checkpoint', fileName: file.name, bytes },
          'checkpoint-saved',
          undefined,
          [bytes],
        );
        setNotice({ kind: 'info', text: `Imported “${info.name}” (step ${info.step}).` });
      } catch (error) {
        throw new Error(`Import refused. ${errorMessage(error)}`, { cause: error });
      }
      changed();
    });

  const resume = (info: CheckpointInfo) =>
    act('Resuming…', async () => {
      if (client === null) return;
      const runId = newRunId();
      const answer = await client.request(
        { type: 'resume-checkpoint', id: info.id, runId },
        'checkpoint-resumed',
      );
      // The run's first run-state came before this answer: start from the saved step.
      setResumed({ runId: answer.runId, name: answer.info.name, step: answer.info.step });
      onResumed({ runId: answer.runId, info: answer.info, extra: answer.extra ?? null });
    });

  const rename = async (info: CheckpointInfo, newName: string): Promise<boolean> => {
    let ok = false;
    await act('Renaming…', async () => {
      await checkpointStore.rename(info.id, newName);
      ok = true;
      changed();
    });
    return ok;
  };

  const exportOne = (info: CheckpointInfo) =>
    act('Exporting…', async () => {
      downloadBytes(await checkpointStore.load(info.id), exportFileName(info.name));
    });

  const remove = (info: CheckpointInfo) =>
    act('Deleting…', async () => {
      await checkpointStore.remove(info.id);
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
      </form>
      {saveReason !== null ? (
        <p className="hint" id="checkpoint-save-reason">
          {saveReason}
        </p>
      ) : null}

      <ImportZone
        disabled={client === null || busy !== null}
        onFile={(file) => void importFile(file)}
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
            <button
              type="button"
              className="button"
              onClick={() => client?.send({ type: 'resume' })}
            >
              Continue training
            </button>
          ) : resumedRun.status === 'training' ? (
            <button
              type="button"
              className="button"
              onClick={() => client?.send({ type: 'pause' })}
            >
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
              resumeDisabled={client === null}
              onResume={(i) => void resume(i)}
              onRename={rename}
              onExport={(i) => void exportOne(i)}
              onDelete={(i) => void remove(i)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
