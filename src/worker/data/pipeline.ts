/**
 * The data worker's pipeline state: each stage's latest results, kept under the key the page
 * gave them, so that documents, curated text and tokens are made once, stay in the worker, and
 * cross to the page only as summaries — and, for training, as one transferred copy of the ids.
 */
import type { CurationOptions } from '../../data/curate';
import { describeRule } from '../../data/curate';
import { hasWebPageReader, looksLikeWebPage } from '../../data/curate/boilerplate';
import { loadWebPageReader, withWebPageReader } from '../../data/extract/extract';
import { DOCUMENT_SEPARATOR } from '../../data/curate';
import type { TokenizerKind } from '../../tokenizer/registry';
import { buildTokenizer, serializeTokenizer } from '../../tokenizer/registry';
import { curateForDisplay } from './curation';
import { parseSources, readSource } from './parse';
import type {
  CurationSummary,
  DatasetOrigin,
  DatasetSummary,
  MixtureTokens,
  PreparedTokens,
  SplitResult,
  TokenizerResult,
} from './protocol';
import { splitForTraining } from './split';
import { buildTokenizerForDisplay, type BuiltTokens } from './tokenize';

/** Documents listed in a dataset's preview, and characters kept of each. */
export const PREVIEW_DOCUMENTS = 200;
export const PREVIEW_DOCUMENT_CHARACTERS = 4000;

/** Results kept per stage (the current one and the one before, for quick switching back). */
const KEPT_PER_STAGE = 2;

/** A request names a result the worker does not hold (the worker was restarted since). */
export class MissingResultError extends Error {
  constructor(readonly key: string) {
    super(`The data worker no longer holds '${key}'.`);
  }
}

/** Receives the fraction done (0…1) and what is being done. */
type Progress = (fraction: number, stage: string) => void;

/** The latest results of one stage, by key, oldest dropped first. */
class StageResults<T> {
  private readonly entries = new Map<string, T>();

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > KEPT_PER_STAGE) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): T {
    const value = this.entries.get(key);
    if (value === undefined) throw new MissingResultError(key);
    return value;
  }
}

/** Curated documents, split: the text the tokenizer learns from and encodes. */
interface CuratedSplit {
  split: SplitResult | null;
}

/** The pipeline of one data worker. */
export class DataPipeline {
  private readonly datasets = new StageResults<string[]>();
  private readonly curated = new StageResults<CuratedSplit>();
  private readonly tokens = new StageResults<BuiltTokens>();

  /** Fetches or reads a dataset into documents. */
  async load(key: string, origin: DatasetOrigin, onProgress?: Progress): Promise<DatasetSummary> {
    onProgress?.(0, origin.kind === 'url' ? 'Downloading' : 'Reading the files');
    const sources =
      origin.kind === 'url'
        ? [{ name: origin.fileName, content: await fetchBytes(origin.url) }]
        : await Promise.all(origin.sources.map(readSource));
    const parsed = await parseSources(sources, (fraction, stage) =>
      onProgress?.(origin.kind === 'url' ? 0.5 + fraction / 2 : fraction, stage),
    );
    if (parsed.documents.length > 0) this.datasets.set(key, parsed.documents);
    return {
      documents: parsed.documents.length,
      characters: parsed.characters,
      sources: parsed.sources,
      preview: parsed.documents
        .slice(0, PREVIEW_DOCUMENTS)
        .map((d) => d.slice(0, PREVIEW_DOCUMENT_CHARACTERS)),
    };
  }

  /** Curates a loaded dataset and splits what is kept by document. */
  async curate(
    key: string,
    datasetKey: string,
    options: CurationOptions,
    valFraction: number,
    onProgress?: Progress,
  ): Promise<CurationSummary> {
    const documents = this.datasets.get(datasetKey);
    const { summary, kept, groups } = await curateDocuments(documents, options, (fraction, stage) =>
      onProgress?.(fraction, stage === 'done' ? 'Done' : describeRule(stage).label),
    );
    const split =
      kept.length === 0 ? null : splitForTraining(kept, groups, valFraction, options.seed);
    this.curated.set(key, { split });
    if (split === null) return { ...summary, split: null };
    const { trainText: _train, valText: _val, ...sizes } = split;
    return { ...summary, split: sizes };
  }

