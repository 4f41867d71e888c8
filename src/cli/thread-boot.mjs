// Starts a worker thread on a TypeScript module (`workerData.entry`): the CLI runs under tsx,
// whose loader a worker thread does not inherit, so the thread registers it first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
