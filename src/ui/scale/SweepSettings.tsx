/**
 * What the sweep runs: the model sizes (one width/depth rule, N counted without embeddings),
 * the token budgets (or 20 tokens per parameter for each size), and the rules, in words.
 */
import { useState } from 'react';
import { countParameters } from '../../config/size';
import type { SweepSpec } from '../../scaling/plan';
import {
  CHINCHILLA_TOKENS_PER_PARAMETER,
  nonEmbeddingParameters,
  SCHEDULE_RULE,
  shapeForWidth,
  SHAPE_RULE,
  shortCount,
  SWEEP_WIDTHS,
} from '../../scaling/plan';
import { formatExact } from '../format';

interface SweepSettingsProps {
  spec: SweepSpec;
  vocabSize: number | null;
  disabled: boolean;
  onChange: (spec: SweepSpec) => void;
}

/** "40k, 120k" → [40000, 120000]; null when a value is not a positive number. */
export function parseBudgets(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const values = parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(part);
    if (!match) return NaN;
    const scale = match[2]?.toLowerCase() === 'k' ? 1e3 : match[2]?.toLowerCase() === 'm' ? 1e6 : 1;
    return Math.round(Number(match[1]) * scale);
  });
  return values.every((v) => Number.isFinite(v) && v > 0) ? values : null;
}

/** The sweep's sizes and budgets. */
export function SweepSettings({ spec, vocabSize, disabled, onChange }: SweepSettingsProps) {
  const optimal = spec.budgets === 'optimal';
  // The text being typed; the spec's budgets when not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const budgetText =
    draft ?? (spec.budgets === 'optimal' ? '40k, 120k' : spec.budgets.map(shortCount).join(', '));
  const budgetProblem = !optimal && parseBudgets(budgetText) === null;
  const vocab = vocabSize ?? 0;
  const toggle = (width: number) => {
    const widths = spec.widths.includes(width)
      ? spec.widths.filter((w) => w !== width)
      : [...spec.widths, width].sort((a, b) => a - b);
    onChange({ ...spec, widths });
  };
  const chosen = spec.widths.map((w) =>
    nonEmbeddingParameters({ ...shapeForWidth(w, spec.blockSize), vocabSize: vocab }),
  );
  const spread = chosen.length > 1 ? Math.max(...chosen) / Math.min(...chosen) : 1;
  return (
    <fieldset className="lab-settings" disabled={disabled}>
      <legend className="panel-title">Model sizes</legend>
      <table className="lab-sizes" data-testid="scale-sizes">
        <thead>
          <tr>
            <th scope="col" aria-label="Include" />
            <th scope="col">width</th>
            <th scope="col">layers</th>
            <th scope="col">heads</th>
            <th scope="col" title="Non-embedding parameters: what the scaling laws count">
              N
            </th>
            <th scope="col" title="All parameters, embeddings included">
              all
            </th>
          </tr>
        </thead>
        <tbody>
          {SWEEP_WIDTHS.map((width) => {
            const shape = shapeForWidth(width, spec.blockSize);
            const model = { ...shape, vocabSize: vocab };
            return (
              <tr key={width}>
                <td>
                  <input
                    type="checkbox"
                    checked={spec.widths.includes(width)}
                    onChange={() => toggle(width)}
                    aria-label={`Width ${width}`}
                    data-testid={`scale-size-${width}`}
                  />
                </td>
                <td>{width}</td>
                <td>{shape.nLayer}</td>
                <td>{shape.nHead}</td>
                <td>{formatExact(nonEmbeddingParameters(model))}</td>
                <td className="muted">
                  {vocabSize === null ? '–' : formatExact(countParameters(model))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">
        Shapes: {SHAPE_RULE}. N counts every weight but the token and position embeddings (as Kaplan
        et al. do); compute C = 6·N·D. Chosen: {spec.widths.length} sizes spanning{' '}
        {spread.toFixed(0)}× in N.
      </p>
      <div className="lab-budgets">
        <label>
          Token budgets D{' '}
          <input
            type="text"
            value={budgetText}
            disabled={optimal || disabled}
            aria-invalid={budgetProblem}
            data-testid="scale-budgets"
            onBlur={() => setDraft(null)}
            onChange={(event) => {
              setDraft(event.target.value);
              const budgets = parseBudgets(event.target.value);
              if (budgets) onChange({ ...spec, budgets });
            }}
          />
        </label>
        <label className="lab-inline">
          <input
            type="checkbox"
            checked={optimal}
            data-testid="scale-optimal-budgets"
            onChange={(event) =>
              onChange({
                ...spec,
                budgets: event.target.checked ? 'optimal' : (parseBudgets(budgetText) ?? [40_000]),
              })
            }
          />
          compute-optimal: {CHINCHILLA_TOKENS_PER_PARAMETER} tokens per parameter for each size
        </label>
        {budgetProblem ? (
          <p className="field-error">Budgets are numbers of tokens, e.g. “40k, 120k, 360k”.</p>
        ) : null}
      </div>
      <p className="hint">
        Every run reads the same data in the same order (seed {spec.seed}, batch {spec.batchSize} ×
        context {spec.blockSize}) and is evaluated on the same validation batches; {SCHEDULE_RULE}.
      </p>
    </fieldset>
  );
}
