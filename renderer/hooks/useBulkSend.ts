import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionReceipt } from '../../shared/actions';
import { runAction, type ActionChannel, type ActionSpec } from '../api/actions';
import { call } from '../api/client';
import { runEach, type BulkItem, type BulkItemResult } from '../lib/bulkRun';
import { plural } from '../lib/format';
import { actionLogWriter } from '../state/actionLog';
import { inFlightRegistry } from '../state/inFlight';
import { pushNotice } from '../state/notifications';
import { useSendOnce } from './useSendOnce';

export interface BulkSendItem<C extends ActionChannel> extends BulkItem {
  spec: ActionSpec<C>;
}

/** One notice for the whole run: a toast per item would bury the rows it is about. */
function summary(results: readonly BulkItemResult[], what: string): { tone: 'success' | 'warning' | 'error'; text: string } {
  const count = (state: BulkItemResult['state']) => results.filter((result) => result.state === state).length;
  const refused = count('rejected');
  const unknown = count('unknown');
  const done = results.length - refused - unknown;
  const parts = [`${what}: ${done} of ${results.length} ${plural(results.length, 'item')} accepted`];
  if (refused > 0) parts.push(`${refused} refused`);
  if (unknown > 0) parts.push(`${unknown} outcome unknown (Closeout is re-reading; do not send them again)`);
  return { tone: unknown > 0 || refused === results.length ? 'error' : refused > 0 ? 'warning' : 'success', text: `${parts.join('; ')}.` };
}

/**
 * Sends a list of single actions one by one (runEach): each goes through runAction, so each is its own intent in the
 * core's journal, locked against a second send and logged in the Actions panel; the dialog gets a result per item.
 */
export function useBulkSend<C extends ActionChannel>(what: string) {
  const queryClient = useQueryClient();
  const once = useSendOnce();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mutation = useMutation<BulkItemResult[], Error, readonly BulkSendItem<C>[]>({
    mutationFn: async (items) => {
      setProgress({ done: 0, total: items.length });
      const deps = { call, queryClient, notify: () => undefined, inFlight: inFlightRegistry, log: actionLogWriter };
      const results = await runEach(
        items,
        async (item) => {
          const receipt = (await runAction(deps, item.spec)) as ActionReceipt;
          return { state: receipt.state === 'pending' ? 'accepted' : receipt.state, message: receipt.message };
        },
        { onSettled: (done, total) => setProgress({ done, total }) },
      );
      pushNotice(summary(results, what));
      return results;
    },
  });
  const send = (items: readonly BulkSendItem<C>[]) => {
    if (items.length === 0 || !once.claim()) return;
    mutation.mutate(items);
  };
  return { mutation, send, progress };
}
