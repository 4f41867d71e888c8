/**
 * Task examples as the Adapt stage shows them: the same split as the worker (one example per
 * non-empty line, the last tenth held out; see src/worker/adaptation.ts) and the prompts used
 * to compare the base and fine-tuned models on held-out examples. Pure: unit-tested.
 */

/** A held-out example cut into a prompt and the continuation the task expects. */
export interface TaskPrompt {
  prompt: string;
  expected: string;
}

/** The examples of a task text: one per non-empty line, trimmed. */
export function taskExamples(taskText: string): string[] {
  return taskText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** How many examples train and how many are held out (the last tenth, at least one). */
export function taskSplitSizes(count: number): { train: number; val: number } {
  if (count < 2) return { train: count, val: 0 };
  const val = Math.max(1, Math.round(count / 10));
  return { train: count - val, val };
}

/** Cuts an example into a prompt and its expected end: "Q: … A:" + answer, else its first half. */
export function promptOf(example: string): TaskPrompt {
  const answerAt = example.search(/\bA:/);
  if (answerAt > 0) {
    const end = answerAt + 2;
    return { prompt: example.slice(0, end), expected: example.slice(end).trim() };
  }
  const cut = Math.max(1, Math.floor(example.length / 2));
  return { prompt: example.slice(0, cut), expected: example.slice(cut) };
}

/** Up to `count` prompts from the held-out examples of `taskText`. */
export function heldOutPrompts(taskText: string, count = 3): TaskPrompt[] {
  const examples = taskExamples(taskText);
  const { val } = taskSplitSizes(examples.length);
  return examples
    .slice(examples.length - val)
    .slice(0, count)
    .map(promptOf);
}

/**
 * A sampled continuation as shown: up to the end of the line it starts writing (one task
 * example per line), with line breaks before that shown as ⏎ so an early newline is visible.
 */
export function firstLine(sample: string): string {
  const start = sample.search(/[^\s]/);
  if (start === -1) return sample.includes('\n') ? '⏎' : '';
  const end = sample.indexOf('\n', start);
  const breaks = sample.slice(0, start).includes('\n') ? '⏎ ' : '';
  return `${breaks}${(end === -1 ? sample.slice(start) : sample.slice(start, end)).trim()}`;
}
