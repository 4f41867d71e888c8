/**
 * Choose the task data: a built-in task set or examples pasted one per line.
 */
import { useId } from 'react';
import { taskExamples, taskSplitSizes } from './taskExamples';
import type { Fetched, TaskSetEntry } from './useTaskSets';

/** `pasted`, or the id of a built-in task set. */
export const PASTED_TASK = 'pasted';

interface TaskSourceProps {
  index: Fetched<TaskSetEntry[]>;
  selected: string;
  onSelect: (id: string) => void;
  pasted: string;
  onPastedChange: (text: string) => void;
  /** The task text in use (null while it loads). */
  text: string | null;
  disabled: boolean;
}

/** The task data chooser, with the number of training and held-out examples. */
export function TaskSource(props: TaskSourceProps) {
  const { index, selected, onSelect, pasted, onPastedChange, text, disabled } = props;
  const name = useId();
  const entries = index.status === 'loaded' ? index.value : [];
  const count = text === null ? 0 : taskExamples(text).length;
  const sizes = taskSplitSizes(count);
  return (
    <fieldset className="adapt-fieldset" disabled={disabled}>
      <legend className="group-label">Task data</legend>
      <div className="adapt-choices">
        {entries.map((entry) => (
          <label key={entry.id} className="adapt-choice" title={entry.description}>
            <input
              type="radio"
              name={name}
              checked={selected === entry.id}
              onChange={() => onSelect(entry.id)}
            />
            <span>{entry.name}</span>
          </label>
        ))}
        <label className="adapt-choice">
          <input
            type="radio"
            name={name}
            checked={selected === PASTED_TASK}
            onChange={() => onSelect(PASTED_TASK)}
          />
          <span>Paste examples</span>
        </label>
      </div>
      {index.status === 'failed' ? <p className="field-problem">{index.message}</p> : null}
      {selected === PASTED_TASK ? (
        <textarea
          aria-label="Task examples, one per line"
          rows={5}
          value={pasted}
          placeholder={'Q: What do plants need? A: Light and water.\nQ: …'}
          onChange={(event) => onPastedChange(event.target.value)}
        />
      ) : null}
      <p className="hint" data-testid="task-size">
        {text === null
          ? 'Loading the task…'
          : count < 2
            ? 'Give at least two examples, one per line.'
            : `${count} examples: ${sizes.train} to train on, the last ${sizes.val} held out to evaluate.`}
      </p>
    </fieldset>
  );
}
