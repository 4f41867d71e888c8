/**
 * Axis ticks for recharts drawn as plain SVG `<text>`: recharts' own `<Text>` measures every
 * label in the DOM at each update, which costs main-thread time while training.
 */
import { formatAxisCount } from '../format';

/** What recharts passes to a custom tick. */
export interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value: unknown };
}

/** An x-axis tick showing a count (steps or tokens), e.g. "12k". */
export function renderCountTick({ x, y, payload }: TickProps) {
  return (
    <text x={Number(x)} y={Number(y) + 12} textAnchor="middle" className="axis-tick">
      {formatAxisCount(Number(payload.value))}
    </text>
  );
}

/** A y-axis tick renderer showing values with `format`. */
export function valueTick(format: (value: number) => string) {
  return function renderValueTick({ x, y, payload }: TickProps) {
    return (
      <text x={Number(x) - 4} y={Number(y) + 4} textAnchor="end" className="axis-tick">
        {format(Number(payload.value))}
      </text>
    );
  };
}
