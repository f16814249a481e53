import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { call } from './client';
import { queryKeys } from './queries';

export const windDownKeys = {
  runs: () => ['windDown', 'runs'] as const,
  prepare: () => ['windDown', 'prepare'] as const,
  run: () => ['windDown', 'run'] as const,
  cancel: () => ['windDown', 'cancel'] as const,
};

/** Reads every listed account and plans it; nothing is sent to the broker. */
export const prepareWindDownMutation = () =>
  mutationOptions<ResponseOf<'windDown:prepare'>, AppError, RequestOf<'windDown:prepare'>>({
    mutationKey: windDownKeys.prepare(),
    mutationFn: (request) => call('windDown:prepare', request),
  });

/** Every wind-down run the journal keeps, with its last report: parked ones are resumed from here. */
export const windDownRunsQuery = () => queryOptions({ queryKey: windDownKeys.runs(), queryFn: () => call('windDown:runs', {}), staleTime: 5_000 });

/** Prepares an earlier run again from the journal (its accounts read anew); nothing is sent. */
export const resumeWindDownMutation = () =>
  mutationOptions<ResponseOf<'windDown:resume'>, AppError, RequestOf<'windDown:resume'>>({
    mutationKey: [...windDownKeys.prepare(), 'resume'],
    mutationFn: (request) => call('windDown:resume', request),
  });

/** Runs a prepared plan; however it ends, account statuses and the audit trail have moved, so both are read again. */
export const runWindDownMutation = (queryClient: Pick<QueryClient, 'invalidateQueries'>, connection: string) =>
  mutationOptions<ResponseOf<'windDown:run'>, AppError, RequestOf<'windDown:run'>>({
    mutationKey: windDownKeys.run(),
    mutationFn: (request) => call('windDown:run', request),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.connection(connection) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit() }),
        queryClient.invalidateQueries({ queryKey: windDownKeys.runs() }),
      ]),
  });

/** Asks the run to stop once the step under way has ended; a request already sent is never cut off. */
export const cancelWindDownMutation = () =>
  mutationOptions<ResponseOf<'windDown:cancel'>, AppError, RequestOf<'windDown:cancel'>>({
    mutationKey: windDownKeys.cancel(),
    mutationFn: (request) => call('windDown:cancel', request),
  });
