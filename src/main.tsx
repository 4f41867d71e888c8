import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { isStepId } from './app/state';
import { PlaygroundStore } from './app/store';
import { Bridge } from './bridge/bridge';
import { presetConfig } from './config/presets';
import { settingsFromQuery } from './config/query';
import './ui/styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// A shared link may carry ?backend=, ?threads=, ?workers=, ?preset=, ?corpus= and ?step=
// (src/config/query.ts).
const query = settingsFromQuery(location.search);
const step = new URLSearchParams(location.search).get('step') ?? '';

// One bridge (the workers) and one store for the page, created outside React so StrictMode's
// double rendering cannot start a second worker.
const store = new PlaygroundStore(new Bridge(), {
  backend: query.backend,
  config: presetConfig(query.preset ?? 'tiny'),
  threads: query.threads,
  workers: query.workers,
  baseUrl: import.meta.env.BASE_URL,
  corpusId: query.corpus,
  ...(isStepId(step) ? { step } : {}),
});
store.init();

createRoot(container).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
