/**
 * A table of held-out task prompts with the base model's answer and the fine-tuned model's,
 * so the learner sees what fine-tuning changed.
 */
import type { SideBySide } from './useSideBySide';

interface SideBySidePredictionsProps {
  predictions: SideBySide;
}

function Answer({ text }: { text: string }) {
  return text === '' ? <span className="faint">(nothing)</span> : <code>{text}</code>;
}

/** Base versus fine-tuned answers on held-out prompts. */
export function SideBySidePredictions({ predictions }: SideBySidePredictionsProps) {
  const { rows, step, error } = predictions;
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <h3 className="subhead">
        Held-out task prompts{step === null ? '' : ` · fine-tuned model at step ${step}`}
      </h3>
      {error !== null ? (
        <p className="message is-error" role="alert">
          <span>{error}</span>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="placeholder">Asking both models…</p>
      ) : (
        <table className="adapt-table">
          <thead>
            <tr>
              <th scope="col">Prompt</th>
              <th scope="col">Expected</th>
              <th scope="col">Base model</th>
              <th scope="col">Fine-tuned</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.prompt}>
                <th scope="row">
                  <code>{row.prompt}</code>
                </th>
                <td>{row.expected}</td>
                <td>
                  <Answer text={row.base} />
                </td>
                <td>
                  <Answer text={row.tuned} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
