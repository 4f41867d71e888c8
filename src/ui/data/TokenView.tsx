/**
 * The start of the training text as the model will see it: one coloured box per token
 * (colours alternate), whitespace made visible, the token's id on hover.
 */
import { memo } from 'react';
import type { TokenPiece } from '../../worker/data/protocol';
import { formatCount } from '../format';
import { tokenSegments } from './tokenDisplay';

/** Number of alternating token colours (see data.css). */
const COLOURS = 4;

function Token({ piece, colour }: { piece: TokenPiece; colour: number }) {
  const segments = tokenSegments(piece.text);
  const breaks = segments.filter((s) => s.kind === 'newline').length;
  return (
    <>
      <span className={`data-token is-c${colour}`} title={`id ${piece.id}`}>
        {segments.map((segment, i) =>
          segment.kind === 'text' ? (
            segment.text
          ) : (
            <span key={i} className="data-ws">
              {segment.text}
            </span>
          ),
        )}
      </span>
      {/* A line break after a newline token, at most two in a row. */}
      {breaks > 0 ? <br /> : null}
      {breaks > 1 ? <br /> : null}
    </>
  );
}

/** The tokens of the preview, with their count. */
export const TokenView = memo(function TokenView({ pieces }: { pieces: readonly TokenPiece[] }) {
  const characters = pieces.reduce((sum, piece) => sum + [...piece.text].length, 0);
  return (
    <figure className="data-token-figure">
      <figcaption>
        The start of the training text as tokens: {formatCount(pieces.length)} tokens for about{' '}
        {formatCount(characters)} characters. Colours alternate from token to token; hover over a
        token for its id. · is a space, ⏎ a line break.
      </figcaption>
      <div className="data-token-text" tabIndex={0} aria-label="Tokens">
        {pieces.map((piece, i) => (
          <Token key={i} piece={piece} colour={i % COLOURS} />
        ))}
      </div>
    </figure>
  );
});
