/**
 * The open lesson, above the step: one line with the step to do next (and the button that
 * does it) and the live check of the runs; "Details" unfolds the goal, every step and what to
 * notice. It unfolds when the lesson opens and folds after the first step, so the live view
 * keeps its room on a projector.
 */
import { useState } from 'react';
import { lessonById } from '../../app/lessons/lessons';
import type { LessonStep } from '../../app/lessons/types';
import type { RunRecord } from '../../app/runs';
import type { ComparisonResult } from '../../worker/protocol';
import type { PlaygroundStore } from '../../app/store';

interface LessonPanelProps {
  store: PlaygroundStore;
  lessonId: string;
  /** Steps done so far. */
  done: number;
  runs: readonly RunRecord[];
  comparison: ComparisonResult | null;
  /** Whether a step's action can run now (the worker is ready, nothing pending). */
  canAct: boolean;
}

export function LessonPanel(props: LessonPanelProps) {
  const { store, lessonId, done, runs, comparison, canAct } = props;
  const lesson = lessonById(lessonId);
  const [open, setOpen] = useState(true);
  if (lesson === undefined) return null;
  const check = lesson.check({ runs, comparison });
  const next = Math.min(done, lesson.steps.length - 1);
  const action = (step: LessonStep, index: number) =>
    step.action === undefined ? null : (
      <button
        type="button"
        className="button is-primary lesson-action"
        disabled={!canAct && step.action.kind !== 'open'}
        onClick={() => {
          if (step.action === undefined) return;
          store.lessons.act(index, step.action);
          setOpen(false);
        }}
        data-testid={`lesson-action-${index + 1}`}
      >
        {step.actionLabel ?? 'Do it'}
      </button>
    );
  return (
    <section
      className="lesson-panel"
      data-testid="lesson-panel"
      data-lesson={lesson.id}
      aria-label={`Lesson: ${lesson.title}`}
    >
      <div className="lesson-strip">
        <span className="lesson-kicker">Lesson</span>
        {open ? <strong className="lesson-title">{lesson.title}</strong> : null}
        <span className="lesson-next" data-testid="lesson-next" title={lesson.title}>
          {done >= lesson.steps.length
            ? `All ${lesson.steps.length} steps done`
            : `Step ${next + 1} of ${lesson.steps.length}`}
        </span>
        {open ? null : (
          <>
            <span className="lesson-next-text">{lesson.steps[next]?.text}</span>
            {done < lesson.steps.length && lesson.steps[next] !== undefined
              ? action(lesson.steps[next], next)
              : null}
          </>
        )}
        <button
          type="button"
          className="button lesson-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Fold' : 'Details'}
        </button>
        <button
          type="button"
          className="button lesson-close"
          aria-label="Close the lesson"
          title="Close the lesson (its settings stay)"
          onClick={() => store.lessons.close()}
        >
          ×
        </button>
      </div>
      {open ? (
        <div className="lesson-body">
          <p className="lesson-goal">
            <strong>Goal:</strong> {lesson.goal}
          </p>
          <ol className="lesson-steps">
            {lesson.steps.map((step, index) => (
              <li
                key={step.text}
                className={index < done ? 'is-done' : index === done ? 'is-next' : undefined}
              >
                <span>{step.text}</span>
                {action(step, index)}
              </li>
            ))}
          </ol>
          <p className="lesson-notice">
            <strong>What to notice:</strong> {lesson.notice}
          </p>
        </div>
      ) : null}
      {check.detail !== '' ? (
        <p
          className={`lesson-check${check.reached ? ' is-reached' : ''}`}
          data-testid="lesson-check"
          data-reached={check.reached}
          role="status"
        >
          {check.reached ? '✓ You can see it now. ' : ''}
          {check.detail}
        </p>
      ) : null}
    </section>
  );
}
