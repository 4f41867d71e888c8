/**
 * A few documents one curation rule changed or removed, behind a disclosure so the report
 * stays short: a cleaner's before and after, a filter's measured value, a duplicate's original.
 */
import type { RuleReport } from '../../data/curate';
import { formatMeasure } from './format';

interface RuleExamplesProps {
  report: RuleReport;
  /** Whether the rule's measure is a share (0…1) rather than a count. */
  isShare: boolean;
  /** What the rule measures, e.g. "share of letters". */
  measure: string | null;
}

/** Document numbers are shown from 1. */
function documentNumber(index: number): string {
  return `#${index + 1}`;
}

/** The examples of one rule, or nothing when it has none. */
export function RuleExamples({ report, isShare, measure }: RuleExamplesProps) {
  if (!report.enabled || report.examples.length === 0) return null;
  const count = report.examples.length;
  return (
    <details className="data-examples">
      <summary>
        {count === 1 ? 'Example' : `${count} examples`}
        <span className="visually-hidden"> of {report.label}</span>
      </summary>
      <ul>
        {report.examples.map((example) => (
          <li key={`${example.index}-${example.snippet.slice(0, 20)}`}>
            <span className="data-doc-id">{documentNumber(example.index)}</span>
            {example.after !== undefined ? (
              <span className="data-diff">
                <span className="data-before" title="Before">
                  {example.snippet}
                </span>
                <span className="data-after" title="After">
                  {example.after === '' ? '(empty)' : example.after}
                </span>
              </span>
            ) : (
              <span className="data-removed">
                {example.duplicateOf !== undefined ? (
                  <span className="data-why">duplicates {documentNumber(example.duplicateOf)}</span>
                ) : null}
                {example.value !== undefined && measure !== null ? (
                  <span className="data-why">
                    {measure} {formatMeasure(example.value, isShare)}
                  </span>
                ) : null}
                <span className="data-snippet">{example.snippet}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
