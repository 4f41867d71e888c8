/**
 * A small drawing of the attention mask an objective uses: lower-triangular for causal (a
 * token sees only itself and the tokens before it), full for masked (every token sees all).
 */
import type { Objective } from '../../config/config';

const CELLS = 8;
const CELL = 12;
const GAP = 2;

interface AttentionMaskDiagramProps {
  objective: Objective;
}

/** The mask drawing with its caption. */
export function AttentionMaskDiagram({ objective }: AttentionMaskDiagramProps) {
  const size = CELLS * (CELL + GAP) - GAP;
  const cells = [];
  for (let row = 0; row < CELLS; row++) {
    for (let col = 0; col < CELLS; col++) {
      const allowed = objective === 'masked' || col <= row;
      cells.push(
        <rect
          key={`${row}-${col}`}
          x={col * (CELL + GAP)}
          y={row * (CELL + GAP)}
          width={CELL}
          height={CELL}
          rx={2}
          className={allowed ? 'mask-cell is-allowed' : 'mask-cell'}
        />,
      );
    }
  }
  return (
    <figure className="mask-diagram" data-testid="attention-mask" data-objective={objective}>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={
          objective === 'causal'
            ? 'Causal attention mask: a lower triangle'
            : 'Masked attention: the full square'
        }
      >
        {cells}
      </svg>
      <figcaption>
        <strong>{objective === 'causal' ? 'Causal mask' : 'No mask (bidirectional)'}</strong>
        {objective === 'causal'
          ? ' Each token (row) may attend only to itself and the tokens before it (columns), so it cannot peek at the token it must predict.'
          : ' Every token (row) may attend to every other (columns), before and after it: hidden [MASK] tokens are recovered from both sides.'}
      </figcaption>
    </figure>
  );
}

/** A tiny picture of an objective's mask (triangle or square), for the objective choice. */
export function AttentionMaskIcon({ objective }: AttentionMaskDiagramProps) {
  const n = 5;
  const cells = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (objective === 'causal' && col > row) continue;
      cells.push(<rect key={`${row}-${col}`} x={col * 5} y={row * 5} width={4} height={4} />);
    }
  }
  return (
    <svg className="mask-icon" viewBox="0 0 24 24" aria-hidden="true" data-objective={objective}>
      <rect x={-1} y={-1} width={26} height={26} rx={3} className="mask-icon-frame" />
      {cells}
    </svg>
  );
}
