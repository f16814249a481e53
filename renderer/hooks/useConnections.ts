import { useQuery } from '@tanstack/react-query';
import type { ConnectionSummary } from '../../shared/domain';
import { connectionsQuery } from '../api/queries';

/** One connection's summary (capabilities included) from the cached list, or null while loading or once removed. */
export function useConnectionSummary(name: string | null): ConnectionSummary | null {
  const { data } = useQuery({
    ...connectionsQuery(),
    select: (connections) => connections.find((connection) => connection.name === name) ?? null,
  });
  return data ?? null;
}
