/**
 * Checkpoints kept in the browser's IndexedDB, so trained models survive a page reload, and the
 * autosaves of runs in progress (the latest few, pruned as new ones arrive). Metadata and file
 * bytes live in separate stores: listing never loads the weights. Every write is one
 * transaction (metadata and bytes together, or neither); every change is announced on a
 * BroadcastChannel so other tabs (and the page, when a worker wrote) refresh their lists.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { openDB } from 'idb';
import type { ModelConfig } from '../config/config';
import { errorMessage } from '../shared/errors';

/** What the list of saved checkpoints shows. */
export interface CheckpointInfo {
  id: string;
  name: string;
  /** ISO date of the first save. */
  createdAt: string;
  /** ISO date of the last change (save or rename). */
  updatedAt: string;
  step: number;
  objective: string;
  parameterCount: number;
  /** The model's shape (absent in checkpoints listed by earlier versions). */
  model?: ModelConfig;
  /** Size of the checkpoint file. */
  bytes: number;
}

/** An autosave: the checkpoint of a run in progress, kept until newer autosaves push it out. */
export interface AutosaveInfo extends CheckpointInfo {
  /** The run it belongs to (one autosave per run: each save replaces the last). */
  runId: string;
  /** The run's name on the page ("Run 3"). */
  runLabel: string;
  /** Whether the run was training, paused or finished when it was saved. */
  runStatus: 'training' | 'paused' | 'done';
  /** The step the run was to stop at. */
  maxIters: number;
  /** Size of the run's token ids, kept once beside its autosaves (included in `bytes`). */
  corpusBytes: number;
}

interface CheckpointDb extends DBSchema {
  info: { key: string; value: CheckpointInfo };
  files: { key: string; value: { id: string; data: Uint8Array } };
  autosaves: { key: string; value: AutosaveInfo };
}

/** The database version: 2 added the autosaves. */
const DB_VERSION = 2;

/** Autosaves kept (the newest); older ones are deleted as new ones are written. */
export const AUTOSAVES_KEPT = 3;

/** The channel on which stores announce changes (other tabs, the page when a worker wrote). */
const CHANNEL = 'pretraining-playground-storage';

/** What changed in storage. */
export type StorageChange = { kind: 'checkpoints' | 'autosaves' };

/** Calls `listener` when any tab or worker changes the store; returns the unsubscriber. */
export function onStorageChange(listener: (change: StorageChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<StorageChange>) => listener(event.data);
  return () => channel.close();
}

function announce(change: StorageChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** The autosave file's key in the files store. */
export function autosaveId(runId: string): string {
  return `autosave-${runId}`;
}

/** The key of the token ids an autosave's run trains on (written once per run). */
export function autosaveCorpusId(id: string): string {
  return `${id}-corpus`;
}

/** A storage failure explained for people (storage full, storage unavailable, not found). */
export class StorageError extends Error {
  constructor(
    message: string,
    /** True when the storage is full (a full disk, a private window's small quota). */
    readonly quota = false,
  ) {
    super(message);
  }
}

/** Whether `error` (or what caused it) is the browser's "storage is full". */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StorageError) return error.quota;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'QuotaExceededError';
}

function explain(error: unknown): never {
  if (isQuotaError(error) && !(error instanceof StorageError)) {
    throw new StorageError(
      'Browser storage is full: delete old checkpoints or export this one to a file. Nothing already saved was lost.',
      true,
    );
  }
  if (error instanceof StorageError) throw error;
  throw new StorageError(
    `Browser storage is not available (${errorMessage(error)}). Export checkpoints to files instead.`,
  );
}

/** The checkpoint database. One per origin; `name` lets tests use their own. */
export class CheckpointStore {
  private db: Promise<IDBPDatabase<CheckpointDb>> | null = null;

  /** Opens (lazily) the database called `name`. */
  constructor(private readonly name = 'pretraining-playground') {}

