/**
 * What a run measures at each evaluation, beyond the loss: perplexity and bits per character,
 * top-1/top-5 accuracy, the benchmark sets (multiple choice and cloze, generated once from the
 * held-out text), and at fixed checkpoints a text sample (same prompt, same seed) with the spans
 * it copied verbatim from the training data.
 */
import type { Objective } from '../config/config';
import type { TokenSplit } from '../data/batcher';
import { generateBenchmarkSets } from '../data/benchmarks/sets';
import type { BenchmarkResult, BenchmarkSet } from '../data/benchmarks/types';
import type { NgramIndex, Span } from '../data/memorisation';
import {
  buildNgramIndex,
  findMemorisedSpans,
  ngramLengthFor,
  toCharSpans,
} from '../data/memorisation';
import { createRng, deriveSeed } from '../shared/rng';
import { createModelScorer, runBenchmarks } from './evaluate/benchmarks';
import { bitsPerChar, codePointsOf, perplexity } from './evaluate/metrics';
import type { Predictor } from './predict';
import { generateText } from './predict';
import type { GptParams } from './model/params';
import type { Evaluation } from './session';

/** One evaluation, fully measured. */
export interface EvaluationReport extends Evaluation {
  valPerplexity: number;
  /** Validation loss in bits per character of text (comparable across tokenizers); null for masked runs. */
  valBitsPerChar: number | null;
  benchmarks: BenchmarkResult[];
}

/** A sample generated at a checkpoint, with what it copied from the training data. */
export interface SampleReport {
  step: number;
  prompt: string;
  text: string;
  /** Character spans of `text` that occur verbatim in the training data. */
  memorised: Span[];
  /** Share of the generated tokens inside memorised spans. */
  memorisedFraction: number;
}

/** Length of the checkpoint samples, in tokens. */
const SAMPLE_TOKENS = 120;

/** Measures a run at its evaluations. */
export class RunEvaluator {
  private readonly benchmarkSets: BenchmarkSet[];
  /** Code points of the validation text: the characters of bits per character. */
  private readonly valChars: number;
  private readonly prompt: string;
  private ngrams: NgramIndex | null = null;

  /** Prepares the benchmark items and the sample prompt from the run's held-out text. */
  constructor(
    private readonly predictor: Predictor,
    private readonly objective: Objective,
    private readonly data: TokenSplit,
    private readonly seed: number,
  ) {
    const valText = predictor.tokenizer.decode(data.val);
    this.valChars = codePointsOf(predictor.tokenizer, data.val);
    this.benchmarkSets = generateBenchmarkSets(valText, seed).filter((set) => set.items.length > 0);
    this.prompt = pickPrompt(valText);
  }

  /**
   * Adds perplexity, bits per character and benchmark scores to an evaluation of the run's
   * model, or of a copy of its weights (`params`).
   */
  async report(evaluation: Evaluation, params?: GptParams): Promise<EvaluationReport> {
    const scorer = createModelScorer(this.predictorOf(params), this.objective);
    const benchmarks =
      this.benchmarkSets.length > 0 ? await runBenchmarks(this.benchmarkSets, scorer) : [];
    return {
      ...evaluation,
      valPerplexity: perplexity(evaluation.valLoss),
      valBitsPerChar:
        this.objective === 'causal'
          ? bitsPerChar(evaluation.valLoss, this.data.val.length, this.valChars)
          : null,
      benchmarks,
    };
  }

  /**
   * The same report with its benchmark items replaced by this evaluator's own (same set, same
   * id): a report measured in another worker arrives with fresh copies of every item's texts,
   * which a run keeping all its evaluations would otherwise hold once per evaluation.
   */
  shareItems(report: EvaluationReport): EvaluationReport {
    const benchmarks = report.benchmarks.map((result) => {
      const set = this.benchmarkSets.find((s) => s.kind === result.kind && s.name === result.name);
      if (set === undefined) return result;
      const items = result.items.map((r) => {
        const own = set.items[r.item.id];
        return own !== undefined && own.id === r.item.id ? { ...r, item: own } : r;
      });
      return { ...result, items };
    });
    return { ...report, benchmarks };
  }

  /**
   * Generates the checkpoint sample (causal runs): the same prompt and seed every time; from the
   * run's model, or from a copy of its weights (`params`).
   */
  async sample(step: number, params?: GptParams): Promise<SampleReport | null> {
    if (this.objective !== 'causal' || this.prompt === '') return null;
    const rng = createRng(deriveSeed(this.seed, 'checkpoint-samples'));
    const options = { temperature: 0.8, sampleTopK: 0, sampleLength: SAMPLE_TOKENS };
    const { generated } = await generateText(this.predictorOf(params), this.prompt, options, rng);
    const { ngramTokens: _ngramTokens, ...found } = this.findMemorised(generated);
    return { step, prompt: this.prompt, ...found };
  }

  private predictorOf(params: GptParams | undefined): Predictor {
    return params === undefined ? this.predictor : { ...this.predictor, params };
  }

  /** Marks the spans of a text (as token ids) that occur verbatim in the training data. */
  findMemorised(
    ids: ArrayLike<number>,
  ): Omit<SampleReport, 'step' | 'prompt'> & { ngramTokens: number } {
    const { tokenizer } = this.predictor;
    if (!this.ngrams) {
      const charsPerToken =
        tokenizer.decode(this.data.train.subarray(0, 10_000)).length /
        Math.min(10_000, this.data.train.length || 1);
      this.ngrams = buildNgramIndex(this.data.train, ngramLengthFor(charsPerToken));
    }
    const found = findMemorisedSpans(this.ngrams, ids);
    const tokenTexts = Array.from(ids, (id) => tokenizer.tokenText(id));
    return {
      ngramTokens: this.ngrams.n,
      text: tokenTexts.join(''),
      memorised: toCharSpans(tokenTexts, found.spans),
      memorisedFraction: found.fraction,
    };
  }
}

/** The first line start of the held-out text, its first 32 characters up to a word boundary. */
function pickPrompt(text: string): string {
  const start = text.indexOf('\n') + 1;
  const line = text.slice(start, start + 48).trimStart();
  const cut = line.lastIndexOf(' ', 32);
  return (cut > 8 ? line.slice(0, cut + 1) : line.slice(0, 32)) || text.slice(0, 32);
}
