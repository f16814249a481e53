import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { call as callMain, type Call } from './client';
import { queryKeys } from './queries';

/**
 * An add request handed to the mutation once. TanStack keeps a mutation's variables in its cache; the mutation empties
 * this envelope as it sends, so the secret is held only by the call under way and never by the cache.
 */
export interface OneShotAddRequest {
  request: RequestOf<'connections:add'> | null;
}

export const oneShotAddRequest = (request: RequestOf<'connections:add'>): OneShotAddRequest => ({ request });

/** Adds a connection; the list is read again once the main process has it. */
export const addConnectionMutation = (queryClient: Pick<QueryClient, 'invalidateQueries'>, call: Call = callMain) =>
  mutationOptions<ResponseOf<'connections:add'>, AppError, OneShotAddRequest>({
    mutationKey: [...queryKeys.connectionsRoot(), 'add'],
    mutationFn: (envelope) => {
      const { request } = envelope;
      envelope.request = null;
      if (request === null) return Promise.reject(new AppError({ code: 'internal', message: 'This connection request was sent already.' }));
      return call('connections:add', request);
    },
    gcTime: 0,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.connections() });
    },
  });

/** Removes a connection and drops everything read under it, so a new connection of the same name starts clean. */
export const removeConnectionMutation = (queryClient: Pick<QueryClient, 'invalidateQueries' | 'removeQueries'>, name: string, call: Call = callMain) =>
  mutationOptions<ResponseOf<'connections:remove'>, AppError, void>({
    mutationKey: [...queryKeys.connectionsRoot(), 'remove', name],
    mutationFn: () => call('connections:remove', { name }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.connection(name) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.connections() });
    },
  });

/** Changes a connection's address or firm account; the main process tests it with one read-only call first. */
export const editConnectionMutation = (queryClient: Pick<QueryClient, 'invalidateQueries'>, name: string, call: Call = callMain) =>
  mutationOptions<ResponseOf<'connections:edit'>, AppError, Omit<RequestOf<'connections:edit'>, 'name'>>({
    mutationKey: [...queryKeys.connectionsRoot(), 'edit', name],
    mutationFn: (changes) => call('connections:edit', { name, ...changes }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.connections() });
    },
  });
