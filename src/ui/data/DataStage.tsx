/**
 * The data stage of the pipeline: 1. Data (a built-in corpus, pasted text or files),
 * 2. Curation (cleaning, filters, deduplication, the split), 3. Tokenization. Each step runs
 * in the data worker shortly after its inputs change; when all three are done the stage hands
 * the prepared data to the app (and null while anything is being recomputed).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CurationOptions } from '../../data/curate';
import { DEFAULT_CURATION } from '../../data/curate';
import { BPE_VOCAB_SIZE } from '../../tokenizer/registry';
import type { RequestOptions } from '../../worker/data-client';
import { isAborted } from '../../worker/data-client';
import type { DataSource } from '../../worker/data-protocol';
import { corpusFileName, fetchCorpusBytes } from './corpora';
import { OWN_DATA_ID } from './CorpusChooser';
import { CurationStep } from './CurationStep';
import type { Dataset } from './dataset';
import { nameOfFiles, readFiles } from './dataset';
import { SourceStep } from './SourceStep';
import type { CuratedData, PreparedStage } from './summary';
import { buildPrepared, checkContextFits } from './summary';
import type { TokenizerChoice } from './TokenizationStep';
import { TokenizationStep } from './TokenizationStep';
import { useCorpusList } from './useCorpusList';
import { useDataClient } from './useDataClient';
import { useWorkerTask } from './useWorkerTask';
import './data.css';
import { errorMessage } from '../../shared/errors';

export type { DataSummary, PreparedStage } from './summary';

/** Where the app is served from; the corpora are under it. */
const BASE_URL = import.meta.env.BASE_URL;

/** Share of the curated text held out for validation. */
const VAL_FRACTION = 0.1;

/** Quiet time after a change before curation or tokenization runs again. */
const DEBOUNCE_MS = 250;

/** Props of the data stage. */
export interface DataStageProps {
  /**
   * Receives the prepared data when curation, the split and the tokenizer are done, and null
   * while any of them is being recomputed or nothing can be trained on.
   */
  onPrepared: (prepared: PreparedStage | null) => void;
  /** The model's context length, to warn when a split is too short for it. */
  blockSize: number;
  /** The built-in corpus chosen at first (default: `pattern`). */
  initialCorpusId?: string;
}

/**
 * The data, curation and tokenization steps. Memoised: the page re-renders on every training update, and the stage's token view holds
 * thousands of elements; its props change only with the model's context length.
 */
