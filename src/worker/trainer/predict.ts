/**
 * Answers a prediction request with the current model: next-token bars and a sample, the
 * candidates of each [MASK], or the spans of a text found in the training data.
 */
import type { TrainingRun } from '../../engine/run';
import { assertNever } from '../../shared/assertNever';
import type { PredictRequest, PredictResult } from '../protocol';

export async function predict(
  current: TrainingRun,
  request: PredictRequest,
): Promise<PredictResult> {
  switch (request.kind) {
    case 'next-token': {
      const { top, sample, attention } = await current.predictNext(request.prompt, request);
      return { kind: 'next-token', top, sample, attention };
    }
    case 'fill-in': {
      const { masks, attention } = await current.predictFill(request.text, request);
      return { kind: 'fill-in', masks, attention };
    }
    case 'memorisation':
      return { kind: 'memorisation', ...current.findMemorised(request.text) };
    default:
      return assertNever(request);
  }
}
