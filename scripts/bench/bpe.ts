/**
 * BPE measurements, in Node (no browser): training time of 1k/2k/4k vocabularies on 1 MB of
 * Moby-Dick, and characters per token of each tokenizer on the whole book.
 */
import { readFileSync } from 'node:fs';
import { buildTokenizer, TOKENIZER_KINDS } from '../../src/tokenizer/registry';

/** BPE training time for one vocabulary size. */
export interface BpeTraining {
  vocabSize: number;
  ms: number;
  ids: number;
}

/** A tokenizer's compression of the book. */
export interface TokenizerCompression {
  kind: string;
  vocabSize: number;
  tokens: number;
  charsPerToken: number;
}

/** Both measurements. */
export interface BpeResults {
  training: BpeTraining[];
  compression: TokenizerCompression[];
}

const VOCAB_SIZES = [1024, 2048, 4096];

/** Runs the BPE measurements on `textFile`; `log` gets one line per figure. */
export function measureBpe(
  textFile = 'public/corpora/moby-dick.txt',
  log: (line: string) => void = () => undefined,
): BpeResults {
  const text = readFileSync(textFile, 'utf8');
  const megabyte = text.slice(0, 1_000_000);
  const training: BpeTraining[] = [];
  for (const vocabSize of VOCAB_SIZES) {
    const started = performance.now();
    const tokenizer = buildTokenizer('bpe', megabyte, { vocabSize });
    const ms = Math.round(performance.now() - started);
    log(`bpe training on 1 MB: vocab ${vocabSize} in ${ms} ms (${tokenizer.vocabSize} ids)`);
    training.push({ vocabSize, ms, ids: tokenizer.vocabSize });
  }
  const compression: TokenizerCompression[] = [];
  const characters = [...text].length;
  for (const kind of TOKENIZER_KINDS) {
    for (const vocabSize of kind === 'bpe' ? VOCAB_SIZES : [undefined]) {
      const tokenizer = buildTokenizer(kind, text, { vocabSize });
      const tokens = tokenizer.encode(text).length;
      const charsPerToken = +(characters / tokens).toFixed(3);
      log(
        `${kind}${vocabSize ? ` ${vocabSize}` : ''} on Moby-Dick: ${charsPerToken} chars/token (${tokens} tokens, vocab ${tokenizer.vocabSize})`,
      );
      compression.push({ kind, vocabSize: tokenizer.vocabSize, tokens, charsPerToken });
    }
  }
  return { training, compression };
}
