/** A run record for the run-file tests. */
import { newRecord } from '../../src/app/runs';
import { withSetup } from '../../src/app/setup/setup';

/** A finished run with a few points of each curve. */
export function finishedRun() {
  const setup = withSetup({ corpus: 'sotu', tokenizer: { kind: 'bpe', vocabSize: 512 } });
  const record = newRecord([], 'run-1', {
    config: setup.config,
    corpusName: 'State of the Union (bpe)',
    sizeName: 'Tiny',
    setup,
  });
  for (let step = 1; step <= 20; step++) {
    record.steps.append([
      { step, loss: 4 - step / 10, learningRate: 0.001, gradNorm: 1, tokensSeen: step * 512 },
    ]);
  }
  record.step = 20;
  record.status = 'done';
  return { record, setup };
}
