/**
 * Classroom options of a link, beside the set-up: a lesson to open (`?lesson=ID`), controls to
 * hide (`?hide=a,b`) or show read-only (`?lock=a,b`), and the presenter view (`?present=1`).
 * As TensorFlow Playground does, a teacher hands out a link where only some controls are left.
 */
import { lessonById } from './lessons/lessons';

/** The controls a link can hide or lock, by id, and what each is (the README lists them). */
export const CONTROL_IDS = {
  corpus: 'the corpus choice on Data (built-in corpora)',
  upload: 'pasting and uploading your own text on Data',
  curation: 'the curation rules and thresholds on Curate',
  tokenizer: 'the tokenizer and vocabulary size on Tokenize',
  model: 'the model size presets and shape (layers, heads, width, context, dropout) on Model',
  objective: 'the objective switch (causal or masked) and the mask ratio on Model',
  training: 'the training settings (steps, batch, learning rates, warm-up, evaluation, seed)',
  backend: 'the backend choice in the header',
  prompt: 'the prompt and fill-in sentence of the live predictions',
  lessons: 'the Lessons menu',
  share: 'the Share menu (link and set-up files)',
} as const;

/** A control a link can hide or lock. */
export type ControlId = keyof typeof CONTROL_IDS;

/** How a control shows. */
export type ControlMode = 'shown' | 'hidden' | 'locked';

/** What a link's classroom options ask for. */
export interface ClassroomOptions {
  lesson: string | null;
  hidden: ReadonlySet<ControlId>;
  locked: ReadonlySet<ControlId>;
  present: boolean;
  /** Values it ignored, in words. */
  notices: string[];
}

function isControlId(value: string): value is ControlId {
  return Object.hasOwn(CONTROL_IDS, value);
}

/** Reads `?lesson=`, `?hide=`, `?lock=` and `?present=`; unknown values are ignored with a notice. */
export function classroomFromQuery(search: string): ClassroomOptions {
  const query = new URLSearchParams(search);
  const notices: string[] = [];
  const ids = (name: 'hide' | 'lock'): Set<ControlId> => {
    const set = new Set<ControlId>();
    for (const part of (query.get(name) ?? '').split(',')) {
      const id = part.trim();
      if (id === '') continue;
      if (isControlId(id)) set.add(id);
      else
        notices.push(
          `Ignored ${name}=${id.slice(0, 40)} in the link: not a control id (see the README).`,
        );
    }
    return set;
  };
  const lessonId = query.get('lesson');
  let lesson: string | null = null;
  if (lessonId !== null) {
    if (lessonById(lessonId) !== undefined) lesson = lessonId;
    else
      notices.push(`Ignored lesson=${lessonId.slice(0, 40)} in the link: there is no such lesson.`);
  }
  const present = query.get('present');
  if (present !== null && present !== '1' && present !== '0') {
    notices.push(`Ignored present=${present.slice(0, 40)} in the link: use 1 or 0.`);
  }
  return { lesson, hidden: ids('hide'), locked: ids('lock'), present: present === '1', notices };
}

/** How `id` shows under these options (hiding wins over locking). */
export function controlMode(
  options: Pick<ClassroomOptions, 'hidden' | 'locked'>,
  id: ControlId,
): ControlMode {
  if (options.hidden.has(id)) return 'hidden';
  if (options.locked.has(id)) return 'locked';
  return 'shown';
}

/** The classroom options as query parameters (for a link that keeps them). */
export function classroomToQuery(options: ClassroomOptions, query: URLSearchParams): void {
  if (options.lesson !== null) query.set('lesson', options.lesson);
  if (options.hidden.size > 0) query.set('hide', [...options.hidden].join(','));
  if (options.locked.size > 0) query.set('lock', [...options.locked].join(','));
  if (options.present) query.set('present', '1');
}
