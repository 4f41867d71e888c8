/// <reference types="vite-plugin-pwa/client" />
/**
 * Offline after the first load: registers the service worker that vite-plugin-pwa (Workbox)
 * builds, which precaches the app, its workers, the WASM binaries and the built-in corpora.
 * A new version never takes over a page on its own: it waits, `needRefresh` says so, and the
 * learner reloads into it (`reloadForUpdate`), so old and new files never mix.
 */
import { registerSW } from 'virtual:pwa-register';

/** What the page says about offline use. */
export interface OfflineState {
  /** A new version is installed and waits for a reload. */
  needRefresh: boolean;
  /** Everything is cached: the page works without the network from now on. */
  offlineReady: boolean;
}

let state: OfflineState = { needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();
let update: ((reload?: boolean) => Promise<void>) | null = null;

function set(patch: Partial<OfflineState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

/** For `useSyncExternalStore`. */
export const offlineState = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot(): OfflineState {
    return state;
  },
};

/** Registers the service worker (nothing happens where browsers have none; in dev the plugin gives a no-op). */
export function registerOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    onNeedRefresh: () => set({ needRefresh: true }),
    onOfflineReady: () => set({ offlineReady: true }),
  });
}

/** Activates the waiting version and reloads the page into it. */
export function reloadForUpdate(): void {
  if (update === null) location.reload();
  else void update(true);
}