export const DataStage = memo(function DataStage({
  onPrepared,
  blockSize,
  initialCorpusId = 'pattern',
}: DataStageProps) {
  const client = useDataClient();
  const list = useCorpusList(BASE_URL);
  const [selected, setSelected] = useState(initialCorpusId);
  const [own, setOwn] = useState<Dataset | null>(null);
  const [reading, setReading] = useState(false);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const [curation, setCuration] = useState<CurationOptions>(DEFAULT_CURATION);
  const [choice, setChoice] = useState<TokenizerChoice>({
    kind: 'char',
    vocabSize: BPE_VOCAB_SIZE.value,
  });
  const ownVersion = useRef(0);

  // 1. Data: the chosen built-in corpus is fetched and read in the worker.
  const corpus =
    list.status === 'loaded' ? (list.corpora.find((c) => c.id === selected) ?? null) : null;
  const corpusTask = useWorkerTask<Dataset>(
    corpus === null ? null : `corpus:${corpus.id}`,
    async (options: RequestOptions) => {
      if (corpus === null) throw new Error('No corpus is chosen.');
      const bytes = await fetchCorpusBytes(corpus, BASE_URL, options.signal);
      const parsed = await client.parse(
        [{ name: corpusFileName(corpus), content: bytes }],
        options,
      );
      const failure = parsed.sources.find((source) => !source.ok);
      if (failure !== undefined && !failure.ok) throw new Error(failure.error);
      return {
        key: `corpus:${corpus.id}`,
        name: corpus.name,
        documents: parsed.documents,
        characters: parsed.characters,
        sources: parsed.sources,
      };
    },
  );
  const dataset =
    selected === OWN_DATA_ID
      ? own
      : corpusTask.current.status === 'done'
        ? corpusTask.current.value
        : null;

  /**
   * Reads pasted text or files (named `name`, or after the files read); keeps the data already
   * loaded when nothing in them is usable.
   */
  const readOwn = useCallback(
    async (sources: DataSource[], earlierErrors: string[], name?: string): Promise<void> => {
      setReading(true);
      setMessages([]);
      try {
        const parsed = sources.length > 0 ? await client.parse(sources) : null;
        const errors = [
          ...earlierErrors,
          ...(parsed?.sources.flatMap((source) => (source.ok ? [] : [source.error])) ?? []),
        ];
        if (parsed === null || parsed.documents.length === 0) {
          setMessages(errors.length > 0 ? errors : ['No text was found.']);
          return;
        }
        ownVersion.current += 1;
        const readable = parsed.sources.flatMap((source) => (source.ok ? [source.name] : []));
        setOwn({
          key: `own:${ownVersion.current}`,
          name: name ?? nameOfFiles(readable),
          documents: parsed.documents,
          characters: parsed.characters,
          sources: parsed.sources,
        });
        setSelected(OWN_DATA_ID);
        setMessages(errors);
      } catch (error) {
        if (!isAborted(error)) setMessages([errorMessage(error)]);
      } finally {
        setReading(false);
      }
    },
    [client],
  );
  const onPaste = useCallback(
    (text: string) => void readOwn([{ name: 'Pasted text', content: text }], [], 'Pasted text'),
    [readOwn],
  );
  const onFiles = useCallback(
    (files: File[]) => {
      void readFiles(files).then(({ sources, errors }) => readOwn(sources, errors));
    },
    [readOwn],
  );

  // 2. Curation and the split.
  const curationKey = dataset === null ? null : `${dataset.key}|${JSON.stringify(curation)}`;
  const curated = useWorkerTask<CuratedData>(
    curationKey,
    async (options: RequestOptions) => {
      if (dataset === null) throw new Error('No data is loaded.');
      const summary = await client.curate(dataset.documents, curation, options);
      const split =
        summary.documents.length === 0
          ? null
          : await client.split(summary.documents, summary.groups, VAL_FRACTION, curation.seed, {
              ...(options.signal ? { signal: options.signal } : {}),
            });
      return { summary, split };
    },
    DEBOUNCE_MS,
  );
  const curatedNow = curated.current.status === 'done' ? curated.current.value : null;
  const split = curatedNow?.split ?? null;

  // 3. Tokenization of the split.
  const tokenKey =
    split === null
      ? null
      : `${curationKey ?? ''}|${choice.kind}|${choice.kind === 'bpe' ? choice.vocabSize : ''}`;
  const tokens = useWorkerTask(
    tokenKey,
    (options: RequestOptions) => {
      if (split === null) return Promise.reject(new Error('Nothing to tokenize.'));
      return client.buildTokenizer(
        choice.kind,
        choice.vocabSize,
        split.trainText,
        split.valText,
        options,
      );
    },
    DEBOUNCE_MS,
  );
  const tokensNow = tokens.current.status === 'done' ? tokens.current.value : null;

  const prepared = useMemo(
    () =>
      dataset !== null && curatedNow !== null && split !== null && tokensNow !== null
        ? buildPrepared(dataset.name, curatedNow.summary, split, tokensNow)
        : null,
    [dataset, curatedNow, split, tokensNow],
  );
  const onPreparedRef = useRef(onPrepared);
  useEffect(() => {
    onPreparedRef.current = onPrepared;
  });
  const sent = useRef<PreparedStage | null | undefined>(undefined);
  useEffect(() => {
    if (sent.current === prepared) return;
    sent.current = prepared;
    onPreparedRef.current(prepared);
  }, [prepared]);

  return (
    <section className="data-stage" aria-label="Data stage">
      <SourceStep
        list={list}
        selected={selected}
        onSelect={setSelected}
        own={own}
        corpusLoad={corpusTask.current}
        dataset={dataset}
        onPaste={onPaste}
        onFiles={onFiles}
        reading={reading}
        messages={messages}
        onDismissMessages={() => setMessages([])}
      />
      <CurationStep
        options={curation}
        onChange={setCuration}
        task={curated}
        hasData={dataset !== null}
      />
      <TokenizationStep
        choice={choice}
        onChange={setChoice}
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
    </section>
  );
});
