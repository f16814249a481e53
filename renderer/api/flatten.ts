import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { call } from './client';
import { queryKeys } from './queries';

/** Reads every account picked and plans its flatten; nothing is sent to a broker. */
export const prepareFlattenMutation = () =>
  mutationOptions<ResponseOf<'flatten:prepare'>, AppError, RequestOf<'flatten:prepare'>>({
    mutationKey: ['flatten', 'prepare'],
    mutationFn: (request) => call('flatten:prepare', request),
  });

/** Runs a prepared plan; however it ends, positions, orders and the audit trail have moved, so all are read again. */
export const runFlattenMutation = (queryClient: Pick<QueryClient, 'invalidateQueries'>) =>
  mutationOptions<ResponseOf<'flatten:run'>, AppError, RequestOf<'flatten:run'>>({
    mutationKey: ['flatten', 'run'],
    mutationFn: (request) => call('flatten:run', request),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.connectionsRoot() }), queryClient.invalidateQueries({ queryKey: queryKeys.audit() })]),
  });
