import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { runAction, type ActionChannel, type ActionSpec } from '../api/actions';
import { call } from '../api/client';
import { actionLogWriter } from '../state/actionLog';
import { inFlightRegistry } from '../state/inFlight';
import { pushNotice } from '../state/notifications';

/** A destructive action as a mutation: pending state for the dialog or row, everything else in runAction. */
export function useActionMutation<C extends ActionChannel>() {
  const queryClient = useQueryClient();
  return useMutation<ResponseOf<C>, AppError, ActionSpec<C>>({
    mutationFn: (spec) => runAction({ call, queryClient, notify: pushNotice, inFlight: inFlightRegistry, log: actionLogWriter }, spec),
  });
}
