/**
 * Benchmarks scored by log-likelihood, the way HellaSwag-style tasks are: the model scores every
 * candidate in its context and the highest-scoring one is its answer. Scoring is a function
 * (`CandidateScorer`), so grading can be tested without a model; `createModelScorer` builds the
 * real one, which scores all items of all sets together in a few forward passes.
 */
import type { Objective } from '../../config/config';
import type { BenchmarkItem, BenchmarkResult, BenchmarkSet } from '../../data/benchmarks/types';
import { attentionFor } from '../loss';
import type { Predictor } from '../predict';
import type { ScoringOptions, ScoringRow } from './likelihood';
import {
  DEFAULT_SCORING,
  buildCausalRows,
  buildMaskedSpanRow,
  buildPseudoRows,
  scoreRows,
} from './likelihood';
import { answerCredit, argMax, chanceLevel, mean } from './metrics';

/** A model's scores for the candidates of one item. */
export interface CandidateScores {
  /** Log-likelihood of each candidate (nats). */
  scores: number[];
  /** Tokens scored for each candidate (for the length-normalised variant). */
  tokens: number[];
}

/** Scores the candidates of every item, in item order. */
export type CandidateScorer = (items: readonly BenchmarkItem[]) => Promise<CandidateScores[]>;

/** Grades one set from its candidates' scores (pure; `scored[i]` belongs to `set.items[i]`). */
export function gradeBenchmark(
  set: BenchmarkSet,
  scored: readonly CandidateScores[],
): BenchmarkResult {
  const items = set.items.map((item, i) => {
    const { scores, tokens } = scored[i] ?? { scores: [], tokens: [] };
    const normalisedScores = scores.map((s, k) => {
      const n = tokens[k] ?? 0;
      return n > 0 ? s / n : s;
    });
    const chosen = argMax(scores);
    return {
      item,
      scores,
      normalisedScores,
      chosen,
      correct: chosen === item.answer,
      credit: answerCredit(scores, item.answer),
      normalisedCredit: answerCredit(normalisedScores, item.answer),
    };
  });
  return {
    kind: set.kind,
    name: set.name,
    accuracy: mean(items.map((r) => r.credit)),
    normalisedAccuracy: mean(items.map((r) => r.normalisedCredit)),
    chance: mean(set.items.map((item) => chanceLevel(item.candidates.length))),
    items: items.map(({ normalisedCredit: _, ...result }) => result),
  };
}

/** Scores every set with one call to the scorer (so a model batches all items), then grades. */
export async function runBenchmarks(
  sets: readonly BenchmarkSet[],
  scorer: CandidateScorer,
): Promise<BenchmarkResult[]> {
  const all = sets.flatMap((set) => set.items);
  const scored = all.length > 0 ? await scorer(all) : [];
  let offset = 0;
  return sets.map((set) => {
    const mine = scored.slice(offset, offset + set.items.length);
    offset += set.items.length;
    return gradeBenchmark(set, mine);
  });
}

/**
 * The rows that score one candidate. Causal: the candidate and the text after it, given the text
 * before. Masked: the candidate's positions, masked together when every candidate of the item
 * has the same token length and fits the context (`spanOk`), else one at a time
 * (pseudo-log-likelihood).
 */
function candidateRows(
  predictor: Predictor,
  objective: Objective,
  encoded: { before: Int32Array; after: Int32Array; candidate: Int32Array },
  spanOk: boolean,
): ScoringRow[] {
  const { blockSize } = predictor.config;
  const { before, after, candidate } = encoded;
  if (objective === 'causal') {
    const continuation = new Int32Array(candidate.length + after.length);
    continuation.set(candidate);
    continuation.set(after, candidate.length);
    return buildCausalRows(before, continuation, blockSize);
  }
  return spanOk
    ? [buildMaskedSpanRow(before, candidate, after, blockSize)]
    : buildPseudoRows(before, candidate, after, blockSize);
}

/**
 * A scorer backed by a model: causal models score each candidate by its log-likelihood in
 * context (with the text after it, for cloze); masked models fill the candidate's positions.
 * Text is encoded piecewise (before, candidate, after), as evaluation harnesses do.
 */
export function createModelScorer(
  predictor: Predictor,
  objective: Objective,
  options: ScoringOptions = DEFAULT_SCORING,
): CandidateScorer {
  return async (items) => {
    const { tokenizer, params, config } = predictor;
    const perCandidate: ScoringRow[][] = [];
    for (const item of items) {
      const before = tokenizer.encode(item.before);
      const after = tokenizer.encode(item.after);
      const candidates = item.candidates.map((c) => tokenizer.encode(c));
      const length = candidates[0]?.length ?? 0;
      const spanOk =
        length <= predictor.config.blockSize && candidates.every((c) => c.length === length);
      for (const candidate of candidates) {
        perCandidate.push(
          candidateRows(predictor, objective, { before, after, candidate }, spanOk),
        );
      }
    }
    const attention = attentionFor(objective);
    const scores = await scoreRows(params, config, attention, perCandidate.flat(), options);
    let row = 0;
    let candidateIndex = 0;
    return items.map((item) => {
      const result: CandidateScores = { scores: [], tokens: [] };
      for (let k = 0; k < item.candidates.length; k++) {
        const rows = perCandidate[candidateIndex++] ?? [];
        let sum = 0;
        for (let i = 0; i < rows.length; i++) sum += scores[row++] ?? NaN;
        result.scores.push(sum);
        result.tokens.push(rows.reduce((n, r) => n + r.positions.length, 0));
      }
      return result;
    });
  };
}
