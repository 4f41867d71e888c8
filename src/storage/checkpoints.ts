/**
 * Checkpoints kept in the browser's IndexedDB, so trained models survive a page reload.
 * Metadata and file bytes live in separate stores: listing never loads the weights.
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

interface CheckpointDb extends DBSchema {
  info: { key: string; value: CheckpointInfo };
  files: { key: string; value: { id: string; data: Uint8Array } };
}

/** A storage failure explained for people (storage full, storage unavailable, not found). */
export class StorageError extends Error {}

function explain(error: unknown): never {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') {
    throw new StorageError(
      'Browser storage is full: delete old checkpoints or export this one to a file. Nothing was lost.',
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
    this.db ??= openDB<CheckpointDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('info', { keyPath: 'id' });
        db.createObjectStore('files', { keyPath: 'id' });
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
      return full;
    } catch (error) {
      return explain(error);
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
      return renamed;
    } catch (error) {
      return explain(error);
    }
  }

  /** Deletes a checkpoint and its file. */
  async remove(id: string): Promise<void> {
    try {
      const tx = (await this.open()).transaction(['info', 'files'], 'readwrite');
      await Promise.all([
        tx.objectStore('info').delete(id),
        tx.objectStore('files').delete(id),
        tx.done,
      ]);
    } catch (error) {
      explain(error);
    }
  }

  /** Closes the connection (tests; a page keeps it open). */
  async close(): Promise<void> {
    (await this.db)?.close();
    this.db = null;
  }
}
