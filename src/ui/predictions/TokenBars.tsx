/**
 * A ranked list of candidate tokens with probability bars.
 */
import type { TokenProbability } from '../../worker/protocol';
import { describeToken, formatPercent, showToken } from '../format';

interface TokenBarsProps {
  candidates: readonly TokenProbability[];
  /** Accessible name of the list. */
  label: string;
  /** Test id of each row. */
  itemTestId: string;
  /** Highlight this token (e.g. the original character of a masked position). */
  expected?: string;
}

/** Candidates, most likely first, each with a bar as long as its probability. */
export function TokenBars({ candidates, label, itemTestId, expected }: TokenBarsProps) {
  return (
    <ol className="token-bars" aria-label={label}>
      {candidates.map((candidate, rank) => (
        <li
          key={`${candidate.id}-${rank}`}
          className={`token-bar${expected !== undefined && candidate.text === expected ? ' is-expected' : ''}`}
          data-testid={itemTestId}
          data-token={candidate.text}
          data-probability={candidate.probability}
          aria-label={`${describeToken(candidate.text)}: ${formatPercent(candidate.probability)}`}
        >
          <span className="token-chip" aria-hidden="true">
            {showToken(candidate.text)}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span
              className="bar-fill"
              style={{ transform: `scaleX(${Math.max(0.005, candidate.probability)})` }}
            />
          </span>
          <span className="bar-value" aria-hidden="true">
            {formatPercent(candidate.probability)}
          </span>
        </li>
      ))}
    </ol>
  );
}
