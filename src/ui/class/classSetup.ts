/**
 * Opening a class run's set-up on the page: what to apply and what to say about it. The page
 * keeps its own backend (a machine matter, not a setting to copy) and opens the Model step, where
 * the run's settings show.
 */
import type { ClassRun } from '../../app/class-results';
import { OWN_DATA_ID } from '../../app/pipeline';
import { setupWithConfig } from '../../app/run-file';
import type { Setup } from '../../app/setup/setup';
import { formatLoss } from '../format';

/** The set-up to apply for `run` on a page whose set-up is `current`, and the notices to show. */
export function setupToOpen(run: ClassRun, current: Setup): { setup: Setup; notices: string[] } {
  const base = run.file.setup ?? setupWithConfig(run.file.config, current);
  const setup: Setup = { ...base, backend: current.backend, step: 'model' };
  const loss = run.file.final.valLoss;
  const notices = [
    `Opened the set-up of ${run.name}${loss === null ? '' : ` (final validation loss ${formatLoss(loss)})`}. Press Start on the Train step to train it.`,
  ];
  if (run.file.setup === null) {
    notices.push(
      `${run.name} was resumed from a checkpoint: only its model and training settings were opened.`,
    );
  } else if (setup.corpus === OWN_DATA_ID) {
    setup.corpus = current.corpus;
    notices.push(
      `${run.name} trained on the learner's own text, which a run file does not carry: the corpus stays as it is.`,
    );
  }
  return { setup, notices: [...notices, ...run.notices] };
}
