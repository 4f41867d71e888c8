/**
 * The data worker's client for a component's lifetime: made once, its worker stopped on
 * unmount (it starts again on the next request, so React's double mount in development is harmless).
 */
import { useEffect, useState } from 'react';
import { DataClient } from '../../worker/data-client';

/** One DataClient per mounted component. */
export function useDataClient(): DataClient {
  const [client] = useState(() => new DataClient());
  useEffect(() => () => client.dispose(), [client]);
  return client;
}
