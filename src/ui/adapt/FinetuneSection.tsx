/**
 * Fine-tune the chosen base on the task: configure the run (reporting characters the base's
 * tokenizer lacks), train it for the step budget with pause/continue, and show its answers on
 * held-out prompts next to the base model's.
 */
import { useMemo, useState } from 'react';
import type { Objective } from '../../config/config';
import type { CheckpointInfo } from '../../storage/checkpoints';
import type { PlaygroundStore } from '../../app/store';
import type { EventOf } from '../../app/store';
import { errorMessage } from '../../shared/errors';
import { useRunStep } from '../checkpoints/useRunStep';
import { formatLoss } from '../format';
import type { AdaptSettings } from './settings';
import { freezeFor, trainingFor } from './settings';
import { SideBySidePredictions } from './SideBySidePredictions';
import { heldOutPrompts } from './taskExamples';
import { useSideBySide } from './useSideBySide';

interface FinetuneSectionProps {
  store: PlaygroundStore | null;
  base: CheckpointInfo | null;
  taskText: string | null;
  settings: AdaptSettings;
  /** Why fine-tuning cannot start now (empty = it can). */
  blockers: string[];
}

type Ready = EventOf<'finetune-ready'> & { baseName: string; objective: Objective };

/** The "Fine-tune" button, its run's progress, and the side-by-side predictions. */
export function FinetuneSection(props: FinetuneSectionProps) {
  const { store, base, taskText, settings, blockers } = props;
  const [ready, setReady] = useState<Ready | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progress = useRunStep(store, ready?.runId ?? null);
  const prompts = useMemo(
    () => (ready === null || taskText === null ? [] : heldOutPrompts(taskText, 3)),
    [ready, taskText],
  );
  // Refresh the side-by-side answers every few evaluations' worth of steps, not every step.
  const refreshStep =
    progress.step === null ? 0 : Math.floor(progress.step / Math.max(1, settings.evalInterval));
  const predictions = useSideBySide(
    store,
    ready !== null && ready.objective === 'causal' ? ready.runId : null,
    prompts,
    refreshStep + (progress.status === 'training' ? 0 : 0.5),
  );

  const fineTune = async () => {
    if (store === null || base === null || taskText === null) return;
    setBusy(true);
    setError(null);
    const objective: Objective = base.objective === 'masked' ? 'masked' : 'causal';
    try {
      const answer = await store.checkpoints.fineTune(
        {
          baseId: base.id,
          taskText,
          training: trainingFor(settings, objective),
          freeze: freezeFor(settings),
        },
        base.name,
      );
      setReady({ ...answer, baseName: base.name, objective });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const status = progress.status;
  return (
    <div className="adapt-block">
      <div className="adapt-actions">
        <button
          type="button"
          className="button is-primary"
          disabled={store === null || busy || blockers.length > 0}
          onClick={() => void fineTune()}
        >
          Fine-tune
        </button>
        {ready !== null && status === 'training' ? (
          <button type="button" className="button" onClick={() => store?.pause()}>
            Pause fine-tuning
          </button>
        ) : null}
        {ready !== null && (status === 'paused' || status === 'ready') ? (
          <button type="button" className="button" onClick={() => store?.resume()}>
            Continue fine-tuning
          </button>
        ) : null}
        {ready !== null ? (
          <span className="adapt-progress" role="status" data-testid="finetune-status">
            “{ready.baseName}” on {ready.trainExamples} task examples: {status ?? 'starting'} · step{' '}
            <strong data-testid="finetune-step">{progress.step ?? 0}</strong> of{' '}
            {settings.stepBudget} · task validation loss{' '}
            <strong>{formatLoss(progress.valLoss ?? undefined)}</strong>
          </span>
        ) : null}
      </div>
      {blockers.length > 0 ? <p className="hint">{blockers[0]}</p> : null}
      {error !== null ? (
        <p className="message is-error" role="alert">
          <span>{error}</span>
        </p>
      ) : null}
      {ready !== null && ready.unknownCharacters.length > 0 ? (
        <p className="message is-warning" role="status" data-testid="unknown-characters">
          <span>
            The base model’s tokenizer has never seen {ready.unknownCharacters.length} character
            {ready.unknownCharacters.length === 1 ? '' : 's'} of the task (
            {ready.unknownCharacters
              .slice(0, 12)
              .map((ch) => JSON.stringify(ch))
              .join(' ')}
            {ready.unknownCharacters.length > 12 ? ' …' : ''}): {ready.unknownTokens} tokens became
            [UNK]. Pre-train on text that contains them for a better start.
          </span>
        </p>
      ) : null}
      {ready !== null && ready.objective === 'causal' ? (
        <SideBySidePredictions predictions={predictions} />
      ) : ready !== null ? (
        <p className="hint">
          Side-by-side answers are shown for causal (next-token) models; this base is masked.
        </p>
      ) : null}
    </div>
  );
}
