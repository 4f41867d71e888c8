/**
 * Steps 1–3 of the pipeline — Data, Curate, Tokenize — drawn from the store's data pipeline:
 * the only place a corpus is chosen, the rules that curate it, and the tokenizer a run uses.
 * Memoised: the page re-renders on every training update, and the token view holds thousands of
 * elements; their props change only with the pipeline.
 */
import { memo } from 'react';
import type { PipelineState } from '../../app/pipeline';
import type { PlaygroundStore } from '../../app/store';
import { checkContextFits } from '../../app/blockers';
import { CurationStep } from '../data/CurationStep';
import { SourceStep } from '../data/SourceStep';
import { TokenizationStep } from '../data/TokenizationStep';
import '../data/data.css';

interface DataStepProps {
  store: PlaygroundStore;
  pipeline: PipelineState;
}

/** Step 1: a built-in corpus, pasted text or files. */
export const DataStep = memo(function DataStep({ store, pipeline }: DataStepProps) {
  const { pipeline: data } = store;
  return (
    <SourceStep
      list={pipeline.list}
      selected={pipeline.selected}
      onSelect={(id) => data.select(id)}
      own={pipeline.own}
      corpusLoad={pipeline.corpus.current}
      dataset={pipeline.dataset}
      onPaste={(text) => void data.paste(text)}
      onFiles={(files) => void data.upload(files)}
      reading={pipeline.reading}
      readProgress={pipeline.readProgress}
      messages={pipeline.messages}
      onDismissMessages={() => data.dismissMessages()}
    />
  );
});

/** Step 2: cleaning, filters, deduplication and the split. */
export const CurateStep = memo(function CurateStep({ store, pipeline }: DataStepProps) {
  return (
    <CurationStep
      options={pipeline.curation}
      onChange={(options) => store.pipeline.setCuration(options)}
      task={pipeline.curated}
      hasData={pipeline.dataset !== null}
    />
  );
});

/** Step 3: the tokenizer, built on the curated training text. */
export const TokenizeStep = memo(function TokenizeStep({
  store,
  pipeline,
  blockSize,
}: DataStepProps & { blockSize: number }) {
  const { curated, tokens } = pipeline;
  const tokensNow = tokens.current.status === 'done' ? tokens.current.value : null;
  const split = curated.current.status === 'done' ? curated.current.value.split : null;
  return (
    <TokenizationStep
      choice={pipeline.tokenizer}
      onChange={(choice) => store.pipeline.setTokenizer(choice)}
      task={tokens}
      upstream={
        split !== null
          ? 'ready'
          : curated.current.status === 'done' || curated.current.status === 'failed'
            ? 'empty'
            : 'waiting'
      }
      contextProblem={tokensNow === null ? null : checkContextFits(tokensNow, blockSize)}
    />
  );
});
