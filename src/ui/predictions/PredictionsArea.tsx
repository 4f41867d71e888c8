/**
 * Part of the Train step: what the model predicts now — next tokens (causal) or fill-ins
 * (masked) — and the attention it pays, refreshed while it trains.
 */
import { memo, useMemo, useState } from 'react';
import type { Objective } from '../../config/config';
import type { PlaygroundStore } from '../../app/store';
import type { AttentionMap, PredictRequest } from '../../worker/protocol';
import { AttentionHeatmap } from '../attention/AttentionHeatmap';
import { AttentionMaskDiagram } from '../attention/AttentionMaskDiagram';
import type { FillInText } from './FillInPanel';
import { FillInPanel, MASK_TOKEN } from './FillInPanel';
import { NextTokenPanel } from './NextTokenPanel';
import { samplePrompt, sampleFillIn } from './samples';
import { usePredictionLoop } from './usePredictionLoop';

interface PredictionsAreaProps {
  store: PlaygroundStore;
  /** The run whose model the worker holds (null: none). */
  runId: string | null;
  /** Its name, e.g. "Run 2". */
  runLabel: string;
  /** Its objective, or the one chosen in the settings when there is no model yet. */
  objective: Objective;
  /** Layers and heads of the model on show (for the attention selectors). */
  nLayer: number;
  nHead: number;
  /** Context length of the model on show (the longest sentence it reads). */
  blockSize: number;
  /** The training text (default prompts are taken from it). */
  text: string;
  /** The prompt and fill-in sentence the learner set (null: taken from the text). */
  prompt: string | null;
  fill: string | null;
}

function clampCount(value: number, max: number): number {
  return Number.isInteger(value) ? Math.min(Math.max(value, 1), max) : 1;
}

/** The predictions and attention panels. */
export const PredictionsArea = memo(function PredictionsArea(props: PredictionsAreaProps) {
  const { store, runId, objective, text } = props;
  // The settings may be mid-edit (invalid): keep the selectors and samples sane.
  const nLayer = clampCount(props.nLayer, 24);
  const nHead = clampCount(props.nHead, 32);
  const blockSize = clampCount(props.blockSize, 1024);

  const [temperature, setTemperature] = useState(0.8);
  const [sampleTopK, setSampleTopK] = useState(10);
  // The hidden tokens' originals of the sentence the learner masked (the store keeps its text).
  const [masked, setMasked] = useState<FillInText | null>(null);
  const [layerChoice, setLayer] = useState(0);
  const [headChoice, setHead] = useState(0);
  const layer = Math.min(layerChoice, nLayer - 1);
  const head = Math.min(headChoice, nHead - 1);

  const defaults = useMemo(() => {
    const fill = sampleFillIn(text, blockSize);
    return {
      prompt: samplePrompt(text),
      fill: {
        text: fill.text,
        originals: fill.masked >= 0 ? { [fill.masked]: fill.original } : {},
      },
    };
  }, [text, blockSize]);
  const prompt = props.prompt ?? defaults.prompt;
  const fill =
    props.fill === null
      ? defaults.fill
      : { text: props.fill, originals: masked?.text === props.fill ? masked.originals : {} };
  const setFill = (next: FillInText): void => {
    setMasked(next);
    store.setFill(next.text);
  };

  const request = useMemo<PredictRequest | null>(() => {
    if (objective === 'causal') {
      if (prompt === '') return null;
      return {
        kind: 'next-token',
        prompt,
        topK: 10,
        temperature,
        sampleTopK,
        sampleLength: 80,
        attentionLayer: layer,
        attentionHead: head,
      };
    }
    if (!fill.text.includes(MASK_TOKEN)) return null;
    return {
      kind: 'fill-in',
      text: fill.text,
      topK: 5,
      attentionLayer: layer,
      attentionHead: head,
    };
  }, [objective, prompt, temperature, sampleTopK, fill.text, layer, head]);

  const { outcome, refresh } = usePredictionLoop(store, runId, request);
  const prediction =
    outcome.prediction !== null && outcome.prediction.runId === runId ? outcome.prediction : null;
  const result = prediction?.result ?? null;
  const enabled = runId !== null;
  const attention: AttentionMap | null = result && 'attention' in result ? result.attention : null;

  return (
    <div className="live-panels">
      <section
        className="panel live-predictions"
        aria-labelledby="predictions-title"
        data-testid="live-predictions"
      >
        <div className="panel-head">
          <h2 id="predictions-title" className="panel-title">
            {objective === 'causal' ? 'Next-token predictions' : 'Fill in the blanks'}
          </h2>
          <span className="panel-meta" data-testid="prediction-step">
            {prediction !== null
              ? `${props.runLabel} at step ${prediction.step.toLocaleString('en')}`
              : ''}
          </span>
        </div>
        {objective === 'causal' ? (
          <NextTokenPanel
            prompt={prompt}
            onPromptChange={(next) => store.setPrompt(next)}
            temperature={temperature}
            onTemperatureChange={setTemperature}
            sampleTopK={sampleTopK}
            onSampleTopKChange={setSampleTopK}
            onPredict={refresh}
            result={result?.kind === 'next-token' ? result : null}
            enabled={enabled}
          />
        ) : (
          <FillInPanel
            fill={fill}
            onFillChange={setFill}
            onPredict={refresh}
            result={result?.kind === 'fill-in' ? result : null}
            enabled={enabled}
          />
        )}
        {outcome.error !== null && enabled ? (
          <p className="message is-error" role="alert" data-testid="prediction-error">
            {outcome.error}
          </p>
        ) : null}
      </section>

      <section className="panel attention-panel" aria-labelledby="attention-title">
        <div className="panel-head">
          <h2 id="attention-title" className="panel-title">
            Attention
          </h2>
          <div className="attention-selectors">
            <label className="inline-field">
              <span>Layer</span>
              <select value={layer} onChange={(event) => setLayer(Number(event.target.value))}>
                {Array.from({ length: nLayer }, (_, i) => (
                  <option key={i} value={i}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>Head</span>
              <select value={head} onChange={(event) => setHead(Number(event.target.value))}>
                {Array.from({ length: nHead }, (_, i) => (
                  <option key={i} value={i}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        <div className="attention-body">
          <AttentionMaskDiagram objective={objective} />
          <figure className="heatmap-figure">
            {attention !== null && attention.tokens.length > 0 ? (
              <AttentionHeatmap map={attention} />
            ) : (
              <div className="heatmap-empty">
                The attention of the chosen layer and head appears here once the model predicts.
              </div>
            )}
            <figcaption>
              What layer {layer + 1}, head {head + 1} looks at for the current{' '}
              {objective === 'causal' ? 'prompt' : 'sentence'}: each row is a token, darker cells
              are the tokens it attends to most.
            </figcaption>
          </figure>
        </div>
      </section>
    </div>
  );
});
