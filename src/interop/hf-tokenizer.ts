/**
 * Our tokenizers in Hugging Face's formats, with the same ids:
 * - `tokenizer.json` (the `tokenizers` library's format): characters as a WordLevel model after
 *   a one-code-point split; bytes and BPE as a byte-level BPE (GPT-2's byte-to-character map,
 *   GPT-2's pre-tokenisation regex for BPE, none for bytes, which have no merges);
 * - GPT-2's `vocab.json` + `merges.txt` for BPE;
 * - `tokenizer_config.json` and `special_tokens_map.json` naming [PAD], [MASK] and [UNK].
 * `readHfTokenizer` turns such a `tokenizer.json` back into our tokenizer when its ids follow
 * our layout (special tokens, then characters or bytes, then merges in rank order).
 */
import { BYTE_SYMBOLS } from '../tokenizer/bpe-train';
import { BpeTokenizer } from '../tokenizer/bpe';
import { ByteTokenizer } from '../tokenizer/byte';
import { CharTokenizer } from '../tokenizer/char';
import type { AnyTokenizer } from '../tokenizer/registry';
import { FIRST_REGULAR_ID, SPECIAL_TOKENS } from '../tokenizer/tokenizer';
import { InteropError } from './gpt2';

/** One code point, newline included. */
const ONE_CHARACTER = '[\\s\\S]';

let byteChars: string[] | null = null;

/** GPT-2's `bytes_to_unicode`: a printable character for every byte value. */
export function byteToUnicode(): string[] {
  if (byteChars) return byteChars;
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const chars = new Array<string>(256);
  for (const b of printable) chars[b] = String.fromCodePoint(b);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (chars[b] === undefined) chars[b] = String.fromCodePoint(256 + extra++);
  }
  byteChars = chars;
  return chars;
}

/** The text of every BPE symbol (bytes, then merges) in GPT-2's byte-character alphabet. */
function symbolStrings(merges: readonly (readonly [number, number])[]): string[] {
  const symbols = [...byteToUnicode()];
  for (const [left, right] of merges) symbols.push(`${symbols[left] ?? ''}${symbols[right] ?? ''}`);
  return symbols;
}

function addedTokens(): Record<string, unknown>[] {
  return SPECIAL_TOKENS.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

/** The vocabulary as GPT-2's `vocab.json` writes it: token text → id. */
function vocabularyOf(tokenizer: AnyTokenizer): Record<string, number> {
  const vocab: Record<string, number> = {};
  SPECIAL_TOKENS.forEach((token, id) => (vocab[token] = id));
  if (tokenizer instanceof CharTokenizer) {
    tokenizer.chars.forEach((c, i) => (vocab[c] = FIRST_REGULAR_ID + i));
    return vocab;
  }
  const merges = tokenizer instanceof BpeTokenizer ? tokenizer.merges : [];
  symbolStrings(merges).forEach((s, i) => (vocab[s] = FIRST_REGULAR_ID + i));
  return vocab;
}

function mergeLines(tokenizer: BpeTokenizer): string[] {
  const symbols = symbolStrings(tokenizer.merges);
  return tokenizer.merges.map(([l, r]) => `${symbols[l] ?? ''} ${symbols[r] ?? ''}`);
}

/** `tokenizer.json` in the Hugging Face `tokenizers` format. */
export function hfTokenizerJson(tokenizer: AnyTokenizer): Record<string, unknown> {
  const base = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(),
    normalizer: null,
    post_processor: null,
  };
  if (tokenizer instanceof CharTokenizer) {
    return {
      ...base,
      pre_tokenizer: {
        type: 'Split',
        pattern: { Regex: ONE_CHARACTER },
        behavior: 'Isolated',
        invert: false,
      },
      decoder: { type: 'Fuse' },
      model: { type: 'WordLevel', vocab: vocabularyOf(tokenizer), unk_token: '[UNK]' },
    };
  }
  const bpe = tokenizer instanceof BpeTokenizer;
  return {
    ...base,
    // GPT-2's pre-tokenisation regex (use_regex) for BPE; none for bytes, which have no merges.
    pre_tokenizer: {
      type: 'ByteLevel',
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: bpe,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: vocabularyOf(tokenizer),
      merges: bpe ? mergeLines(tokenizer) : [],
    },
  };
}

/** `tokenizer_config.json`: the special tokens and the context length. */
export function hfTokenizerConfig(blockSize: number): Record<string, unknown> {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: blockSize,
    pad_token: '[PAD]',
    mask_token: '[MASK]',
    unk_token: '[UNK]',
    clean_up_tokenization_spaces: false,
    added_tokens_decoder: Object.fromEntries(
      addedTokens().map(({ id, ...token }) => [String(id), token]),
    ),
  };
}

