/**
 * A set-up in a link's query string, with short parameter names (the README's table lists
 * them): only what differs from a fresh page is written, and reading it back gives the same
 * set-up. A value that does not parse or is out of range is ignored with a notice in words;
 * reading never throws.
 */
import { isBackendName } from '../../config/backends';
import type { Objective, RunConfig } from '../../config/config';
import { OBJECTIVES } from '../../config/config';
import { CONTROLS, checkControl, readField, writeField } from '../../config/controls';
import { matchingPreset, presetConfig, PRESETS, type PresetId } from '../../config/presets';
import { CURATION_RULES, DEFAULT_CURATION, type CurationOptions } from '../../data/curate';
import { BPE_VOCAB_SIZE, TOKENIZER_KINDS, type TokenizerKind } from '../../tokenizer/registry';
import { OWN_DATA_ID } from '../pipeline';
import { isViewId } from '../state';
import { DEFAULT_SETUP, type Setup } from './setup';

/** Parameters a link may carry that are not set-up (read elsewhere: classroom options, threads). */
export const OTHER_PARAMS = ['lesson', 'hide', 'lock', 'present', 'threads', 'workers', 'autosave'];

/** The longest prompt or fill-in sentence a link carries. */
export const MAX_LINK_TEXT = 2000;

/** What a link asked for: the set-up, which settings it gave, and what it ignored (in words). */
export interface LinkReading {
  setup: Setup;
  /** Settings the link set (valid ones only). */
  given: Set<string>;
  notices: string[];
}

/** Writes the set-up's differences from a fresh page as query parameters, in a fixed order. */
export function setupToQuery(setup: Setup): URLSearchParams {
  const query = new URLSearchParams();
  if (setup.backend !== DEFAULT_SETUP.backend) query.set('backend', setup.backend);
  if (setup.corpus !== DEFAULT_SETUP.corpus && setup.corpus !== OWN_DATA_ID) {
    query.set('corpus', setup.corpus);
  }
  const rules = curationParam(setup.curation);
  if (rules !== '') query.set('cur', rules);
  if (setup.curation.keepDuplicates) query.set('keepdup', '1');
  if (setup.tokenizer.kind !== DEFAULT_SETUP.tokenizer.kind) query.set('tok', setup.tokenizer.kind);
  if (setup.tokenizer.vocabSize !== DEFAULT_SETUP.tokenizer.vocabSize) {
    query.set('vocab', String(setup.tokenizer.vocabSize));
  }
  const preset = matchingPreset(setup.config) ?? 'tiny';
  if (preset !== 'tiny') query.set('preset', preset);
  const base = presetConfig(preset);
  if (setup.config.training.objective !== base.training.objective) {
    query.set('obj', setup.config.training.objective);
  }
  for (const control of CONTROLS) {
    const value = readField(setup.config, control.field);
    if (value !== readField(base, control.field)) query.set(control.param, String(value));
  }
  if (setup.step !== DEFAULT_SETUP.step) query.set('step', setup.step);
  if (setup.prompt !== null) query.set('prompt', setup.prompt);
  if (setup.fill !== null) query.set('fill', setup.fill);
  return query;
}

/** The curation rules that differ from the defaults: `-name` off, `name` on, `:value` threshold. */
function curationParam(curation: CurationOptions): string {
  const parts: string[] = [];
  for (const rule of CURATION_RULES) {
    const now = curation.rules[rule.name];
    const before = DEFAULT_CURATION.rules[rule.name];
    const threshold = rule.threshold === null ? undefined : now.threshold;
    const thresholdChanged = threshold !== undefined && threshold !== before.threshold;
    if (now.enabled === before.enabled && !thresholdChanged) continue;
    parts.push(`${now.enabled ? '' : '-'}${rule.name}${thresholdChanged ? `:${threshold}` : ''}`);
  }
  return parts.join(',');
}

/** A number as a link writes it, or NaN. */
function numberOf(text: string): number {
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
}

/**
 * Reads a set-up from a query string, on top of `base` (a fresh page by default); `source`
 * names where it came from in the notices ("link", "set-up file").
 */
