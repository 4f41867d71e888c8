/**
 * The prediction half of the UI–worker contract: what the page asks of the current model (the
 * next token, the candidates for a [MASK], the spans of a text found in the training data) and
 * what it answers. Re-exported by protocol.ts.
 */

/** A candidate token and its probability. */
export interface TokenProbability {
  id: number;
  text: string;
  probability: number;
}

/** Attention probabilities of one layer and head for the prompt, row = query position. */
export interface AttentionMap {
  layer: number;
  head: number;
  /** The prompt's tokens, as text. */
  tokens: string[];
  /** Row-major [tokens.length × tokens.length]. */
  weights: number[];
}

/** Ask for next-token probabilities and a sampled continuation (causal models). */
export interface NextTokenRequest {
  kind: 'next-token';
  prompt: string;
  /** How many candidates to return (e.g. 10). */
  topK: number;
  /** Sampling temperature for the continuation (> 0). */
  temperature: number;
  /** Sample only among the k most likely tokens (0 = all). */
  sampleTopK: number;
  /** Number of tokens to sample. */
  sampleLength: number;
  /** Which attention map to return. */
  attentionLayer: number;
  attentionHead: number;
}

/** Ask for the candidates of every [MASK] in a text (masked models). */
export interface FillInRequest {
  kind: 'fill-in';
  /** Text with one or more literal `[MASK]` tokens. */
  text: string;
  topK: number;
  attentionLayer: number;
  attentionHead: number;
}

/** Ask which spans of a text occur verbatim in the run's training data (memorisation). */
export interface MemorisationRequest {
  kind: 'memorisation';
  text: string;
}

/** A prediction request. */
export type PredictRequest = NextTokenRequest | FillInRequest | MemorisationRequest;

/** Next-token answer. */
export interface NextTokenResult {
  kind: 'next-token';
  /** The most likely next tokens, most likely first. */
  top: TokenProbability[];
  /** A continuation sampled with the request's temperature and top-k. */
  sample: string;
  attention: AttentionMap;
}

/** Fill-in answer: the candidates for each masked position, in text order. */
export interface FillInResult {
  kind: 'fill-in';
  masks: { position: number; top: TokenProbability[] }[];
  attention: AttentionMap;
}

/** Memorisation answer: the text as tokenized, and its spans found in the training data. */
export interface MemorisationResult {
  kind: 'memorisation';
  /** The text as its tokens spell it (unknown characters become [UNK]). */
  text: string;
  /** Character spans [start, end) of `text` that occur verbatim in the training data. */
  memorised: { start: number; end: number }[];
  /** Share of the text's tokens inside memorised spans. */
  memorisedFraction: number;
  /** Length of the verbatim n-grams looked up, in tokens. */
  ngramTokens: number;
}

/** A prediction answer. */
export type PredictResult = NextTokenResult | FillInResult | MemorisationResult;
