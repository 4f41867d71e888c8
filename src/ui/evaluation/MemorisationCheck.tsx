/**
 * "Check a text for memorisation": the learner pastes a passage, the worker looks up which of
 * its spans occur verbatim in the current run's training data, and the page lights them up.
 */
import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { PlaygroundStore } from '../../app/store';
import type { MemorisationResult } from '../../worker/protocol';
import { formatStep } from './format';
import { HighlightedText, MemorisedFraction } from './HighlightedText';
import { errorMessage } from '../../shared/errors';

interface MemorisationCheckProps {
  store: PlaygroundStore | null;
  /** The run whose model (and training data) the worker holds; null when none. */
  currentRunId: string | null;
  /** Its name, e.g. "Run 2". */
  currentRunLabel: string;
}

/** What the last check answered. */
type Outcome =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; result: MemorisationResult; runLabel: string; step: number }
  | { status: 'failed'; message: string };

/** The box: a textarea, a Check button, and the text with its memorised spans highlighted. */
export function MemorisationCheck({
  store,
  currentRunId,
  currentRunLabel,
}: MemorisationCheckProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  // Answers to older checks are dropped when a newer one was sent.
  const latestRequest = useRef(0);
  const enabled = store !== null && currentRunId !== null;

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (store === null || currentRunId === null || text.trim() === '') return;
    const request = ++latestRequest.current;
    const runLabel = currentRunLabel;
    setOutcome({ status: 'checking' });
    store.predict({ kind: 'memorisation', text }).then(
      (prediction) => {
        if (request !== latestRequest.current) return;
        if (prediction.result.kind !== 'memorisation') {
          setOutcome({ status: 'failed', message: 'The worker answered another question.' });
          return;
        }
        setOutcome({
          status: 'done',
          result: prediction.result,
          runLabel,
          step: prediction.step,
        });
      },
      (error: unknown) => {
        if (request !== latestRequest.current) return;
        setOutcome({
          status: 'failed',
          message: errorMessage(error),
        });
      },
    );
  };

  return (
    <form className="memorisation-check" onSubmit={check} aria-labelledby={`${id}-title`}>
      <h3 className="subhead" id={`${id}-title`}>
        Check a text for memorisation
      </h3>
      <p className="hint">
        Paste a passage, for instance a line copied from the training text, and see which of its
        spans the training data holds word for word.
      </p>
      <div className="memorisation-input">
        <label className="field grow">
          <span className="field-label">Text to check</span>
          <textarea
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            aria-describedby={enabled ? undefined : `${id}-disabled`}
          />
        </label>
        <button
          type="submit"
          className="button is-primary"
          disabled={!enabled || text.trim() === '' || outcome.status === 'checking'}
        >
          Check
        </button>
      </div>
      {!enabled ? (
        <p className="hint" id={`${id}-disabled`}>
          Train a run first: the text is looked up in the training data of the model the worker
          holds.
        </p>
      ) : null}
      <div aria-live="polite">
        {outcome.status === 'checking' ? <p className="hint">Looking it up…</p> : null}
        {outcome.status === 'failed' ? (
          <p className="message is-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
        {outcome.status === 'done' ? (
          <div
            className="memorisation-result"
            data-testid="memorisation-result"
            data-fraction={outcome.result.memorisedFraction}
          >
            <p className="sample eval-sample">
              <HighlightedText text={outcome.result.text} spans={outcome.result.memorised} />
            </p>
            <p className="memorisation-summary">
              <MemorisedFraction fraction={outcome.result.memorisedFraction} />
              <span className="hint">
                {outcome.result.memorised.length === 0
                  ? `No run of ${outcome.result.ngramTokens} tokens of it occurs in the training text of ${outcome.runLabel}.`
                  : `Highlighted: runs of ${outcome.result.ngramTokens} or more tokens found verbatim in the training text of ${outcome.runLabel} (checked at step ${formatStep(outcome.step)}).`}
              </span>
            </p>
          </div>
        ) : null}
      </div>
    </form>
  );
}
