import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PlaygroundStore } from './app/store';
import { settingsFromQuery } from './config/query';
import { TrainerClient } from './worker/client';
import './ui/styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// A shared link may carry ?backend=, ?threads=, ?workers=, ?preset= and ?corpus= (src/config/query.ts).
const query = settingsFromQuery(location.search);

// One worker and one store for the page, created outside React so StrictMode's double
// rendering cannot start a second worker.
const store = new PlaygroundStore(new TrainerClient(), query.backend, query.threads, query.workers);
store.init();

createRoot(container).render(
  <StrictMode>
    <App store={store} initialPreset={query.preset} initialCorpusId={query.corpus} />
  </StrictMode>,
);
