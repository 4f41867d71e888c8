/**
 * One benchmark item as the model answered it: the context with a gap, the candidates, which
 * one the model chose and which one is right (✓ when they agree, ✗ when not).
 */
import type { BenchmarkItemView } from '../../worker/protocol';
import { contextHead, contextTail, showBreaks } from './format';

/** Characters of context shown before and after the gap. */
const BEFORE_CHARS = 44;
const AFTER_CHARS = 24;

/** An item: context, gap, candidates; the model's answer and the right one marked. */
export function BenchmarkItem({ item }: { item: BenchmarkItemView }) {
  const right = item.chosen === item.answer;
  return (
    <li className={`bench-item ${right ? 'is-right' : 'is-wrong'}`} data-correct={right}>
      <span className="bench-verdict" aria-label={right ? 'Right' : 'Wrong'} role="img">
        {right ? '✓' : '✗'}
      </span>
      <div className="bench-body">
        <p className="bench-context">
          {showBreaks(contextTail(item.before, BEFORE_CHARS))}
          <span className="bench-gap" aria-label="gap">
            ?
          </span>
          {showBreaks(contextHead(item.after, AFTER_CHARS))}
        </p>
        <ul className="bench-candidates" aria-label="Candidates">
          {item.candidates.map((candidate, index) => {
            const isAnswer = index === item.answer;
            const isChosen = index === item.chosen;
            const classes = ['bench-candidate'];
            if (isAnswer) classes.push('is-answer');
            if (isChosen) classes.push('is-chosen');
            return (
              <li key={index} className={classes.join(' ')}>
                <span className="bench-candidate-text">{showBreaks(candidate)}</span>
                {isChosen ? <span className="bench-tag is-model">model</span> : null}
                {isAnswer ? <span className="bench-tag is-answer">right</span> : null}
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
