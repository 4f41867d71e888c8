/**
 * The header's Lessons menu: one click sets everything a lesson needs and opens its panel.
 */
import { useRef } from 'react';
import { LESSONS } from '../../app/lessons/lessons';
import type { PlaygroundStore } from '../../app/store';

export function LessonsMenu({ store }: { store: PlaygroundStore }) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details className="menu lessons-menu" ref={menu} data-testid="lessons-menu">
      <summary className="button">Lessons</summary>
      <div className="menu-panel">
        <p className="menu-help">
          Each lesson sets everything up, opens the right step and guides you in 2–4 steps. It
          finishes in a few minutes on a laptop without a GPU.
        </p>
        <ul className="lesson-list">
          {LESSONS.map((lesson) => (
            <li key={lesson.id}>
              <button
                type="button"
                className="lesson-choice"
                data-testid={`lesson-${lesson.id}`}
                onClick={() => {
                  store.lessons.open(lesson.id);
                  if (menu.current !== null) menu.current.open = false;
                }}
              >
                <span className="lesson-title">{lesson.title}</span>
                <span className="lesson-claim">
                  {lesson.claim} · about {lesson.minutes} min
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
