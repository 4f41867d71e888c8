/**
 * From text files to token splits for `npm run train`: documents (blank-line separated),
 * optional curation, a split by document (or nanoGPT's 90/10 cut of one file), and the
 * tokenizer, with the numbers the --json data line reports.
 */
import type { TokenSplit } from '../data/batcher';
import { splitTokens } from '../data/batcher';
import type { CurationReport } from '../data/curate';
import {
  countCodePoints,
  curate,
  DEFAULT_CURATION,
  DOCUMENT_SEPARATOR,
  splitDocuments,
  splitOnBlankLines,
  VAL_FRACTION,
} from '../data/curate';
import { codePointsOf } from '../engine/evaluate/metrics';
// Curation's boilerplate rule reads saved web pages with it (Node has no bundle to keep small).
import '../data/extract/web-page';
import type { AnyTokenizer, TokenizerKind } from '../tokenizer/registry';
import { buildTokenizer } from '../tokenizer/registry';
import type { TrainOptions } from './args';

/** One line of JSON describing the data a run trains on. */
export interface DataDescription {
  documentsBefore: number;
  documentsAfter: number;
  exactDuplicates: number;
  nearDuplicates: number;
  tokenizer: TokenizerKind;
  /** Number of ids, special tokens included. */
  vocabSize: number;
  charsPerToken: number;
  trainTokens: number;
  valTokens: number;
}

/** Token splits ready for a training session, and how they were made. */
export interface PreparedData {
  tokenizer: AnyTokenizer;
  split: TokenSplit;
  description: DataDescription;
  /** Characters (code points) of the validation split's text, for bits per character. */
  valChars: number;
  /** The curation report, when --curate was given. */
  curation: CurationReport | null;
}

/** A text file's name and content. */
export interface SourceText {
  file: string;
  text: string;
}

/**
 * Prepares the data. With one file and no curation the text is cut 90/10 by tokens, as
 * before; otherwise it is split by document (duplicate clusters kept on one side).
 * Throws an Error with a one-line reason when nothing is left to train on.
 */
export function prepareData(sources: readonly SourceText[], options: TrainOptions): PreparedData {
  const documents = sources.flatMap((source) => splitOnBlankLines(source.text));
  const build = (trainText: string, allText: string): AnyTokenizer =>
    // The char alphabet comes from all the text (no [UNK] in validation); BPE learns only
    // from the training side.
    buildTokenizer(options.tokenizer, options.tokenizer === 'char' ? allText : trainText, {
      vocabSize: options.vocabSize,
    });
  const [single] = sources;
  if (!options.curate && sources.length === 1 && single) {
    const trainText = single.text.slice(0, Math.floor(single.text.length * (1 - VAL_FRACTION)));
    const tokenizer = build(trainText, single.text);
    const split = splitTokens(tokenizer.encode(single.text), 1 - VAL_FRACTION);
    const valChars = codePointsOf(tokenizer, split.val);
    const totalChars = countCodePoints(single.text);
    return finish(tokenizer, split, valChars, totalChars, documents.length, documents.length, null);
  }

  const curation = options.curate ? curate(documents, DEFAULT_CURATION) : null;
  const kept = curation ? curation.documents : documents;
  if (kept.length < 2) {
    const what = curation ? 'curation kept' : 'the files hold';
    throw new Error(
      `${what} ${kept.length} document(s); a split by document needs at least 2 (separate documents with a blank line).`,
    );
  }
  const byDocument = splitDocuments(
    kept,
    VAL_FRACTION,
    options.config.training.seed,
    curation?.groups,
  );
  const trainText = byDocument.train.join(DOCUMENT_SEPARATOR);
  const valText = byDocument.val.join(DOCUMENT_SEPARATOR);
  const tokenizer = build(trainText, `${trainText}${DOCUMENT_SEPARATOR}${valText}`);
  const split = { train: tokenizer.encode(trainText), val: tokenizer.encode(valText) };
  const valChars = codePointsOf(tokenizer, split.val);
  const totalChars = countCodePoints(trainText) + valChars;
  return finish(tokenizer, split, valChars, totalChars, documents.length, kept.length, curation);
}

function finish(
  tokenizer: AnyTokenizer,
  split: TokenSplit,
  valChars: number,
  totalChars: number,
  documentsBefore: number,
  documentsAfter: number,
  curation: CurationReport | null,
): PreparedData {
  const tokens = split.train.length + split.val.length;
  return {
    tokenizer,
    split,
    valChars,
    curation,
    description: {
      documentsBefore,
      documentsAfter,
      exactDuplicates: curation?.exactDuplicates ?? 0,
      nearDuplicates: curation?.nearDuplicates ?? 0,
      tokenizer: tokenizer.kind,
      vocabSize: tokenizer.vocabSize,
      charsPerToken: tokens === 0 ? 0 : +(totalChars / tokens).toFixed(4),
      trainTokens: split.train.length,
      valTokens: split.val.length,
    },
  };
}
