/**
 * Collects the checkpoint samples the worker reports, by run, for apps whose store does not
 * keep them. Mount it from the start (it only sees samples reported while it is subscribed).
 */
import { useEffect, useState } from 'react';
import type { TrainerClient } from '../../worker/client';
import type { SamplePoint } from '../../worker/protocol';

/** Run id → its checkpoint samples in step order. A new map whenever a sample arrives. */
export type SamplesByRun = ReadonlyMap<string, readonly SamplePoint[]>;

const EMPTY: SamplesByRun = new Map();

/** The samples of every run so far, from `client`'s metrics events. */
export function useCheckpointSamples(client: TrainerClient | null): SamplesByRun {
  const [samples, setSamples] = useState<SamplesByRun>(EMPTY);
  useEffect(() => {
    if (client === null) return undefined;
    return client.subscribe((event) => {
      if (event.type !== 'metrics' || event.samples.length === 0) return;
      setSamples((old) => {
        const next = new Map(old);
        next.set(event.runId, [...(old.get(event.runId) ?? []), ...event.samples]);
        return next;
      });
    });
  }, [client]);
  return samples;
}
