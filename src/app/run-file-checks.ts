/**
 * Reading values out of parsed JSON that nobody checked: each reader returns the value with
 * its type, or throws a `Refusal` that says in words which field is wrong. The file reader
 * catches it at its edge, so no refusal escapes as an exception.
 */

/** Why a file cannot be opened, as the end of a sentence ("its “steps” is not a number"). */
export class Refusal extends Error {}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path`, or a refusal. */
export function recordAt(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Refusal(`its “${path}” is missing or not an object`);
  return value;
}

/** A finite number at least `min`, or a refusal. */
export function numberAt(value: unknown, path: string, min = -Infinity): number {
  if (typeof value !== 'number') throw new Refusal(`its “${path}” is missing or not a number`);
  if (!Number.isFinite(value)) throw new Refusal(`its “${path}” is not a finite number`);
  if (value < min) throw new Refusal(`its “${path}” is below ${min}`);
  return value;
}

/** A finite number at least `min`, or null, or a refusal. */
export function nullableNumberAt(value: unknown, path: string, min = -Infinity): number | null {
  return value === null ? null : numberAt(value, path, min);
}

/** A string (cut to `maxLength` characters), or a refusal. */
export function stringAt(value: unknown, path: string, maxLength = 200): string {
  if (typeof value !== 'string') throw new Refusal(`its “${path}” is missing or not text`);
  return value.slice(0, maxLength);
}

/** A string or null (cut to `maxLength` characters), or a refusal. */
export function nullableStringAt(value: unknown, path: string, maxLength = 200): string | null {
  return value === null ? null : stringAt(value, path, maxLength);
}

/** One of `choices`, or a refusal. */
export function choiceAt<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    throw new Refusal(`its “${path}” is not one of ${choices.map((c) => `“${c}”`).join(', ')}`);
  }
  return found;
}

/** An array of at most `maxItems` items, or a refusal. */
export function arrayAt(value: unknown, path: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) throw new Refusal(`its “${path}” is missing or not a list`);
  if (value.length > maxItems) {
    throw new Refusal(
      `its “${path}” has ${value.length.toLocaleString('en')} points; a run file holds at most ${maxItems.toLocaleString('en')}`,
    );
  }
  return value as unknown[];
}
