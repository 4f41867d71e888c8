/**
 * The contract between the UI thread and the data worker (curation and tokenizer training).
 * Both directions are discriminated unions on `type`; every command is a request with a
 * `requestId`, answered by exactly one result or `error` event carrying the same id, with any
 * number of `progress` events before it.
 */
import type { CorpusSize, CurationOptions, DocumentFormat, RuleReport } from '../../data/curate';
import type { ExtractedFormat } from '../../data/extract/types';
import type { TokenizerKind } from '../../tokenizer/registry';
import type { SerializedTokenizer } from '../../tokenizer/serialize';

/** A file (a `Blob`, read in the worker; or its bytes) or a pasted text to read into documents. */
export interface DataSource {
  /** The file name; its extension picks the format (`.jsonl`, `.csv`, …; anything else is text). */
  name: string;
  /** Bytes are checked for binary content and invalid UTF-8; text only for binary content. */
  content: Blob | ArrayBuffer | string;
}

/** Where a dataset comes from: a built-in corpus the worker fetches, or the learner's sources. */
export type DatasetOrigin =
  { kind: 'url'; url: string; fileName: string } | { kind: 'sources'; sources: DataSource[] };

/** What became of one source. */
export type SourceOutcome =
  | {
      name: string;
      ok: true;
      /** The file's size (a pasted text: its length). */
      bytes: number;
      format: DocumentFormat | ExtractedFormat;
      documents: number;
      /** Characters (code points) extracted. */
      characters: number;
      note?: string;
    }
  | { name: string; ok: false; bytes: number; error: string };

/** Documents read from several sources (the readable ones, in order), and each source's outcome. */
export interface ParsedDocuments {
  documents: string[];
  /** Characters (code points) in all documents. */
  characters: number;
  sources: SourceOutcome[];
}

/** A loaded dataset as the page sees it: counts, outcomes and the first documents (kept in the worker). */
export interface DatasetSummary {
  documents: number;
  /** Characters (code points) in all documents. */
  characters: number;
  sources: SourceOutcome[];
  /** The first documents, each cut to a preview length. */
  preview: string[];
}

/** One member of a duplicate cluster, as the report shows it. */
export interface ClusterMember {
  /** Index of the document in the input. */
  index: number;
  /** The start of the document as deduplication saw it (after cleaning). */
  snippet: string;
  /** Estimated Jaccard similarity with the kept member (1 for exact copies). */
  similarity: number;
}

/** A duplicate cluster, with a few of its members. */
export interface ClusterView {
  kind: 'exact' | 'near';
  /** Number of members, the kept one included. */
  size: number;
  /** The first few members; the first one is kept. */
  members: ClusterMember[];
}

/** The curation report as the UI needs it: counts, examples, a few clusters, and the kept documents. */
export interface CurationSummary {
  before: CorpusSize;
  after: CorpusSize;
  /** One entry per rule, in pipeline order, disabled rules included. */
  rules: RuleReport[];
  /** Documents dropped because cleaning left nothing in them. */
  emptyAfterCleaning: number;
  exactDuplicates: number;
  nearDuplicates: number;
  /** Number of clusters found (more than `clusters` holds when there are many). */
  clusterCount: number;
  /** The largest clusters, each with its first few members. */
  clusters: ClusterView[];
  /** Wall-clock time of the pipeline. */
  milliseconds: number;
  /** The train/validation split of the kept documents (null when none is left). */
  split: SplitSummary | null;
}

/** The split as the page sees it: sizes and mode, the text stays in the worker. */
export type SplitSummary = Omit<SplitResult, 'trainText' | 'valText'>;

/** Training and validation text, split by document (kept in the worker). */
export interface SplitResult {
  /** The training documents joined by blank lines. */
  trainText: string;
  /** The validation documents joined by blank lines. */
  valText: string;
  trainDocuments: number;
  valDocuments: number;
  /** Characters (code points) on each side. */
  trainCharacters: number;
  valCharacters: number;
  /**
   * `documents`: whole documents (and duplicate clusters) on each side; `characters`: a single
   * document, cut at a line break near the end.
   */
  mode: 'documents' | 'characters';
}