export function setupFromQuery(
  search: string,
  base: Readonly<Setup> = DEFAULT_SETUP,
  { source = 'link' }: { source?: string } = {},
): LinkReading {
  const query = new URLSearchParams(search);
  const notices: string[] = [];
  const given = new Set<string>();
  const setup: Setup = { ...base };
  const ignore = (name: string, value: string, why: string): void => {
    notices.push(`Ignored ${name}=${value.slice(0, 40)} in the ${source}: ${why}`);
  };
  const read = (name: string, apply: (value: string) => string | null): void => {
    const value = query.get(name);
    if (value === null) return;
    const problem = apply(value);
    if (problem === null) given.add(name);
    else ignore(name, value, problem);
  };

  read('backend', (value) => {
    if (value === 'auto') return null;
    if (!isBackendName(value)) return 'the backends are webgpu, wasm, webgl and cpu.';
    setup.backend = value;
    return null;
  });
  read('corpus', (value) => {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(value)) return 'not a corpus id.';
    setup.corpus = value;
    return null;
  });
  read('cur', (value) => {
    const parsed = readCuration(value, setup.curation);
    if (typeof parsed === 'string') return parsed;
    setup.curation = parsed;
    return null;
  });
  read('keepdup', (value) => {
    if (value !== '1' && value !== '0') return 'use 1 or 0.';
    setup.curation = { ...setup.curation, keepDuplicates: value === '1' };
    return null;
  });
  read('tok', (value) => {
    if (!TOKENIZER_KINDS.includes(value as TokenizerKind)) return 'use char, byte or bpe.';
    setup.tokenizer = { ...setup.tokenizer, kind: value as TokenizerKind };
    return null;
  });
  read('vocab', (value) => {
    const size = numberOf(value);
    const { min, max } = BPE_VOCAB_SIZE;
    if (!Number.isInteger(size) || size < min || size > max) {
      return `the vocabulary size is a whole number from ${min} to ${max}.`;
    }
    setup.tokenizer = { ...setup.tokenizer, vocabSize: size };
    return null;
  });
  read('preset', (value) => {
    if (!PRESETS.some((preset) => preset.id === value)) return 'use tiny, small or medium.';
    setup.config = presetConfig(value as PresetId);
    return null;
  });
  setup.config = readConfig(query, setup.config, ignore, given);
  read('step', (value) => {
    if (!isViewId(value)) return 'no such step.';
    setup.step = value;
    return null;
  });
  for (const name of ['prompt', 'fill'] as const) {
    read(name, (value) => {
      if (value.length > MAX_LINK_TEXT) return `longer than ${MAX_LINK_TEXT} characters.`;
      setup[name] = value;
      return null;
    });
  }
  const known = new Set([...OTHER_PARAMS, 'obj', ...CONTROLS.map((c) => c.param)]);
  for (const name of new Set(query.keys())) {
    if (!given.has(name) && !known.has(name) && !notices.some((n) => n.includes(` ${name}=`))) {
      ignore(name, query.get(name) ?? '', 'not a setting the playground knows.');
    }
  }
  return { setup, given, notices };
}

/** The objective and every numeric control; each value checked against the control's range. */
function readConfig(
  query: URLSearchParams,
  start: RunConfig,
  ignore: (name: string, value: string, why: string) => void,
  given: Set<string>,
): RunConfig {
  let config = start;
  const objective = query.get('obj');
  if (objective !== null) {
    if (OBJECTIVES.includes(objective as Objective)) {
      config = { ...config, training: { ...config.training, objective: objective as Objective } };
      given.add('obj');
    } else ignore('obj', objective, 'use causal or masked.');
  }
  for (const control of CONTROLS) {
    const text = query.get(control.param);
    if (text === null) continue;
    const value = numberOf(text);
    const problem = checkControl(control, value);
    if (problem === null) {
      config = writeField(config, control.field, value);
      given.add(control.param);
    } else ignore(control.param, text, problem);
  }
  return config;
}

/** Reads `cur=`: rule changes on top of `start`; a string says what is wrong. */
function readCuration(value: string, start: CurationOptions): CurationOptions | string {
  const rules = { ...start.rules };
  for (const part of value.split(',').filter((p) => p !== '')) {
    const match = /^(-?)([a-zA-Z]+)(?::(.+))?$/.exec(part);
    const rule = CURATION_RULES.find((r) => r.name === match?.[2]);
    if (match === null || rule === undefined) return `${part.slice(0, 30)} is not a curation rule.`;
    const setting = { ...rules[rule.name], enabled: match[1] !== '-' };
    if (match[3] !== undefined) {
      const threshold = numberOf(match[3]);
      const spec = rule.threshold;
      if (spec === null) return `${rule.label} has no threshold.`;
      if (!(threshold >= spec.min && threshold <= spec.max)) {
        return `${rule.label}: ${spec.label} must be between ${spec.min} and ${spec.max}.`;
      }
      setting.threshold = threshold;
    }
    rules[rule.name] = setting;
  }
  return { ...start, rules };
}
