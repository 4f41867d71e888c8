/**
 * The data steps' state and commands — Data, Curate, Tokenize — as one pipeline: the corpus
 * chosen (the only place one is chosen), the curation rules, the tokenizer. Each stage runs in
 * the data worker shortly after its inputs change and keeps its result there; the page holds
 * summaries and the key of the tokens a run would train on (`preparedKey`).
 */
import type { Bridge } from '../bridge/bridge';
import type { CurationOptions } from '../data/curate';
import { VAL_FRACTION } from '../data/curate';
import type { TokenizerKind } from '../tokenizer/registry';
import type { CurationSummary, DataSource, TokenizerResult } from '../worker/data/protocol';
import { corpusFileName, fetchCorpusIndex, type CorpusInfo } from '../ui/data/corpora';
import { nameOfFiles, readFiles, type Dataset } from '../ui/data/dataset';
import { errorMessage } from '../shared/errors';
import { StageTask, type TaskState } from './task';

/** The id of the learner's own data among the corpus choices. */
export const OWN_DATA_ID = 'own';

/** The corpus chosen first: small, quick to curate, and kept by the default filters. */
export const DEFAULT_CORPUS_ID = 'names';

/** Quiet time after a change before curation or tokenization runs again. */
const DEBOUNCE_MS = 250;

/** The tokenizer the learner asked for. */
export interface TokenizerChoice {
  kind: TokenizerKind;
  /** BPE's vocabulary size (regular tokens; special tokens come on top). */
  vocabSize: number;
}

/** The corpus list as it loads. */
export type CorpusList =
  | { status: 'loading' }
  | { status: 'loaded'; corpora: CorpusInfo[] }
  | { status: 'failed'; message: string };

/** Curation's result, with the split it made. */
export interface CuratedData {
  summary: CurationSummary;
  split: CurationSummary['split'];
}

/** Everything the data steps show. */
export interface PipelineState {
  list: CorpusList;
  /** A built-in corpus id, or `OWN_DATA_ID`. */
  selected: string;
  /** The learner's data, once some was loaded. */
  own: Dataset | null;
  /** Reading pasted text or files. */
  reading: boolean;
  /** How far reading the learner's files is, and the file in progress (null: not reading). */
  readProgress: { fraction: number; stage: string } | null;
  /** Why the last paste or upload was (partly) refused. */
  messages: readonly string[];
  /** Loading the chosen built-in corpus. */
  corpus: TaskState<Dataset>;
  /** The data in use, or null while none is loaded. */
  dataset: Dataset | null;
  curation: CurationOptions;
  curated: TaskState<CuratedData>;
  tokenizer: TokenizerChoice;
  tokens: TaskState<TokenizerResult>;
  /** Names the tokens a run would train on now (null while any stage is not done). */
  preparedKey: string | null;
  /** The keys each stage is asked for by the current choices, done or not (null: no data). */
  wanted: { datasetKey: string; curatedKey: string; tokensKey: string } | null;
}

/** The key of curated data: the dataset, the rules and the split. */
function curatedKeyOf(datasetKey: string, curation: CurationOptions): string {
  return `${datasetKey}|${JSON.stringify(curation)}|${VAL_FRACTION}`;
}

/** The key of tokens: curated data and the tokenizer. */
function tokensKeyOf(curatedKey: string, tokenizer: TokenizerChoice): string {
  return `${curatedKey}|${tokenizer.kind}|${tokenizer.kind === 'bpe' ? tokenizer.vocabSize : ''}`;
}

/** The data pipeline of the page. */
export class PipelineStore {
  private state: PipelineState;
  private readonly corpusTask: StageTask<Dataset>;
  private readonly curateTask: StageTask<CuratedData>;
  private readonly tokenizeTask: StageTask<TokenizerResult>;
  private ownVersion = 0;
  /** What the learner's data was read from (kept for a set-up file). */
  private ownSources: { sources: DataSource[] } = { sources: [] };
  private syncing = false;
  private again = false;

