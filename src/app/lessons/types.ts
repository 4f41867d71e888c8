/**
 * What a lesson is: a claim of the primer, the set-up that shows it, two to four steps (each
 * with an optional one-click action), what to notice, and a check that says, from the runs on
 * the page, whether the learner can see it yet.
 */
import type { ComparisonResult } from '../../worker/protocol';
import type { RunRecord } from '../runs';
import type { Setup } from '../setup/setup';
import type { ViewId } from '../state';

/** What a step's button does. */
export type LessonAction =
  /** Start (or continue) training with the settings as they are. */
  | { kind: 'start' }
  /** Change settings, then (optionally) press Start: a new run. */
  | { kind: 'change'; change: (setup: Setup) => Setup; start: boolean }
  /** Open a step of the pipeline. */
  | { kind: 'open'; step: ViewId };

/** One step of a lesson. */
export interface LessonStep {
  /** What to do and why, in a sentence or two. */
  text: string;
  /** The button that does it for you, and its label. */
  action?: LessonAction;
  actionLabel?: string;
}

/** What the check found: whether the point of the lesson shows yet, and the figures. */
export interface LessonCheck {
  reached: boolean;
  /** The figures in words, e.g. "Run 1 (causal) 2.31 · Run 2 (masked) 2.74". */
  detail: string;
}

/** What a lesson's check looks at. */
export interface LessonPage {
  runs: readonly RunRecord[];
  comparison: ComparisonResult | null;
}

/** A lesson of the Lessons menu (and `?lesson=ID`). */
export interface Lesson {
  id: string;
  title: string;
  /** The primer's claim it shows, in one sentence. */
  claim: string;
  /** What the learner will find out. */
  goal: string;
  /** Settings it changes from a fresh page (the backend is left as it is). */
  setup: Partial<Setup>;
  steps: LessonStep[];
  /** What to notice when the steps are done. */
  notice: string;
  /** Minutes it takes on a laptop without a GPU (WebAssembly), measured. */
  minutes: number;
  /** Whether the page shows the point yet: its runs, and the Adapt step's latest comparison. */
  check: (page: LessonPage) => LessonCheck;
}
