import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { classroomFromQuery } from './app/classroom';
import { registerOffline } from './app/offline';
import { PlaygroundStore } from './app/store';
import { setupFromQuery } from './app/setup/url';
import { Bridge } from './bridge/bridge';
import { settingsFromQuery } from './config/query';
import { ClassroomContext } from './ui/shell/ClassroomContext';
import './ui/styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// A link carries the whole set-up (src/app/setup/url.ts; the README lists the parameters) and
// ?threads= / ?workers= for the WASM backend, ?autosave= (seconds between autosaves) (src/config/query.ts). What it gets wrong is
// ignored with a notice. ?lesson=, ?hide=, ?lock= and ?present= are the classroom options
// (src/app/classroom.ts).
const link = setupFromQuery(location.search);
const query = settingsFromQuery(location.search);
const classroom = classroomFromQuery(location.search);

// One bridge (the workers) and one store for the page, created outside React so StrictMode's
// double rendering cannot start a second worker.
const store = new PlaygroundStore(new Bridge(), {
  threads: query.threads,
  workers: query.workers,
  inference: query.inference,
  ...(query.autosaveSeconds === null ? {} : { autosaveMs: query.autosaveSeconds * 1000 }),
  baseUrl: import.meta.env.BASE_URL,
  setup: link.setup,
  notices: [...link.notices, ...classroom.notices],
  lesson: classroom.lesson,
  present: classroom.present,
});
store.init();

createRoot(container).render(
  <StrictMode>
    <ClassroomContext value={classroom}>
      <App store={store} />
    </ClassroomContext>
  </StrictMode>,
);

// Offline after the first load (src/app/offline.ts).
registerOffline();
