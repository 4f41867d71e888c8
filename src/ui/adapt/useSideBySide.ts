/**
 * Predictions of the fine-tuned model and of its untouched base on the same task prompts,
 * asked again as the fine-tuning run advances (at most one round at a time).
 */
import { useEffect, useRef, useState } from 'react';
import type { PlaygroundStore } from '../../app/store';
import type { PredictRequest } from '../../worker/protocol';
import { errorMessage } from '../../shared/errors';
import type { TaskPrompt } from './taskExamples';
import { firstLine } from './taskExamples';

/** One prompt's answers from both models. */
export interface SideBySideRow extends TaskPrompt {
  base: string;
  tuned: string;
}

/** The latest answers, the step they were made at, or why they could not be made. */
export interface SideBySide {
  rows: SideBySideRow[];
  step: number | null;
  error: string | null;
}

function requestFor(prompt: string): PredictRequest {
  // Greedy decoding (top-1): the answer each model finds most likely, stable between refreshes.
  return {
    kind: 'next-token',
    prompt,
    topK: 1,
    temperature: 1,
    sampleTopK: 1,
    sampleLength: 40,
    attentionLayer: 0,
    attentionHead: 0,
  };
}

async function answer(
  store: PlaygroundStore,
  prompt: string,
  model: 'current' | 'base',
): Promise<{ text: string; step: number }> {
  const { result, step } = await store.predict(requestFor(prompt), model);
  return { text: result.kind === 'next-token' ? firstLine(result.sample) : '', step };
}

/** Asks both models whenever `step` changes while `runId` is the fine-tuning run. */
export function useSideBySide(
  store: PlaygroundStore | null,
  runId: string | null,
  prompts: readonly TaskPrompt[],
  step: number | null,
): SideBySide {
  const [state, setState] = useState<SideBySide & { runId: string | null }>({
    runId: null,
    rows: [],
    step: null,
    error: null,
  });
  const busy = useRef(false);
  const again = useRef(false);
  const latest = useRef({ store, runId, prompts });
  useEffect(() => {
    latest.current = { store, runId, prompts };
  });

  useEffect(() => {
    if (store === null || runId === null || prompts.length === 0) return;
    const round = async () => {
      busy.current = true;
      try {
        do {
          again.current = false;
          const now = latest.current;
          if (now.store === null || now.runId === null) return;
          const rows: SideBySideRow[] = [];
          let atStep = 0;
          for (const prompt of now.prompts) {
            const tuned = await answer(now.store, prompt.prompt, 'current');
            const base = await answer(now.store, prompt.prompt, 'base');
            atStep = tuned.step;
            rows.push({ ...prompt, tuned: tuned.text, base: base.text });
          }
          if (latest.current.runId === now.runId)
            setState({ runId: now.runId, rows, step: atStep, error: null });
        } while (again.current);
      } catch (error) {
        setState((old) => ({ ...old, runId, error: errorMessage(error) }));
      } finally {
        busy.current = false;
      }
    };
    if (busy.current) again.current = true;
    else void round();
  }, [store, runId, prompts, step]);

  return state.runId === runId ? state : { rows: [], step: null, error: null };
}
