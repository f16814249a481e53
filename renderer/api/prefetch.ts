import type { QueryClient } from '@tanstack/react-query';
import { accountsQuery, appInfoQuery, connectionsQuery } from './queries';

/**
 * Starts the first screen's reads before React has loaded: the connections, and when there is exactly one (the app
 * opens it by itself) its accounts. The components' queries then find them under way or answered. A read that fails
 * here is read again when its component mounts, which shows the failure.
 */
export function prefetchFirstReads(client: QueryClient): void {
  client.fetchQuery(connectionsQuery()).then(
    (connections) => {
      const only = connections.length === 1 ? connections[0] : undefined;
      if (only) void client.prefetchQuery(accountsQuery(only.name, ''));
    },
    () => undefined,
  );
  void client.prefetchQuery(appInfoQuery());
}
