/**
 * The store's lesson commands: open a lesson (its set-up applied over a fresh page's, on the
 * backend in use), do a step's action, close it.
 */
import { lessonById } from './lessons/lessons';
import type { LessonAction } from './lessons/types';
import type { SetupCommands } from './setup-commands';
import { withSetup } from './setup/setup';
import type { PlaygroundState, ViewId } from './state';

/** What the commands need of the store. */
export interface LessonHost {
  state: () => PlaygroundState;
  setup: SetupCommands;
  update: (patch: Partial<PlaygroundState>) => void;
  setStep: (step: ViewId) => void;
}

/** Opens lessons and does their steps. */
export class LessonCommands {
  constructor(private readonly host: LessonHost) {}

  /** Opens a lesson: everything it needs is set, and its first step is on screen. */
  open(id: string): void {
    const lesson = lessonById(id);
    if (lesson === undefined) return;
    const backend = this.host.state().backendChoice;
    this.host.setup.apply(withSetup({ ...lesson.setup, backend }));
    this.host.update({ lesson: id, lessonStep: 0 });
  }

  /** Closes the lesson panel (the settings stay). */
  close(): void {
    this.host.update({ lesson: null, lessonStep: 0 });
  }

  /** Does step `index`'s action and marks the step done. */
  act(index: number, action: LessonAction): void {
    switch (action.kind) {
      case 'start':
        // The data may still be building (a lesson just opened): Start as soon as they are.
        this.host.update({ startWhenReady: true });
        break;
      case 'change': {
        const changed = action.change(this.host.setup.current());
        // The data steps rebuild first; Start waits until the tokens are ready (see the store).
        this.host.setup.apply({ ...changed, step: this.host.state().step });
        if (action.start) this.host.update({ startWhenReady: true });
        break;
      }
      case 'open':
        this.host.setStep(action.step);
        break;
    }
    this.host.update({ lessonStep: Math.max(this.host.state().lessonStep, index + 1) });
  }
}
