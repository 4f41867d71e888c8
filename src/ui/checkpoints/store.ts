/**
 * The page's handle on the checkpoint database (the worker opens the same database itself).
 * The UI lists, renames, deletes and exports through it; saving, importing and resuming go
 * through the worker, which validates files and owns the weights.
 */
import { CheckpointStore } from '../../storage/checkpoints';

/** The one checkpoint store of the page. */
export const checkpointStore = new CheckpointStore();
