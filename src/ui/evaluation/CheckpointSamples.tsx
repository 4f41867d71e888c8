/**
 * The samples a causal run wrote at fixed checkpoints (same prompt, same seed), in step order,
 * with the spans it copied verbatim from the training data highlighted: text getting better,
 * and memorisation telling itself apart from generalisation.
 */
import { memo } from 'react';
import { formatStep } from './format';
import { HighlightedText, MemorisedFraction } from './HighlightedText';
import type { EvaluationRun } from './types';

interface CheckpointSamplesProps {
  /** The run whose samples are shown (the current one). */
  run: EvaluationRun | undefined;
  /** `samplesSignature(run)`: the list redraws only when it changes. */
  signature: string;
}

/** The list of checkpoint samples of one run. */
export const CheckpointSamples = memo(
  function CheckpointSamples({ run }: CheckpointSamplesProps) {
    if (run === undefined) {
      return (
        <p className="placeholder">Train a causal model to see what it writes as it learns.</p>
      );
    }
    if (run.objective === 'masked') {
      return (
        <p className="placeholder">
          {run.label} is masked: it fills gaps rather than writing text, so it has no checkpoint
          samples. Train a causal run to see some.
        </p>
      );
    }
    const prompt = run.samples[0]?.prompt;
    if (prompt === undefined) {
      return (
        <p className="placeholder">
          {run.label} writes its first sample at step 0, then at about eight checkpoints.
        </p>
      );
    }
    return (
      <>
        <p className="hint">
          {run.label}, from the prompt <q className="sample-prompt-quote">{prompt.trim()}</q> with
          the same seed every time. <mark className="memorised">Highlighted</mark>: runs of tokens
          found word for word in the training text.
        </p>
        <ol className="checkpoint-samples" data-testid="checkpoint-samples">
          {run.samples.map((sample) => (
            <li
              key={sample.step}
              className="checkpoint-sample"
              data-testid="checkpoint-sample"
              data-step={sample.step}
              data-memorised-fraction={sample.memorisedFraction}
            >
              <span className="checkpoint-step">
                Step <strong>{formatStep(sample.step)}</strong>
              </span>
              <p className="sample eval-sample">
                <span className="sample-prompt">{sample.prompt}</span>
                <HighlightedText text={sample.text} spans={sample.memorised} />
              </p>
              <MemorisedFraction fraction={sample.memorisedFraction} />
            </li>
          ))}
        </ol>
      </>
    );
  },
  (before, after) => before.signature === after.signature,
);