/** `special_tokens_map.json`. */
export function hfSpecialTokensMap(): Record<string, string> {
  return { pad_token: '[PAD]', mask_token: '[MASK]', unk_token: '[UNK]' };
}

/** GPT-2's `vocab.json` and `merges.txt`, for a BPE tokenizer. */
export function gpt2VocabFiles(tokenizer: BpeTokenizer): { vocab: string; merges: string } {
  return {
    vocab: JSON.stringify(vocabularyOf(tokenizer)),
    merges: ['#version: 0.2', ...mergeLines(tokenizer)].join('\n') + '\n',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The vocabulary's tokens in id order, checking the ids are 0…n−1 and the specials come first. */
function tokensById(vocab: unknown): string[] {
  if (!isRecord(vocab)) throw new InteropError('tokenizer.json has no vocabulary.');
  const tokens: string[] = [];
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= 1_000_000) {
      throw new InteropError(`tokenizer.json gives ${JSON.stringify(token)} an invalid id.`);
    }
    if (tokens[id] !== undefined) throw new InteropError(`tokenizer.json uses id ${id} twice.`);
    tokens[id] = token;
  }
  for (let id = 0; id < tokens.length; id++) {
    if (tokens[id] === undefined)
      throw new InteropError(`tokenizer.json has no token with id ${id}.`);
  }
  SPECIAL_TOKENS.forEach((special, id) => {
    if (tokens[id] !== special) {
      throw new InteropError(
        `tokenizer.json must give ids 0–2 to ${SPECIAL_TOKENS.join(', ')} (the playground's special tokens); id ${id} is ${JSON.stringify(tokens[id] ?? null)}.`,
      );
    }
  });
  return tokens;
}

function readBpe(model: Record<string, unknown>): AnyTokenizer {
  const tokens = tokensById(model.vocab);
  const bytes = byteToUnicode();
  bytes.forEach((c, b) => {
    if (tokens[FIRST_REGULAR_ID + b] !== c) {
      throw new InteropError(
        'tokenizer.json is a BPE whose first ids are not the 256 bytes in order; the playground cannot map its ids.',
      );
    }
  });
  const rawMerges = Array.isArray(model.merges) ? (model.merges as unknown[]) : [];
  if (rawMerges.length === 0 && tokens.length === FIRST_REGULAR_ID + BYTE_SYMBOLS) {
    return new ByteTokenizer();
  }
  const idOf = new Map(tokens.map((t, id) => [t, id - FIRST_REGULAR_ID]));
  const merges = rawMerges.map((merge, rank): [number, number] => {
    const [left, right] = typeof merge === 'string' ? merge.split(' ') : (merge as string[]);
    const l = idOf.get(left ?? '');
    const r = idOf.get(right ?? '');
    if (
      l === undefined ||
      r === undefined ||
      tokens[FIRST_REGULAR_ID + BYTE_SYMBOLS + rank] !== `${left}${right}`
    ) {
      throw new InteropError(
        `tokenizer.json: merge ${rank} (${JSON.stringify(merge)}) does not make token ${FIRST_REGULAR_ID + BYTE_SYMBOLS + rank}; the playground needs merges in id order.`,
      );
    }
    return [l, r];
  });
  if (tokens.length !== FIRST_REGULAR_ID + BYTE_SYMBOLS + merges.length) {
    throw new InteropError('tokenizer.json has tokens that no merge makes.');
  }
  try {
    return new BpeTokenizer(merges);
  } catch (error) {
    throw new InteropError(
      `tokenizer.json: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Our tokenizer from a Hugging Face `tokenizer.json` in the layout `hfTokenizerJson` writes
 * (a WordLevel over single characters, or a byte-level BPE); other layouts are refused in words.
 */
export function readHfTokenizer(value: unknown): AnyTokenizer {
  if (!isRecord(value) || !isRecord(value.model)) {
    throw new InteropError('tokenizer.json is not a Hugging Face tokenizer (no "model").');
  }
  const model = value.model;
  if (model.type === 'WordLevel') {
    const tokens = tokensById(model.vocab);
    const chars = tokens.slice(FIRST_REGULAR_ID);
    if (!chars.every((c) => [...c].length === 1)) {
      throw new InteropError(
        'tokenizer.json is a WordLevel model over words; the playground reads one over single characters only.',
      );
    }
    return new CharTokenizer(chars);
  }
  if (model.type === 'BPE') return readBpe(model);
  throw new InteropError(
    `tokenizer.json uses a ${JSON.stringify(model.type)} model; the playground reads WordLevel (characters) and byte-level BPE.`,
  );
}
