/**
 * The scaling lab's latest sweep, kept in IndexedDB as its JSON (the same text as an exported
 * sweep file), so that a reload shows the runs, fits and mixture again. Where there is no
 * IndexedDB (Node, some private windows) nothing is kept and nothing fails.
 */
import { openDB, type IDBPDatabase } from 'idb';

const DB_NAME = 'pretraining-playground-scaling';
const STORE = 'sweeps';
const LATEST = 'latest';

let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  db ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  return db;
}

/** Keeps `json` as the latest sweep; the reason in words when storage refused it. */
export async function saveLatestSweep(json: string): Promise<string | null> {
  try {
    const database = await open();
    await database?.put(STORE, json, LATEST);
    return null;
  } catch (error) {
    const full = error instanceof DOMException && error.name === 'QuotaExceededError';
    return full
      ? 'The browser’s storage is full: the sweep is not kept after a reload (export it as a file).'
      : `The sweep could not be stored (${String(error)}): export it as a file to keep it.`;
  }
}

/** The latest sweep's JSON, or null. */
export async function loadLatestSweep(): Promise<string | null> {
  try {
    const value: unknown = await (await open())?.get(STORE, LATEST);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Forgets the latest sweep. */
export async function clearLatestSweep(): Promise<void> {
  try {
    await (await open())?.delete(STORE, LATEST);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
