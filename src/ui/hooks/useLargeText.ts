/**
 * The "Large text" switch for projectors: scales every rem-based size by toggling a class on
 * the root element, and remembers the choice in localStorage.
 */
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'playground.largeText';

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage may be blocked; the switch still works for this visit
  }
}

/** Returns whether large text is on and the function that switches it. */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readStored);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    try {
      localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    } catch {
      // ignore: see readStored
    }
  }, [on]);
  return [on, setOn];
}
