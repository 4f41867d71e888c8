/**
 * Autosave: while the active run trains, the store asks the worker to save it to browser
 * storage at most every `intervalMs` (30 s by default) and whenever it pauses or finishes. The
 * worker reads its state back between two bursts and writes it off the main thread; the page
 * only sends the run's name and settings. A failed save (storage full) is said in words and the
 * run keeps training. At page open, the autosaves found become offers: "Resume run N from step
 * S"; after a crash, the last autosave is where Restart continues.
 */
import type { Bridge } from '../bridge/bridge';
import { errorMessage } from '../shared/errors';
import type { AutosaveInfo } from '../storage/checkpoints';
import type { WorkerEvent } from '../worker/protocol';
import type { RunRecord } from './runs';

/** The default time between two autosaves of a training run. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** What the page shows about autosaves. */
export interface AutosaveState {
  /** The latest autosave written in this page (null: none yet). */
  last: {
    id: string;
    runId: string;
    step: number;
    savedAt: number;
    /** How long the worker took: reading back, encoding, storing (ms). */
    timing: { readMs: number; encodeMs: number; storeMs: number };
  } | null;
  /** Why the latest autosave failed, in words (null: it did not). */
  error: string | null;
  /** Autosaves found when the page opened, newest first, that may be resumed. */
  offers: AutosaveInfo[];
}

export const NO_AUTOSAVE: AutosaveState = { last: null, error: null, offers: [] };

/** What autosave needs of the store. */
export interface AutosaveHost {
  activeRun(): RunRecord | undefined;
  /** The page's details of the active run (its name, data and settings; no curves). */
  details(): { label: string; [key: string]: unknown } | null;
  state(): AutosaveState;
  update(patch: Partial<AutosaveState>): void;
}

/** Schedules the active run's autosaves and keeps what the page shows about them. */
export class Autosaver {
  private timer: ReturnType<typeof setInterval> | null = null;
  private saving = false;
  /** The run and step of the latest autosave asked for (a second save of it is skipped). */
  private savedStep = new Map<string, number>();
  /** An autosave that a resumed run replaces once that run's own first autosave is written. */
  private superseded: { runId: string; id: string } | null = null;

  constructor(
    private readonly bridge: Bridge,
    private readonly host: AutosaveHost,
    private readonly intervalMs = AUTOSAVE_INTERVAL_MS,
  ) {}

  /** Reads the autosaves a previous page left, as offers to resume. */
  async loadOffers(): Promise<void> {
    try {
      this.host.update({ offers: await this.bridge.listAutosaves() });
    } catch (error) {
      this.host.update({ error: `Autosaves could not be read: ${errorMessage(error)}` });
    }
  }

  /** Follows the worker's events: a training run gets a timer; a pause or the end, a save. */
  onEvent(event: WorkerEvent): void {
    if (event.type !== 'run-state' || event.runId !== this.host.activeRun()?.runId) return;
    if (event.status === 'training') this.startTimer();
    else {
      this.stopTimer();
      if (event.status === 'paused' || event.status === 'done') void this.saveNow();
    }
  }

  /** After resuming from autosave `id` as run `runId`, that autosave goes once `runId` has its own. */
  replaceLater(id: string, runId: string): void {
    this.superseded = { id, runId };
    this.host.update({ offers: this.host.state().offers.filter((offer) => offer.id !== id) });
  }

  /** Forgets an offer and deletes its autosave. */
  async discard(id: string): Promise<void> {
    this.host.update({ offers: this.host.state().offers.filter((offer) => offer.id !== id) });
    await this.bridge.removeAutosave(id);
  }

  private startTimer(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      if (this.host.activeRun()?.status === 'training') void this.saveNow();
    }, this.intervalMs);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Autosaves the active run now (unless a save is under way or its step was saved). */
  async saveNow(): Promise<void> {
    const run = this.host.activeRun();
    const details = this.host.details();
    if (run === undefined || details === null || this.saving) return;
    if (run.step === 0 || this.savedStep.get(run.runId) === run.step) return;
    this.saving = true;
    try {
      const { info, timing } = await this.bridge.autosave(details);
      this.savedStep.set(info.runId, info.step);
      this.host.update({
        last: { id: info.id, runId: info.runId, step: info.step, savedAt: Date.now(), timing },
        error: null,
      });
      const old = this.superseded;
      if (old !== null && old.runId === info.runId && old.id !== info.id) {
        this.superseded = null;
        await this.bridge.removeAutosave(old.id).catch(() => undefined);
      }
    } catch (error) {
      this.host.update({
        error: `Autosave failed: ${errorMessage(error)} Training continues; export a checkpoint to keep this run.`,
      });
    } finally {
      this.saving = false;
    }
  }

  /** Stops the timer (the page is closing, or the worker crashed). */
  stop(): void {
    this.stopTimer();
  }
}