/** A token of the preview: its id and its text. */
export interface TokenPiece {
  id: number;
  text: string;
}

/** A learned BPE merge, for display. */
export interface MergeView {
  rank: number;
  id: number;
  left: string;
  right: string;
  text: string;
}

/** A tokenizer built on the training text, with what the tokenization step shows. */
export interface TokenizerResult {
  kind: TokenizerKind;
  /** Number of ids, special tokens included. */
  vocabSize: number;
  /** Characters (code points) per token on the training text. */
  charsPerToken: number;
  trainTokens: number;
  valTokens: number;
  /** The first merges learned (BPE; empty otherwise). */
  merges: MergeView[];
  /** The character alphabet (char; empty otherwise). */
  alphabet: string[];
  /** The start of the training text, tokenized. */
  preview: TokenPiece[];
  /** Time to build the tokenizer and encode both splits. */
  milliseconds: number;
  /** The start of the training text (default prompts for the predictions). */
  sampleText: string;
}

/** What a run trains on: the token ids of both splits and the tokenizer that made them. */
export interface PreparedTokens {
  train: Int32Array;
  val: Int32Array;
  tokenizer: SerializedTokenizer;
  /** Characters (code points) on each side, for bits per character. */
  trainCharacters: number;
  valCharacters: number;
}

/** Two corpora encoded by one tokenizer, for the data-mixture experiment. */
export interface MixtureTokens {
  a: { train: Int32Array; val: Int32Array };
  b: { train: Int32Array; val: Int32Array };
  tokenizer: SerializedTokenizer;
  vocabSize: number;
}

/**
 * A request, before the client gives it an id. Results stay in the worker under the request's
 * `key`; later requests name them (`datasetKey`, `curatedKey`, `tokensKey`). A request naming a
 * result the worker no longer holds (it was restarted) fails with `missing` set to that key, and
 * the client replays the request that made it.
 */
export type DataRequest =
  /** Reads a built-in corpus or the learner's files into documents (kept as `key`). */
  | { type: 'load'; key: string; origin: DatasetOrigin }
  /** Cleans, filters, deduplicates and splits a loaded dataset by document (kept as `key`). */
  | {
      type: 'curate';
      key: string;
      datasetKey: string;
      options: CurationOptions;
      valFraction: number;
    }
  /** Builds a tokenizer on the curated training text and encodes both splits (kept as `key`). */
  | { type: 'tokenize'; key: string; curatedKey: string; kind: TokenizerKind; vocabSize: number }
  /** A copy of the encoded splits, transferred: what a run trains on. */
  | { type: 'tokens'; tokensKey: string }
  /**
   * Reads two corpora, curates and splits each, builds one tokenizer on both training sides and
   * encodes the four splits (the mixture experiment; nothing is kept).
   */
  | {
      type: 'mixture';
      a: DatasetOrigin;
      b: DatasetOrigin;
      options: CurationOptions;
      valFraction: number;
      kind: TokenizerKind;
      vocabSize: number;
    };

/** Commands from the UI to the data worker. */
export type DataCommand = DataRequest & { requestId: number };

/** Events from the data worker to the UI. */
export type DataEvent =
  /** How far a request is (0…1) and what it is doing; posted a few times a second at most. */
  | { type: 'progress'; requestId: number; fraction: number; stage: string }
  | { type: 'loaded'; requestId: number; result: DatasetSummary }
  | { type: 'curated'; requestId: number; result: CurationSummary }
  | { type: 'tokenized'; requestId: number; result: TokenizerResult }
  | { type: 'tokens'; requestId: number; result: PreparedTokens }
  | { type: 'mixture-tokens'; requestId: number; result: MixtureTokens }
  /** `missing`: the key of a result the request needs that the worker does not hold. */
  | { type: 'error'; requestId: number; message: string; missing?: string };
