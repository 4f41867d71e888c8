/**
 * Keyboard shortcuts for a class: Space starts or pauses, `.` takes one step, `r` resets, `p`
 * turns the presenter view on or off, `?` lists them. They never fire while the learner types
 * in a field, and never with Ctrl, Alt or Meta held (the browser's own shortcuts stay).
 */
import { useEffect, useRef } from 'react';

/** What each key does, for the list `?` opens (and the README). */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Space', action: 'Start, or Pause while a run trains' },
  { keys: '.', action: 'One training step' },
  { keys: 'r', action: 'Reset: the same settings from a fresh model' },
  { keys: 'p', action: 'Presenter view on or off' },
  { keys: '?', action: 'This list' },
  { keys: 'Esc', action: 'Close this list, or leave the presenter view' },
];

export interface ShortcutActions {
  toggleRun: () => void;
  step: () => void;
  reset: () => void;
  togglePresent: () => void;
  toggleHelp: () => void;
  escape: () => void;
}

/** True if a key pressed in `target` belongs to it (typing, choosing, toggling). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'SUMMARY';
}

/** The action of a key press, or null when it is not a shortcut here. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>,
): keyof ShortcutActions | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.key === 'Escape') return 'escape';
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case ' ':
      return 'toggleRun';
    case '.':
      return 'step';
    case 'r':
    case 'R':
      return 'reset';
    case 'p':
    case 'P':
      return 'togglePresent';
    case '?':
      return 'toggleHelp';
    default:
      return null;
  }
}

/** Listens for the shortcuts on the whole page while mounted. */
export function useShortcuts(actions: ShortcutActions): void {
  // The latest actions, so the listener is added once and never sees stale state.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutOf(event);
      if (action === null || event.repeat) return;
      // Space would also press the focused button or scroll the page: the shortcut wins.
      if (action !== 'escape') event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