  /** `baseUrl` is where the app is served from (corpora live under it); `onChange` notifies. */
  constructor(
    private readonly bridge: Bridge,
    private readonly baseUrl: string,
    private readonly onChange: () => void,
    initial: Pick<PipelineState, 'curation' | 'tokenizer'> & { corpus: string },
  ) {
    const sync = (): void => this.sync();
    this.corpusTask = new StageTask(sync);
    this.curateTask = new StageTask(sync, DEBOUNCE_MS);
    this.tokenizeTask = new StageTask(sync, DEBOUNCE_MS);
    this.state = {
      list: { status: 'loading' },
      selected: initial.corpus,
      own: null,
      reading: false,
      readProgress: null,
      messages: [],
      corpus: this.corpusTask.state,
      dataset: null,
      curation: initial.curation,
      curated: this.curateTask.state,
      tokenizer: initial.tokenizer,
      tokens: this.tokenizeTask.state,
      preparedKey: null,
      wanted: null,
    };
  }

  /** Returns the current state (stable between changes). */
  readonly getSnapshot = (): PipelineState => this.state;

  /** Fetches the corpus list and starts the pipeline on the chosen corpus. */
  async init(): Promise<void> {
    try {
      const corpora = await fetchCorpusIndex(this.baseUrl);
      const { selected } = this.state;
      const has = (id: string): boolean => corpora.some((c) => c.id === id);
      const fallback = has(DEFAULT_CORPUS_ID) ? DEFAULT_CORPUS_ID : (corpora[0]?.id ?? OWN_DATA_ID);
      const known = has(selected) || selected === OWN_DATA_ID;
      this.patch({
        list: { status: 'loaded', corpora },
        selected: known ? selected : fallback,
        messages: known
          ? this.state.messages
          : [
              `There is no built-in corpus “${selected}”: ${corpora.find((c) => c.id === fallback)?.name ?? 'your own data'} is open instead.`,
            ],
      });
    } catch (error) {
      this.patch({
        list: {
          status: 'failed',
          message: `Could not load the list of built-in corpora (${errorMessage(error)}). You can still paste or upload text.`,
        },
        selected: OWN_DATA_ID,
      });
    }
  }

  /** Chooses a built-in corpus (or the learner's data, `OWN_DATA_ID`). */
  select(id: string): void {
    this.patch({ selected: id });
  }

  setCuration(curation: CurationOptions): void {
    this.patch({ curation });
  }

  setTokenizer(tokenizer: TokenizerChoice): void {
    this.patch({ tokenizer });
  }

  dismissMessages(): void {
    this.patch({ messages: [] });
  }

  /** Reads pasted text (documents separated by blank lines). */
  paste(text: string): Promise<void> {
    return this.readOwn([{ name: 'Pasted text', content: text }], [], 'Pasted text');
  }

  /** Reads files (each file one document at least); files too large are refused in words. */
  upload(files: File[]): Promise<void> {
    const { sources, errors } = readFiles(files);
    return this.readOwn(sources, errors);
  }

  /** The learner's data as texts with their names and the dataset's name (none: null). */
  async ownTexts(): Promise<{ name: string; sources: { name: string; content: string }[] } | null> {
    const { own } = this.state;
    if (own === null) return null;
    const sources = await Promise.all(
      this.ownSources.sources.map(async (source) => ({
        name: source.name,
        content:
          typeof source.content === 'string'
            ? source.content
            : source.content instanceof ArrayBuffer
              ? new TextDecoder().decode(source.content)
              : await source.content.text(),
      })),
    );
    return { name: own.name, sources };
  }

  /** Reads texts from a set-up file as the learner's data. */
  loadOwnTexts(name: string, sources: { name: string; content: string }[]): Promise<void> {
    return this.readOwn(sources, [], name);
  }