  private open(): Promise<IDBPDatabase<CheckpointDb>> {
    this.db ??= openDB<CheckpointDb>(this.name, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('info', { keyPath: 'id' });
          db.createObjectStore('files', { keyPath: 'id' });
        }
        if (oldVersion < 2) db.createObjectStore('autosaves', { keyPath: 'id' });
      },
      // Another tab opened a newer version: let it upgrade; this tab reopens on its next call.
      blocking: () => {
        void this.close();
      },
      terminated: () => {
        this.db = null;
      },
    });
    return this.db;
  }

  /** Every saved checkpoint, newest first. */
  async list(): Promise<CheckpointInfo[]> {
    try {
      const all = await (await this.open()).getAll('info');
      return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    } catch (error) {
      return explain(error);
    }
  }

  /** Saves (or overwrites) a checkpoint file with its metadata, atomically. */
  async save(info: Omit<CheckpointInfo, 'bytes'>, data: Uint8Array): Promise<CheckpointInfo> {
    const full: CheckpointInfo = { ...info, bytes: data.length };
    try {
      const tx = (await this.open()).transaction(['info', 'files'], 'readwrite');
      await Promise.all([
        tx.objectStore('info').put(full),
        tx.objectStore('files').put({ id: info.id, data }),
        tx.done,
      ]);
      announce({ kind: 'checkpoints' });
      return full;
    } catch (error) {
      return explain(error);
    }
  }

  /** A checkpoint's or an autosave's listing entry, or undefined. */
  async info(id: string): Promise<CheckpointInfo | undefined> {
    try {
      const db = await this.open();
      return (await db.get('info', id)) ?? (await db.get('autosaves', id));
    } catch (error) {
      return explain(error);
    }
  }

  /** The autosaves, newest first. */
  async listAutosaves(): Promise<AutosaveInfo[]> {
    try {
      const all = await (await this.open()).getAll('autosaves');
      return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    } catch (error) {
      return explain(error);
    }
  }

  /**
   * Writes a run's autosave (replacing its previous one) and deletes all but the newest
   * `AUTOSAVES_KEPT`, in one transaction: if it fails (storage full), the earlier autosaves are
   * all still there. `corpus` (the run's token ids) is written with a run's first autosave and
   * kept beside the later ones, which do not repeat it.
   */
  async saveAutosave(
    info: Omit<AutosaveInfo, 'bytes' | 'id' | 'corpusBytes'>,
    data: Uint8Array,
    corpus?: Uint8Array,
  ): Promise<AutosaveInfo> {
    const id = autosaveId(info.runId);
    try {
      const tx = (await this.open()).transaction(['autosaves', 'files'], 'readwrite');
      const autosaves = tx.objectStore('autosaves');
      const files = tx.objectStore('files');
      const corpusBytes = corpus?.length ?? (await autosaves.get(id))?.corpusBytes ?? 0;
      const full: AutosaveInfo = { ...info, id, corpusBytes, bytes: data.length + corpusBytes };
      await Promise.all([
        autosaves.put(full),
        files.put({ id, data }),
        ...(corpus === undefined ? [] : [files.put({ id: autosaveCorpusId(id), data: corpus })]),
      ]);
      const all = (await autosaves.getAll()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const old = all.filter((a) => a.id !== full.id).slice(AUTOSAVES_KEPT - 1);
      await Promise.all(
        old.flatMap((a) => [
          autosaves.delete(a.id),
          files.delete(a.id),
          files.delete(autosaveCorpusId(a.id)),
        ]),
      );
      await tx.done;
      announce({ kind: 'autosaves' });
      return full;
    } catch (error) {
      return explain(error);
    }
  }

  /** Deletes an autosave and its file. */
  removeAutosave(id: string): Promise<void> {
    return this.delete('autosaves', id);
  }

  /** Deletes an entry of `list` and its file, in one transaction, and says so to other tabs. */
  private async delete(list: 'info' | 'autosaves', id: string): Promise<void> {
    try {
      const tx = (await this.open()).transaction([list, 'files'], 'readwrite');
      await Promise.all([
        tx.objectStore(list).delete(id),
        tx.objectStore('files').delete(id),
        ...(list === 'autosaves' ? [tx.objectStore('files').delete(autosaveCorpusId(id))] : []),
        tx.done,
      ]);
      announce({ kind: list === 'info' ? 'checkpoints' : 'autosaves' });
    } catch (error) {
      explain(error);
    }
  }

  /** The bytes of a saved checkpoint. */
  async load(id: string): Promise<Uint8Array> {
    let file: { data: Uint8Array } | undefined;
    try {
      file = await (await this.open()).get('files', id);
    } catch (error) {
      return explain(error);
    }
    if (!file) throw new StorageError('That checkpoint is no longer in browser storage.');
    return file.data;
  }

  /** Gives a checkpoint a new name. */
  async rename(id: string, name: string): Promise<CheckpointInfo> {
    const trimmed = name.trim();
    if (trimmed === '') throw new StorageError('A checkpoint needs a name.');
    try {
      const db = await this.open();
      const info = await db.get('info', id);
      if (!info) throw new StorageError('That checkpoint is no longer in browser storage.');
      const renamed = { ...info, name: trimmed, updatedAt: new Date().toISOString() };
      await db.put('info', renamed);
      announce({ kind: 'checkpoints' });
      return renamed;
    } catch (error) {
      return explain(error);
    }
  }

  /** Deletes a checkpoint and its file. */
  remove(id: string): Promise<void> {
    return this.delete('info', id);
  }

  /** Closes the connection (tests; a page keeps it open). */
  async close(): Promise<void> {
    (await this.db)?.close();
    this.db = null;
  }
}
