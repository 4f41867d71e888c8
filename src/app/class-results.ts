/**
 * The Class results view's own small store: the run files a teacher opened (kept while the page
 * moves between steps, e.g. after opening the best run's set-up) and the files it refused, with
 * the reasons. Files are read in parallel and parsed outside React's render.
 */
import type { ImportedRun } from './run-file';
import { readRunFile } from './run-file-read';

/** A run file larger than this is refused unread (exported ones are well under 200 kB). */
export const MAX_RUN_FILE_BYTES = 20_000_000;

/** An opened run, with what the view needs to tell it apart. */
export interface ClassRun extends ImportedRun {
  /** Unique in the view. */
  id: string;
  /** Position in opening order: picks the colour, so it stays when the table is sorted. */
  colourIndex: number;
}

/** A file that was not opened, and why (in words). */
export interface RefusedFile {
  fileName: string;
  message: string;
}

/** What the view shows. */
export interface ClassResultsState {
  runs: ClassRun[];
  /** Files refused by the latest opening. */
  refused: RefusedFile[];
  /** True while files are being read. */
  reading: boolean;
  /** How long the latest opening took, from reading the files to the new state (ms). */
  lastOpenMs: number | null;
}

/** What the store reads: a `File`, or anything with a name, a size and its text. */
export interface RunFileSource {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** Holds the opened runs; `subscribe` and `getSnapshot` suit `useSyncExternalStore`. */
export class ClassResults {
  private state: ClassResultsState = { runs: [], refused: [], reading: false, lastOpenMs: null };
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  /** The current state (stable between changes). */
  readonly getSnapshot = (): ClassResultsState => this.state;

  /** Calls `listener` after every change; returns the unsubscriber. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Reads `files` in parallel and adds the run files among them; the others are listed with
   * the reason they were refused. Runs already open stay.
   */
  async open(files: readonly RunFileSource[]): Promise<void> {
    const started = performance.now();
    this.set({ reading: true });
    const texts = await Promise.all(
      files.map((file) =>
        file.size > MAX_RUN_FILE_BYTES ? Promise.resolve(null) : file.text().catch(() => ''),
      ),
    );
    const runs = [...this.state.runs];
    const refused: RefusedFile[] = [];
    files.forEach((file, i) => {
      const text = texts[i];
      if (text === null || text === undefined) {
        const megabytes = Math.round(file.size / 1e6);
        refused.push({
          fileName: file.name,
          message: `${file.name} is ${megabytes} MB: too large to be a run file (at most ${MAX_RUN_FILE_BYTES / 1e6} MB).`,
        });
        return;
      }
      const reading = readRunFile(text, file.name);
      if (!reading.ok) {
        refused.push({ fileName: file.name, message: reading.message });
        return;
      }
      const { file: opened } = reading.run;
      const twin = runs.find(
        (run) =>
          run.fileName === file.name &&
          run.file.exportedAt === opened.exportedAt &&
          run.file.label === opened.label,
      );
      if (twin !== undefined) {
        refused.push({ fileName: file.name, message: `${file.name} is open already.` });
        return;
      }
      runs.push({ ...reading.run, id: `class-run-${this.nextId++}`, colourIndex: runs.length });
    });
    this.set({ runs, refused, reading: false, lastOpenMs: performance.now() - started });
  }

  /** Closes every run and forgets the refused files. */
  clear(): void {
    this.set({ runs: [], refused: [], lastOpenMs: null });
  }

  /** Forgets the refused files (their message is dismissed). */
  dismissRefused(): void {
    this.set({ refused: [] });
  }

  private set(patch: Partial<ClassResultsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

const byOwner = new WeakMap<object, ClassResults>();

/** The class results kept for `owner` (the page's store): one per page, made when first asked. */
export function classResultsOf(owner: object): ClassResults {
  let results = byOwner.get(owner);
  if (results === undefined) {
    results = new ClassResults();
    byOwner.set(owner, results);
  }
  return results;
}
