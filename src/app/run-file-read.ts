/**
 * Reading a run file: every field checked, a wrong file refused in words (which field, and
 * why); it never throws. Values of the set-up that are out of range are replaced and said.
 */
import { checkChecksum, mismatchMessage, parseFileOf } from '../shared/json-file';
import { OBJECTIVES } from '../config/config';
import {
  Refusal,
  arrayAt,
  choiceAt,
  isRecord,
  nullableNumberAt,
  nullableStringAt,
  numberAt,
  recordAt,
  stringAt,
} from './run-file-checks';
import {
  MAX_READ_POINTS,
  RUN_FILE_FORMAT,
  RUN_FILE_VERSION,
  type RunFile,
  type RunFileBackend,
  type RunFileReading,
  type TrainPoint,
  type ValidationPoint,
} from './run-file';
import type { RunDisplayStatus } from './runs';
import { SETUP_FILE_FORMAT, SETUP_FILE_VERSION, readSetupFile } from './setup/file';
import type { Setup } from './setup/setup';

const STATUSES: readonly RunDisplayStatus[] = [
  'ready',
  'training',
  'paused',
  'done',
  'diverged',
  'stopped',
];

/**
 * A set-up checked as a set-up file's is (every value in range, unknown fields dropped), or a
 * refusal. `config` alone (a run from a checkpoint) is checked the same way.
 */
function checkedSetup(raw: unknown, path: string): { setup: Setup; notices: string[] } {
  const setup = recordAt(raw, path);
  const text = JSON.stringify({
    format: SETUP_FILE_FORMAT,
    version: SETUP_FILE_VERSION,
    setup,
    // A run file never carries the learner's own text: its set-up keeps `own` as the corpus.
    own: { name: '', sources: [] },
  });
  const reading = readSetupFile(text, path);
  if (!reading.ok) throw new Refusal(`its “${path}” is not a readable set-up`);
  return { setup: reading.setup, notices: reading.notices };
}

function isoAt(value: unknown, path: string): string {
  const text = stringAt(value, path, 40);
  if (!Number.isFinite(Date.parse(text))) throw new Refusal(`its “${path}” is not a date`);
  return text;
}

function trainPointsAt(value: unknown): TrainPoint[] {
  return arrayAt(value, 'curve.train', MAX_READ_POINTS).map((item, i) => {
    const point = recordAt(item, `curve.train[${i}]`);
    return {
      step: numberAt(point.step, `curve.train[${i}].step`, 0),
      tokens: numberAt(point.tokens, `curve.train[${i}].tokens`, 0),
      loss: numberAt(point.loss, `curve.train[${i}].loss`),
    };
  });
}

function validationPointsAt(value: unknown): ValidationPoint[] {
  return arrayAt(value, 'curve.validation', MAX_READ_POINTS).map((item, i) => {
    const point = recordAt(item, `curve.validation[${i}]`);
    return {
      step: numberAt(point.step, `curve.validation[${i}].step`, 0),
      tokens: numberAt(point.tokens, `curve.validation[${i}].tokens`, 0),
      valLoss: numberAt(point.valLoss, `curve.validation[${i}].valLoss`),
    };
  });
}

function backendAt(value: unknown): RunFileBackend | null {
  if (value === null) return null;
  const backend = recordAt(value, 'backend');
  return {
    name: stringAt(backend.name, 'backend.name', 40),
    adapter: nullableStringAt(backend.adapter, 'backend.adapter'),
    wasmThreads: nullableNumberAt(backend.wasmThreads, 'backend.wasmThreads', 1),
  };
}

/** The checked contents of a parsed run file (its format and version already checked). */
function checkedRunFile(raw: Record<string, unknown>): { file: RunFile; notices: string[] } {
  const given = raw.setup === null ? null : checkedSetup(raw.setup, 'setup');
  const config = checkedSetup({ config: recordAt(raw.config, 'config') }, 'config').setup.config;
  const final = recordAt(raw.final, 'final');
  const curve = recordAt(raw.curve, 'curve');
  const file: RunFile = {
    format: RUN_FILE_FORMAT,
    version: numberAt(raw.version, 'version'),
    exportedAt: isoAt(raw.exportedAt, 'exportedAt'),
    label: stringAt(raw.label, 'label'),
    objective: choiceAt(raw.objective, 'objective', OBJECTIVES),
    status: choiceAt(raw.status, 'status', STATUSES),
    corpusName: stringAt(raw.corpusName, 'corpusName'),
    sizeName: stringAt(raw.sizeName, 'sizeName'),
    setup: given?.setup ?? null,
    config,
    backend: backendAt(raw.backend),
    parameterCount: nullableNumberAt(raw.parameterCount, 'parameterCount', 0),
    tokensPerSec: numberAt(raw.tokensPerSec, 'tokensPerSec', 0),
    trainingMs: numberAt(raw.trainingMs, 'trainingMs', 0),
    startedAt: isoAt(raw.startedAt, 'startedAt'),
    wallMs: numberAt(raw.wallMs, 'wallMs', 0),
    final: {
      steps: numberAt(final.steps, 'final.steps', 0),
      tokensSeen: numberAt(final.tokensSeen, 'final.tokensSeen', 0),
      trainLoss: nullableNumberAt(final.trainLoss, 'final.trainLoss'),
      valLoss: nullableNumberAt(final.valLoss, 'final.valLoss'),
      bestValLoss: nullableNumberAt(final.bestValLoss, 'final.bestValLoss'),
    },
    curve: { train: trainPointsAt(curve.train), validation: validationPointsAt(curve.validation) },
  };
  return { file, notices: given?.notices ?? [] };
}

/** Reads a run file; `fileName` names it in the messages and in the Class results view. */
export function readRunFile(text: string, fileName: string): RunFileReading {
  const parsed = parseFileOf(text, fileName, 'run file');
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (isRecord(raw) && raw.format === SETUP_FILE_FORMAT) {
    return {
      ok: false,
      message: `${fileName} is a set-up file, not a run: open it with Share → Open set-up.`,
    };
  }
  if (!isRecord(raw) || raw.format !== RUN_FILE_FORMAT) {
    return { ok: false, message: `${fileName} is not a run file exported by the playground.` };
  }
  // A damaged version field is damage, not a newer file: the checksum is checked first.
  if (checkChecksum(raw) === 'mismatch') return { ok: false, message: mismatchMessage(fileName) };
  if (typeof raw.version !== 'number' || !(raw.version <= RUN_FILE_VERSION)) {
    return {
      ok: false,
      message: `${fileName} was made by a newer version of the playground (run file version ${String(raw.version)}); this one reads version ${RUN_FILE_VERSION}.`,
    };
  }
  try {
    const { file, notices } = checkedRunFile(raw);
    const name = fileName.replace(/\.json$/i, '') || fileName;
    return { ok: true, run: { fileName, name, file, notices } };
  } catch (error) {
    const reason = error instanceof Refusal ? error.message : 'it could not be read';
    return { ok: false, message: `${fileName} cannot be opened: ${reason}.` };
  }
}