  /**
   * Reads the learner's sources in the data worker; keeps the data already loaded when nothing
   * in them is usable.
   */
  private async readOwn(sources: DataSource[], earlier: string[], name?: string): Promise<void> {
    this.patch({ reading: true, readProgress: { fraction: 0, stage: 'Reading' }, messages: [] });
    const key = `own:${++this.ownVersion}`;
    try {
      const summary =
        sources.length > 0
          ? await this.bridge.loadDataset(
              key,
              { kind: 'sources', sources },
              {
                onProgress: (fraction, stage) => this.patch({ readProgress: { fraction, stage } }),
              },
            )
          : null;
      const errors = [
        ...earlier,
        ...(summary?.sources.flatMap((source) => (source.ok ? [] : [source.error])) ?? []),
      ];
      if (summary === null || summary.documents === 0) {
        this.patch({ messages: errors.length > 0 ? errors : ['No text was found.'] });
        return;
      }
      const readable = summary.sources.flatMap((source) => (source.ok ? [source.name] : []));
      const own = { ...summary, key, name: name ?? nameOfFiles(readable) };
      // An archive stays when any file in it was read (its files are named `archive.zip/path`).
      const kept = (name: string): boolean =>
        readable.some((read) => read === name || read.startsWith(`${name}/`));
      this.ownSources = { sources: sources.filter((source) => kept(source.name)) };
      this.patch({ own, selected: OWN_DATA_ID, messages: errors });
    } catch (error) {
      this.patch({ messages: [errorMessage(error)] });
    } finally {
      this.patch({ reading: false, readProgress: null });
    }
  }

  private chosenCorpus(): CorpusInfo | null {
    const { list, selected } = this.state;
    return list.status === 'loaded' ? (list.corpora.find((c) => c.id === selected) ?? null) : null;
  }

  /**
   * Starts whatever stage's inputs changed, then publishes the state. A task reports its change
   * at once, from inside `want`: such nested calls only ask for one more pass.
   */
  private sync(): void {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.again = false;
        this.syncOnce();
      } while (this.again);
    } finally {
      this.syncing = false;
    }
    this.onChange();
  }

  private syncOnce(): void {
    const { curation, tokenizer } = this.state;
    const corpus = this.chosenCorpus();
    this.corpusTask.want(corpus === null ? null : `corpus:${corpus.id}`, async (options) => {
      if (corpus === null) throw new Error('No corpus is chosen.');
      const key = `corpus:${corpus.id}`;
      const url = new URL(`${this.baseUrl}${corpus.url}`, location.href).href;
      const origin = { kind: 'url', url, fileName: corpusFileName(corpus) } as const;
      const summary = await this.bridge.loadDataset(key, origin, options);
      const failure = summary.sources.find((source) => !source.ok);
      if (failure !== undefined && !failure.ok) throw new Error(failure.error);
      return { ...summary, key, name: corpus.name };
    });
    const dataset =
      this.state.selected === OWN_DATA_ID
        ? this.state.own
        : this.corpusTask.doneKey !== null && this.corpusTask.state.current.status === 'done'
          ? this.corpusTask.state.current.value
          : null;

    const curatedKey = dataset === null ? null : curatedKeyOf(dataset.key, curation);
    this.curateTask.want(curatedKey, async (options) => {
      if (dataset === null || curatedKey === null) throw new Error('No data is loaded.');
      const summary = await this.bridge.curate(
        curatedKey,
        dataset.key,
        curation,
        VAL_FRACTION,
        options,
      );
      return { summary, split: summary.split };
    });
    const curated = this.curateTask.state.current;
    const split = curated.status === 'done' ? curated.value.split : null;

    const fromKey = this.curateTask.doneKey;
    const tokensKey = split === null || fromKey === null ? null : tokensKeyOf(fromKey, tokenizer);
    this.tokenizeTask.want(tokensKey, (options) => {
      if (tokensKey === null || fromKey === null) throw new Error('Nothing to tokenize.');
      return this.bridge.tokenize(tokensKey, fromKey, tokenizer.kind, tokenizer.vocabSize, options);
    });

    this.state = {
      ...this.state,
      corpus: this.corpusTask.state,
      dataset,
      curated: this.curateTask.state,
      tokens: this.tokenizeTask.state,
      preparedKey: this.tokenizeTask.doneKey,
      wanted: this.wantedKeys(corpus),
    };
  }

  private wantedKeys(corpus: CorpusInfo | null): PipelineState['wanted'] {
    const { selected, own, curation, tokenizer } = this.state;
    const datasetKey =
      selected === OWN_DATA_ID
        ? (own?.key ?? null)
        : corpus === null
          ? null
          : `corpus:${corpus.id}`;
    if (datasetKey === null) return null;
    const curatedKey = curatedKeyOf(datasetKey, curation);
    return { datasetKey, curatedKey, tokensKey: tokensKeyOf(curatedKey, tokenizer) };
  }

  private patch(change: Partial<PipelineState>): void {
    this.state = { ...this.state, ...change };
    this.sync();
  }
}
