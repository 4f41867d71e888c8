/**
 * Export run: saves one of the page's runs as a run file (`.json`) for a teacher's Class results.
 */
import { runFileName, runFileText } from '../../app/run-file';
import type { PlaygroundStore } from '../../app/store';
import { downloadBytes } from '../checkpoints/download';

/** Downloads the run file of the run `runId` (nothing happens if there is no such run). */
export function exportRun(store: PlaygroundStore, runId: string, now = new Date()): void {
  const state = store.getSnapshot();
  const run = state.runs.find((r) => r.runId === runId);
  if (run === undefined) return;
  const json = runFileText(run, state.backend, now);
  downloadBytes(new TextEncoder().encode(json), runFileName(run, now));
}
