/**
 * Why Start cannot build a run now, in words: a setting out of range or inconsistent, data not
 * ready (still loading, curated away, failed), or splits too short for the context length.
 */
import type { RunConfig } from '../config/config';
import { checkControls, controlFor, CONTROLS, type NumericField } from '../config/controls';
import { validateConfig } from '../config/validate';
import type { TokenizerResult } from '../worker/data/protocol';
import type { PipelineState } from './pipeline';

const CONTROL_FIELDS = new Set<string>(CONTROLS.map((c) => c.field));

/** A settings field's label ("Heads"), or the field itself. */
export function labelOf(field: string): string {
  return CONTROL_FIELDS.has(field) ? controlFor(field as NumericField).label : field;
}

/** Problems with the settings, per field (shown next to the control). */
export function settingsProblems(config: RunConfig): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of [...checkControls(config), ...validateConfig(config)]) {
    const list = byField.get(issue.field) ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    byField.set(issue.field, list);
  }
  return byField;
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

/** Why the data steps have nothing to train on yet, or null when the tokens are ready. */
export function dataProblem(pipeline: PipelineState): string | null {
  const { dataset, corpus, curated, tokens, preparedKey, wanted } = pipeline;
  if (corpus.current.status === 'failed') return corpus.current.message;
  if (dataset === null) {
    return wanted === null
      ? 'No data yet: choose a corpus or paste your own text on the Data step.'
      : 'Loading the corpus…';
  }
  if (curated.current.status === 'failed') return `Curation failed: ${curated.current.message}`;
  if (curated.current.status === 'done' && curated.current.value.split === null) {
    return 'Curation removed every document: loosen the rules on the Curate step.';
  }
  if (tokens.current.status === 'failed') return `Tokenization failed: ${tokens.current.message}`;
  if (preparedKey === null || preparedKey !== wanted?.tokensKey) return 'Preparing the data…';
  return null;
}

/** Every reason Start cannot build a run (empty: it can). */
export function startBlockers(config: RunConfig, pipeline: PipelineState): string[] {
  const blockers: string[] = [];
  const data = dataProblem(pipeline);
  if (data !== null) blockers.push(data);
  const tokens = pipeline.tokens.current;
  if (data === null && tokens.status === 'done') {
    const fits = checkContextFits(tokens.value, config.model.blockSize);
    if (fits !== null) blockers.push(fits);
  }
  for (const [field, messages] of settingsProblems(config)) {
    blockers.push(`${labelOf(field)}: ${messages[0]}`);
  }
  return blockers;
}
