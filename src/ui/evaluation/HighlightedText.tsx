/**
 * A text with the spans found verbatim in the training data highlighted as `<mark>`.
 */
import { memo, useMemo } from 'react';
import type { CharSpan } from './highlight';
import { formatFraction } from './format';
import { highlightSegments } from './highlight';

interface HighlightedTextProps {
  text: string;
  /** Character spans [start, end) of `text` to highlight. */
  spans: readonly CharSpan[];
}

/** The text, memorised spans marked; whitespace is kept as typed. */
export const HighlightedText = memo(function HighlightedText({
  text,
  spans,
}: HighlightedTextProps) {
  const segments = useMemo(() => highlightSegments(text, spans), [text, spans]);
  return (
    <>
      {segments.map((segment) =>
        segment.memorised ? (
          <mark
            key={segment.start}
            className="memorised"
            title="Found verbatim in the training data"
          >
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </>
  );
});

/** A fraction memorised as a percentage with a small bar (0–100%). */
export function MemorisedFraction({ fraction }: { fraction: number }) {
  const width = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 100;
  return (
    <span className="memorised-fraction" data-fraction={fraction}>
      <span className="memorised-bar" aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </span>
      <span>
        <strong>{formatFraction(fraction)}</strong> memorised
      </span>
    </span>
  );
}
