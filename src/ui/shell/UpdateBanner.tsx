/**
 * What the service worker has to say: "Ready to work offline" once everything is cached (a
 * short note, dismissible), and "A new version is ready" with a button that reloads into it.
 */
import { useState, useSyncExternalStore } from 'react';
import { offlineState, reloadForUpdate } from '../../app/offline';

export function UpdateBanner() {
  const { needRefresh, offlineReady } = useSyncExternalStore(
    offlineState.subscribe,
    offlineState.getSnapshot,
  );
  const [readyDismissed, setReadyDismissed] = useState(false);
  if (needRefresh) {
    return (
      <div className="update-banner" role="status" data-testid="update-banner">
        <span>A new version of the playground is ready.</span>
        <button type="button" className="button is-primary" onClick={reloadForUpdate}>
          Reload for the new version
        </button>
      </div>
    );
  }
  if (offlineReady && !readyDismissed) {
    return (
      <div className="update-banner is-quiet" role="status" data-testid="offline-ready">
        <span>Ready to work offline: the app and its corpora are saved in this browser.</span>
        <button type="button" className="button" onClick={() => setReadyDismissed(true)}>
          OK
        </button>
      </div>
    );
  }
  return null;
}
