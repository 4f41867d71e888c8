/**
 * Auto's measured backend choice, kept in `sessionStorage` for the session: a reload, a
 * restarted worker or a switch back to Auto reuses it on the same device instead of measuring
 * again. A new session (a new tab) measures afresh, so a changed machine load is seen.
 */
import type { AutoChoice } from '../worker/protocol';

const KEY = 'playground.autoChoice';

/** The choice kept earlier in this session, if any and well formed. */
export function loadAutoChoice(): AutoChoice | undefined {
  try {
    const value = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const choice = value as Partial<AutoChoice>;
    return typeof choice.device === 'string' &&
      typeof choice.backend === 'string' &&
      Array.isArray(choice.candidates)
      ? (choice as AutoChoice)
      : undefined;
  } catch {
    return undefined; // storage blocked, or not JSON: Auto measures again
  }
}

/** Keeps `choice` for the rest of the session (silently not, where storage is blocked). */
export function keepAutoChoice(choice: AutoChoice): void {
  try {
    globalThis.sessionStorage?.setItem(KEY, JSON.stringify(choice));
  } catch {
    // Private windows may refuse; Auto then measures at each start.
  }
}
