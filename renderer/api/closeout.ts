import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { call } from './client';
import { queryKeys } from './queries';

export const closeoutKeys = {
  prepare: () => ['closeout', 'prepare'] as const,
  run: () => ['closeout', 'run'] as const,
  cancel: () => ['closeout', 'cancel'] as const,
};

/** Reads every listed account and plans it; nothing is sent to the broker. */
export const prepareCloseoutMutation = () =>
  mutationOptions<ResponseOf<'closeout:prepare'>, AppError, RequestOf<'closeout:prepare'>>({
    mutationKey: closeoutKeys.prepare(),
    mutationFn: (request) => call('closeout:prepare', request),
  });

/** Runs a prepared plan; however it ends, account statuses and the audit trail have moved, so both are read again. */
export const runCloseoutMutation = (queryClient: Pick<QueryClient, 'invalidateQueries'>, connection: string) =>
  mutationOptions<ResponseOf<'closeout:run'>, AppError, RequestOf<'closeout:run'>>({
    mutationKey: closeoutKeys.run(),
    mutationFn: (request) => call('closeout:run', request),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.connection(connection) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit() }),
      ]),
  });

/** Asks the run to stop once the step under way has ended; a request already sent is never cut off. */
export const cancelCloseoutMutation = () =>
  mutationOptions<ResponseOf<'closeout:cancel'>, AppError, RequestOf<'closeout:cancel'>>({
    mutationKey: closeoutKeys.cancel(),
    mutationFn: (request) => call('closeout:cancel', request),
  });
