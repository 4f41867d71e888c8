/**
 * The contract between the UI thread and the data worker (curation and tokenizer training).
 * Both directions are discriminated unions on `type`; every command is a request with a
 * `requestId`, answered by exactly one result or `error` event carrying the same id, with any
 * number of `progress` events before it.
 */
import type { CorpusSize, CurationOptions, DocumentFormat, RuleReport } from '../data/curate';
import type { TokenizerKind } from '../tokenizer/registry';
import type { SerializedTokenizer } from '../tokenizer/serialize';

/** A file (its bytes, transferred) or a pasted text to read into documents. */
export interface DataSource {
  /** The file name; its extension picks the format (`.jsonl`, `.csv`, …; anything else is text). */
  name: string;
  /** Bytes are checked for binary content and invalid UTF-8; text only for binary content. */
  content: ArrayBuffer | string;
}

/** What became of one source. */
export type SourceOutcome =
  | { name: string; ok: true; format: DocumentFormat; documents: number; note?: string }
  | { name: string; ok: false; error: string };

/** Documents read from several sources (the readable ones, in order), and each source's outcome. */
export interface ParsedDocuments {
  documents: string[];
  /** Characters (code points) in all documents. */
  characters: number;
  sources: SourceOutcome[];
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
  /** The documents kept, cleaned, in input order. */
  documents: string[];
  /** For each kept document, the id of its duplicate cluster (for the split). */
  groups: number[];
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
}

/** Training and validation text, split by document. */
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
  tokenizer: SerializedTokenizer;
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
}

/** A request, before the client gives it an id. */
export type DataRequest =
  /** Reads files or pasted text into documents (text: documents separated by blank lines). */
  | { type: 'parse'; sources: DataSource[] }
  /** Cleans, filters and deduplicates documents. */
  | { type: 'curate'; documents: string[]; options: CurationOptions }
  /** Splits documents into training and validation text, keeping each group on one side. */
  | { type: 'split'; documents: string[]; groups: number[]; valFraction: number; seed: number }
  /** Builds a tokenizer (BPE learns from `trainText`) and encodes both splits. */
  | {
      type: 'build-tokenizer';
      kind: TokenizerKind;
      vocabSize: number;
      trainText: string;
      valText: string;
    };

/** Commands from the UI to the data worker. */
export type DataCommand = DataRequest & { requestId: number };

/** Events from the data worker to the UI. */
export type DataEvent =
  /** How far a request is (0…1) and what it is doing; posted a few times a second at most. */
  | { type: 'progress'; requestId: number; fraction: number; stage: string }
  | { type: 'parsed'; requestId: number; result: ParsedDocuments }
  | { type: 'curated'; requestId: number; result: CurationSummary }
  | { type: 'split'; requestId: number; result: SplitResult }
  | { type: 'tokenizer-built'; requestId: number; result: TokenizerResult }
  | { type: 'error'; requestId: number; message: string };