  /** Builds a tokenizer on curated training text and encodes both splits. */
  tokenize(
    key: string,
    curatedKey: string,
    kind: TokenizerKind,
    vocabSize: number,
    onProgress?: Progress,
  ): TokenizerResult {
    const { split } = this.curated.get(curatedKey);
    if (split === null)
      throw new Error('Curation kept no documents: there is nothing to tokenize.');
    const built = buildTokenizerForDisplay(
      kind,
      vocabSize,
      split.trainText,
      split.valText,
      onProgress,
    );
    this.tokens.set(key, {
      ...built.tokens,
      trainCharacters: split.trainCharacters,
      valCharacters: split.valCharacters,
    });
    return built.result;
  }

  /**
   * Two corpora for the mixture experiment: each read, curated with `options` and split; one
   * tokenizer of `kind` built on both training sides (the char alphabet from all four texts),
   * so a model trained on any mixture reads both.
   */
  async mixture(
    origins: readonly [DatasetOrigin, DatasetOrigin],
    options: CurationOptions,
    valFraction: number,
    kind: TokenizerKind,
    vocabSize: number,
    onProgress?: Progress,
  ): Promise<MixtureTokens> {
    const splits: SplitResult[] = [];
    for (const [i, origin] of origins.entries()) {
      onProgress?.(i * 0.3, `Reading corpus ${i === 0 ? 'A' : 'B'}`);
      const sources =
        origin.kind === 'url'
          ? [{ name: origin.fileName, content: await fetchBytes(origin.url) }]
          : await Promise.all(origin.sources.map(readSource));
      const parsed = await parseSources(sources);
      const name = origin.kind === 'url' ? origin.fileName : 'your data';
      if (parsed.documents.length === 0) throw new Error(`${name} holds no readable text.`);
      const { kept, groups } = await curateDocuments(parsed.documents, options);
      if (kept.length === 0) throw new Error(`Curation kept no documents of ${name}.`);
      splits.push(splitForTraining(kept, groups, valFraction, options.seed));
    }
    const [a, b] = splits as [SplitResult, SplitResult];
    onProgress?.(0.6, kind === 'bpe' ? 'Learning merges' : 'Building the vocabulary');
    const trainText = `${a.trainText}${DOCUMENT_SEPARATOR}${b.trainText}`;
    const tokenizer = buildTokenizer(
      kind,
      kind === 'char' ? [trainText, a.valText, b.valText].join(DOCUMENT_SEPARATOR) : trainText,
      { vocabSize },
    );
    onProgress?.(0.9, 'Encoding the text');
    const encode = (split: SplitResult) => ({
      train: tokenizer.encode(split.trainText),
      val: tokenizer.encode(split.valText),
    });
    return {
      a: encode(a),
      b: encode(b),
      tokenizer: serializeTokenizer(tokenizer),
      vocabSize: tokenizer.vocabSize,
    };
  }

  /** A copy of the encoded splits (the caller transfers it). */
  preparedTokens(tokensKey: string): PreparedTokens {
    const built = this.tokens.get(tokensKey);
    return { ...built, train: built.train.slice(), val: built.val.slice() };
  }
}

/**
 * Curates documents, with the reader of web pages' main content loaded first when one of them
 * is a web page, or on demand when a page appears only after an earlier rule.
 */
async function curateDocuments(
  documents: readonly string[],
  options: CurationOptions,
  onProgress?: Parameters<typeof curateForDisplay>[2],
): Promise<ReturnType<typeof curateForDisplay>> {
  const wanted = options.rules.webBoilerplate.enabled && !hasWebPageReader();
  if (wanted && documents.some(looksLikeWebPage)) await loadWebPageReader();
  return withWebPageReader(() => curateForDisplay(documents, options, onProgress));
}

/** Fetches a built-in corpus's bytes. */
async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url} (HTTP ${response.status}).`);
  return response.arrayBuffer();
}
