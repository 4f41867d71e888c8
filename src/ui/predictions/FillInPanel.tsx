/**
 * Masked models: a sentence with [MASK] positions (typed, or toggled by clicking a
 * character), and the five most likely candidates for each.
 */
import { SPECIAL_TOKENS, splitOnSpecials } from '../../tokenizer/tokenizer';
import type { FillInResult } from '../../worker/protocol';
import { describeToken, showToken } from '../format';
import { TokenBars } from './TokenBars';
import { useControlMode } from '../shell/ClassroomContext';

/** The literal mask token. */
export const MASK_TOKEN: (typeof SPECIAL_TOKENS)[1] = SPECIAL_TOKENS[1];

/** A sentence being filled in, and the characters hidden by clicks (by token index). */
export interface FillInText {
  text: string;
  originals: Readonly<Record<number, string>>;
}

/** One token of a sentence: a character, or a special token such as [MASK]. */
export interface SentenceToken {
  text: string;
  special: boolean;
}

/** Splits a sentence as the char tokenizer does: one token per code point, specials whole. */
export function sentenceTokens(text: string): SentenceToken[] {
  return splitOnSpecials(text).flatMap((piece): SentenceToken[] =>
    piece.special !== null
      ? [{ text: piece.text, special: true }]
      : Array.from(piece.text, (c) => ({ text: c, special: false })),
  );
}

/** Masks the character at token `index`, or puts back what a mask there hid. */
export function toggleMask(fill: FillInText, index: number, fallback?: string): FillInText {
  const tokens = sentenceTokens(fill.text);
  const token = tokens[index];
  if (token === undefined) return fill;
  const originals = { ...fill.originals };
  if (token.text === MASK_TOKEN) {
    const restored = originals[index] ?? fallback;
    if (restored === undefined) return fill;
    tokens[index] = { text: restored, special: false };
    delete originals[index];
  } else if (!token.special) {
    originals[index] = token.text;
    tokens[index] = { text: MASK_TOKEN, special: true };
  }
  return { text: tokens.map((t) => t.text).join(''), originals };
}

interface FillInPanelProps {
  fill: FillInText;
  onFillChange: (fill: FillInText) => void;
  onPredict: () => void;
  result: FillInResult | null;
  enabled: boolean;
}

/** The fill-in panel. */
export function FillInPanel({ fill, onFillChange, onPredict, result, enabled }: FillInPanelProps) {
  const promptMode = useControlMode('prompt');
  const tokens = sentenceTokens(fill.text);
  const maskIndices = tokens.flatMap((t, i) => (t.text === MASK_TOKEN ? [i] : []));
  return (
    <div className="prediction-body">
      <div className="prompt-row">
        {promptMode === 'hidden' ? null : (
          <label className="field grow">
            <span className="field-label">Sentence</span>
            <textarea
              className="prompt-input"
              rows={2}
              value={fill.text}
              onChange={(event) => onFillChange({ text: event.target.value, originals: {} })}
              spellCheck={false}
              readOnly={promptMode !== 'shown'}
            />
          </label>
        )}
        <button
          type="button"
          className="button"
          onClick={onPredict}
          disabled={!enabled || maskIndices.length === 0}
        >
          Predict
        </button>
      </div>
      <p className="hint">
        Type <code>{MASK_TOKEN}</code> or click a character to hide it from the model.
      </p>
      <div className="sentence-tokens" role="group" aria-label="Characters of the sentence">
        {tokens.map((token, index) => {
          const masked = token.text === MASK_TOKEN;
          const maskNumber = masked ? maskIndices.indexOf(index) : -1;
          const guess = maskNumber >= 0 ? result?.masks[maskNumber]?.top[0]?.text : undefined;
          return (
            <button
              key={index}
              type="button"
              className={`sentence-token${masked ? ' is-masked' : ''}${token.text === ' ' ? ' is-space' : ''}`}
              aria-pressed={masked}
              aria-label={
                masked
                  ? `Unmask position ${index + 1}`
                  : `Mask ${describeToken(token.text)} at position ${index + 1}`
              }
              disabled={token.special && !masked}
              onClick={() => onFillChange(toggleMask(fill, index, guess))}
            >
              {masked ? (maskNumber >= 0 ? `?${maskNumber + 1}` : '?') : showToken(token.text)}
            </button>
          );
        })}
      </div>

      {maskIndices.length === 0 ? (
        <p className="placeholder">Mask at least one character to see the model’s guesses.</p>
      ) : result === null ? (
        <p className="placeholder">
          {enabled ? 'Predicting…' : 'Train a masked model to see how it fills in the blanks.'}
        </p>
      ) : (
        <div className="mask-results">
          {result.masks.map((mask, n) => {
            const tokenIndex = maskIndices[n];
            const original = tokenIndex === undefined ? undefined : fill.originals[tokenIndex];
            return (
              <div
                key={`${mask.position}-${n}`}
                className="mask-result"
                data-testid="fill-in-mask"
                data-position={mask.position}
              >
                <h4 className="mask-title">
                  <span className="mask-number">?{n + 1}</span>
                  {original !== undefined ? (
                    <span className="hint">
                      hidden: <span className="token-chip">{showToken(original)}</span>
                    </span>
                  ) : null}
                </h4>
                <TokenBars
                  candidates={mask.top}
                  label={`Candidates for mask ${n + 1}`}
                  itemTestId="fill-in-candidate"
                  expected={original}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
