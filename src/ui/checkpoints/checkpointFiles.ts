/**
 * Pure helpers for the checkpoints panel: file names for export, checks before import, and how
 * a checkpoint's date and objective are shown.
 */

/** The extension of exported checkpoint files (Pre-Training PlayGround). */
export const CHECKPOINT_EXTENSION = '.ptpg';

/** Files larger than this are refused before they are read (no model here comes close). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** A file name for a checkpoint called `name`: unsafe characters replaced, `.ptpg` added. */
export function exportFileName(name: string): string {
  const safe = name
    .trim()
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s-]+|[.\s-]+$/g, '')
    .slice(0, 80);
  return `${safe === '' ? 'checkpoint' : safe}${CHECKPOINT_EXTENSION}`;
}

/** Why a file cannot be imported before reading it, or null if it may be. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `“${file.name}” is empty: it is not a checkpoint.`;
  if (file.size > MAX_IMPORT_BYTES) {
    return `“${file.name}” is ${Math.round(file.size / 1e6)} MB, larger than any checkpoint this app makes; it was not read.`;
  }
  return null;
}

/** A picked file with the path the browser gives it inside the picked folder. */
export interface FolderFile {
  name: string;
  size: number;
  /** `folder/sub/file` for a directory pick (webkitRelativePath); empty for a plain pick. */
  webkitRelativePath: string;
}

/** Why a picked folder cannot be imported before reading it, or null if it may be. */
export function checkImportFolder(files: readonly FolderFile[]): string | null {
  if (files.length === 0) return 'The folder is empty: there is nothing to import.';
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_IMPORT_BYTES) {
    return `The folder holds ${Math.round(total / 1e6)} MB, more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB the page imports; it was not read.`;
  }
  const names = new Set(files.map((f) => f.name));
  if (!names.has('config.json') || !names.has('model.safetensors')) {
    return 'The folder needs config.json and model.safetensors (a Hugging Face GPT-2 folder, or one this app exported).';
  }
  return null;
}

/** The folder's name and each file with its path inside the folder. */
export function folderOf<F extends FolderFile>(
  files: readonly F[],
): { name: string; files: { path: string; file: F }[] } {
  const first = files[0]?.webkitRelativePath.split('/')[0] ?? '';
  return {
    name: first === '' ? 'folder' : first,
    files: files.map((file) => {
      const parts = file.webkitRelativePath.split('/');
      return { path: parts.length > 1 ? parts.slice(1).join('/') : file.name, file };
    }),
  };
}

/** The name proposed for the next save, e.g. "Run 2 at step 300". */
export function defaultCheckpointName(runLabel: string | null, step: number | null): string {
  const base = runLabel ?? 'Model';
  return step === null ? base : `${base} at step ${step}`;
}

/** An ISO date as a short local date and time, e.g. "3 Mar 2025, 14:05". */
export function formatSavedAt(iso: string, locale = 'en-GB'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return date.toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The objective stored in a checkpoint, as the list shows it. */
export function objectiveLabel(objective: string): string {
  if (objective === 'causal') return 'Causal';
  if (objective === 'masked') return 'Masked';
  return objective;
}
