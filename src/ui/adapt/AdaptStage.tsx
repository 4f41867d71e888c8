/**
 * Stage 8, Adapt: pick a saved base checkpoint and a small task, choose what to train, then
 * fine-tune (with the base's and the fine-tuned model's answers side by side) or compare
 * fine-tuning with training from scratch at several amounts of task data.
 */
import { useId, useMemo, useState } from 'react';
import type { PlaygroundStore } from '../../app/store';
import { formatCount } from '../format';
import { objectiveLabel } from '../checkpoints/checkpointFiles';
import { useCheckpointList } from '../checkpoints/useCheckpointList';
import { AdaptSettingsForm } from './AdaptSettingsForm';
import { ComparisonSection } from './ComparisonSection';
import { FinetuneSection } from './FinetuneSection';
import type { AdaptSettings } from './settings';
import { checkAdaptSettings, DEFAULT_ADAPT_SETTINGS } from './settings';
import { taskExamples } from './taskExamples';
import { PASTED_TASK, TaskSource } from './TaskSource';
import { useTaskSetIndex, useTaskSetText } from './useTaskSets';
import './adapt.css';
import { StepNumber } from '../shell/StepNumber';

/** Props of the Adapt stage. */
export interface AdaptStageProps {
  /** The app's worker store (null while it starts). */
  store: PlaygroundStore;
  /** Bump when checkpoints were saved, imported, renamed or deleted elsewhere. */
  checkpointsVersion?: number;
}

/** The "Adapt" section. */
export function AdaptStage({ store, checkpointsVersion = 0 }: AdaptStageProps) {
  const baseSelectId = useId();
  const { list } = useCheckpointList(store, checkpointsVersion);
  const [baseId, setBaseId] = useState<string | null>(null);
  const [taskId, setTaskId] = useState('biology-qa');
  const [pasted, setPasted] = useState('');
  const [settings, setSettings] = useState<AdaptSettings>(DEFAULT_ADAPT_SETTINGS);

  const index = useTaskSetIndex();
  const entry =
    taskId === PASTED_TASK || index.status !== 'loaded'
      ? null
      : (index.value.find((e) => e.id === taskId) ?? null);
  const builtIn = useTaskSetText(entry);
  const taskText =
    taskId === PASTED_TASK ? pasted : builtIn?.status === 'loaded' ? builtIn.value : null;

  const checkpoints = list.status === 'loaded' ? list.items : [];
  const base = checkpoints.find((c) => c.id === baseId) ?? checkpoints[0] ?? null;

  const blockers = useMemo(() => {
    const found: string[] = [];
    if (list.status === 'failed') found.push(list.message);
    else if (list.status === 'loaded' && checkpoints.length === 0)
      found.push('Save a checkpoint of a pre-trained model first (in Checkpoints above).');
    if (taskText === null)
      found.push(builtIn?.status === 'failed' ? builtIn.message : 'Loading the task…');
    else if (taskExamples(taskText).length < 2)
      found.push('The task needs at least two examples, one per line.');
    found.push(...checkAdaptSettings(settings, null));
    return found;
  }, [list, checkpoints.length, taskText, builtIn, settings]);

  return (
    <section className="panel adapt-stage" aria-label="Adapt">
      <div className="panel-head">
        <h2 className="panel-title">
          <StepNumber step="adapt" />
          Adapt: fine-tune a pre-trained base
        </h2>
        <span className="panel-meta">
          Pre-training makes a reusable base that needs less task data.
        </span>
      </div>

      <div className="adapt-grid">
        <div className="field">
          <label className="field-label" htmlFor={baseSelectId}>
            Base checkpoint
          </label>
          <select
            id={baseSelectId}
            value={base?.id ?? ''}
            disabled={checkpoints.length === 0}
            onChange={(event) => setBaseId(event.target.value)}
          >
            {checkpoints.length === 0 ? <option value="">No checkpoints yet</option> : null}
            {checkpoints.map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.name} (step ${c.step}, ${objectiveLabel(c.objective)}, ${formatCount(c.parameterCount)})`}
              </option>
            ))}
          </select>
          {list.status === 'loaded' && checkpoints.length === 0 ? (
            <p className="message is-info" data-testid="adapt-no-checkpoints">
              <span>Save a checkpoint of a pre-trained model first.</span>
            </p>
          ) : null}
        </div>
        <TaskSource
          index={index}
          selected={taskId}
          onSelect={setTaskId}
          pasted={pasted}
          onPastedChange={setPasted}
          text={taskText}
          disabled={false}
        />
      </div>

      <AdaptSettingsForm settings={settings} onChange={setSettings} disabled={false} />

      <FinetuneSection
        store={store}
        base={base}
        taskText={taskText}
        settings={settings}
        blockers={blockers}
      />
      <ComparisonSection
        store={store}
        base={base}
        taskText={taskText}
        settings={settings}
        blockers={blockers}
      />
    </section>
  );
}
