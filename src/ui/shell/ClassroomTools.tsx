/**
 * The header's classroom tools: Lessons, Share, the presenter view, the keyboard shortcuts and
 * the guided tour. A link can hide or lock the first two (`?hide=lessons,share`).
 */
import type { PlaygroundStore } from '../../app/store';
import { Control } from './ClassroomContext';
import { LessonsMenu } from './LessonsMenu';
import { ShareMenu } from './ShareMenu';

interface ClassroomToolsProps {
  store: PlaygroundStore;
  present: boolean;
  onShortcuts: () => void;
  onTour: () => void;
}

export function ClassroomTools({ store, present, onShortcuts, onTour }: ClassroomToolsProps) {
  return (
    <div className="classroom-tools">
      {present ? null : (
        <>
          <Control id="lessons">
            <LessonsMenu store={store} />
          </Control>
          <Control id="share">
            <ShareMenu store={store} />
          </Control>
        </>
      )}
      <button
        type="button"
        className="toggle-button"
        aria-pressed={present}
        data-testid="present-button"
        title="Presenter view: large type, the loss chart and predictions fill the screen (p)"
        onClick={() => store.setPresent(!present)}
      >
        {present ? 'Exit presenter view' : 'Present'}
      </button>
      {present ? null : (
        <details className="menu help-menu" data-testid="help-menu">
          <summary className="button">Help</summary>
          <div className="menu-panel menu-list">
            <button
              type="button"
              className="button"
              data-testid="tour-button"
              onClick={(event) => {
                event.currentTarget.closest('details')?.removeAttribute('open');
                onTour();
              }}
            >
              Take the tour
            </button>
            <button
              type="button"
              className="button"
              data-testid="shortcuts-button"
              onClick={(event) => {
                event.currentTarget.closest('details')?.removeAttribute('open');
                onShortcuts();
              }}
            >
              Keyboard shortcuts <kbd>?</kbd>
            </button>
          </div>
        </details>
      )}
    </div>
  );
}
