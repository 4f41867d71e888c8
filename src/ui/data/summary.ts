/**
 * What the data stage hands to the rest of the app: the prepared data the trainer takes, the
 * text it came from, and a summary of how it was made (the same numbers the CLI prints).
 */
import type { TokenizerKind } from '../../tokenizer/registry';
import type { PreparedData } from '../../worker/protocol';
import type { CurationSummary, SplitResult, TokenizerResult } from '../../worker/data-protocol';

/** How the data a run trains on was made. */
export interface DataSummary {
  /** The corpus, e.g. "Moby-Dick" or "2 files". */
  corpusName: string;
  documentsBefore: number;
  documentsAfter: number;
  exactDuplicates: number;
  nearDuplicates: number;
  tokenizer: TokenizerKind;
  /** Number of ids, special tokens included. */
  vocabSize: number;
  /** Characters per token on the training text. */
  charsPerToken: number;
  trainTokens: number;
  valTokens: number;
}

/** The data stage's output. */
export interface PreparedStage {
  /** The curated text (training then validation), for anything that wants plain text. */
  text: string;
  /** What the trainer's `configure` command takes. */
  data: PreparedData;
  summary: DataSummary;
}

/** Puts the stage's results together. */
export function buildPrepared(
  corpusName: string,
  curation: CurationSummary,
  split: SplitResult,
  tokens: TokenizerResult,
): PreparedStage {
  const separator = split.mode === 'documents' && split.valText !== '' ? '\n\n' : '';
  return {
    text: `${split.trainText}${separator}${split.valText}`,
    data: { trainText: split.trainText, valText: split.valText, tokenizer: tokens.tokenizer },
    summary: {
      corpusName,
      documentsBefore: curation.before.documents,
      documentsAfter: curation.after.documents,
      exactDuplicates: curation.exactDuplicates,
      nearDuplicates: curation.nearDuplicates,
      tokenizer: tokens.kind,
      vocabSize: tokens.vocabSize,
      charsPerToken: tokens.charsPerToken,
      trainTokens: tokens.trainTokens,
      valTokens: tokens.valTokens,
    },
  };
}

/** Why the splits are too short for the context length (as the trainer would say), or null. */
export function checkContextFits(tokens: TokenizerResult, blockSize: number): string | null {
  const need = blockSize + 1;
  if (tokens.trainTokens < need) {
    return `The training split has ${tokens.trainTokens} tokens; a context length of ${blockSize} needs at least ${need}. Use more text or a shorter context.`;
  }
  if (tokens.valTokens < need) {
    return `The validation split has ${tokens.valTokens} tokens; a context length of ${blockSize} needs at least ${need}. Use more text or a shorter context.`;
  }
  return null;
}

/** Curation's result and the split made from it (null when no document is left). */
export interface CuratedData {
  summary: CurationSummary;
  split: SplitResult | null;
}
