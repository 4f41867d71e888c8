/**
 * Step 3, Tokenization: character, byte or BPE (with its vocabulary size), built in the data
 * worker on the curated training text; the text shown as tokens, characters per token, the
 * vocabulary size, BPE's first merges and the number of training tokens.
 */
import { useId } from 'react';
import { BPE_VOCAB_SIZE, TOKENIZER_KINDS, TOKENIZERS } from '../../tokenizer/registry';
import type { TokenizerResult } from '../../worker/data/protocol';
import { formatCount, formatExact } from '../format';
import { MergeList } from './MergeList';
import { ProgressBar } from './ProgressBar';
import { RangeNumber } from './RangeNumber';
import { Control } from '../shell/ClassroomContext';
import { visibleText } from './tokenDisplay';
import { TokenView } from './TokenView';
import type { TaskState } from '../../app/task';

import type { TokenizerChoice } from '../../app/pipeline';
import { StepNumber } from '../shell/StepNumber';

interface TokenizationStepProps {
  choice: TokenizerChoice;
  onChange: (choice: TokenizerChoice) => void;
  task: TaskState<TokenizerResult>;
  /** Why the splits are too short for the model's context, or null. */
  contextProblem: string | null;
  /** Curated text is `ready`, being curated (`waiting`), or there is none (`empty`). */
  upstream: 'ready' | 'waiting' | 'empty';
}

/** The tokenizer controls and what the tokenizer does to the text. */
export function TokenizationStep(props: TokenizationStepProps) {
  const { choice, onChange, task, contextProblem, upstream } = props;
  const titleId = useId();
  const groupName = useId();
  const { current, latest } = task;
  const stale = current.status === 'done' ? '' : ' is-stale';
  return (
    <section className="panel data-step" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId} className="panel-title">
          <StepNumber step="tokenize" />
          Tokenization
        </h2>
        {latest !== null ? (
          <span className="panel-meta">
            {current.status === 'running'
              ? 'Updating…'
              : current.status === 'idle'
                ? upstream === 'waiting'
                  ? 'Waiting for curation…'
                  : ''
                : `took ${Math.round(latest.milliseconds)} ms`}
          </span>
        ) : null}
      </div>
      <Control id="tokenizer">
        <div className="data-tokenizer-controls">
          <fieldset className="data-choice-list data-tokenizer-kinds">
            <legend className="data-legend">Tokenizer</legend>
            {TOKENIZER_KINDS.map((kind) => (
              <label
                key={kind}
                className={`data-choice data-choice-described${kind === choice.kind ? ' is-selected' : ''}`}
              >
                <input
                  type="radio"
                  name={groupName}
                  value={kind}
                  checked={kind === choice.kind}
                  aria-labelledby={`${groupName}-${kind}`}
                  aria-describedby={`${groupName}-${kind}-help`}
                  onChange={() => onChange({ ...choice, kind })}
                />
                <span id={`${groupName}-${kind}`} className="data-choice-name">
                  {TOKENIZERS[kind].label}
                </span>
                <span id={`${groupName}-${kind}-help`} className="data-choice-help">
                  {TOKENIZERS[kind].description}
                </span>
              </label>
            ))}
          </fieldset>
          {TOKENIZERS[choice.kind].usesVocabSize ? (
            <div className="field data-vocab">
              <span className="field-label" aria-hidden="true">
                Vocabulary size
              </span>
              <RangeNumber
                label="BPE vocabulary size"
                min={BPE_VOCAB_SIZE.min}
                max={BPE_VOCAB_SIZE.max}
                step={BPE_VOCAB_SIZE.step}
                value={choice.vocabSize}
                integer
                onChange={(vocabSize) => onChange({ ...choice, vocabSize })}
              />
              <span className="field-help">
                256 byte tokens plus one token per merge learned from the training text; the special
                tokens come on top.
              </span>
            </div>
          ) : null}
        </div>
      </Control>
      {current.status === 'idle' && upstream === 'empty' ? (
        <p className="placeholder">Nothing to tokenize until curation keeps some text.</p>
      ) : null}
      {current.status === 'idle' && upstream === 'waiting' && latest === null ? (
        <p className="placeholder">Tokenization starts once curation is done.</p>
      ) : null}
      {current.status === 'running' ? (
        <ProgressBar label="Tokenizer progress" fraction={current.fraction} stage={current.stage} />
      ) : null}
      {current.status === 'failed' ? (
        <p className="message is-error" role="alert">
          Tokenization failed: {current.message}
        </p>
      ) : null}
      {latest !== null ? (
        <div className={`data-tokenized${stale}`}>
          <dl className="data-stats" aria-label="Tokenizer result">
            <div>
              <dt>Vocabulary size</dt>
              <dd>{formatCount(latest.vocabSize)}</dd>
            </div>
            <div>
              <dt>Characters per token</dt>
              <dd>{latest.charsPerToken.toFixed(2)}</dd>
            </div>
            <div>
              <dt>Training tokens</dt>
              <dd>{formatExact(latest.trainTokens)}</dd>
            </div>
            <div>
              <dt>Validation tokens</dt>
              <dd>{formatExact(latest.valTokens)}</dd>
            </div>
          </dl>
          {contextProblem !== null && current.status === 'done' ? (
            <p className="message is-error" role="alert">
              {contextProblem}
            </p>
          ) : null}
          <TokenView pieces={latest.preview} />
          {latest.merges.length > 0 ? <MergeList merges={latest.merges} /> : null}
          {latest.alphabet.length > 0 ? (
            <details className="data-alphabet">
              <summary>
                The {formatCount(latest.alphabet.length)} characters of the vocabulary
              </summary>
              <p>
                {latest.alphabet.map((char) => (
                  <code key={char}>{visibleText(char)}</code>
                ))}
              </p>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
