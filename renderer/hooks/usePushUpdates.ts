import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/queries';
import { interruptedOf, verdictNotice, withSettledInterrupted, type InterruptedAction } from '../lib/interrupted';
import { settledNotice } from '../lib/notices';
import { settlingAction } from '../lib/noticeText';
import { settleAction } from '../state/actionLog';
import { recordWindDownProgress } from '../state/windDownProgress';
import { pushNotice } from '../state/notifications';
import { recordProgress } from '../state/progress';

const ACCOUNT_READS = new Set(['positions', 'orders', 'history', 'closeCheck', 'balances']);

/**
 * Listens to the main process: outcomes it settles later (an unknown close reconciled, or an action a stopped process
 * left unfinished) update their Actions entry, become notices (in place of the action's "outcome unknown") and re-read what they touch, the audit trail included;
 * close-all and wind-down progress feed the counters and bars.
 */
export function usePushUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const bridge = window.closeout;
    if (typeof bridge?.on !== 'function') return undefined;
    const unsubscribes = [
      bridge.on('action:updated', (receipt) => {
        const interrupted = interruptedOf(receipt);
        if (interrupted) {
          // Started by a process that stopped, not by this window: it lives in the interrupted list, not the log.
          queryClient.setQueryData<InterruptedAction[]>(queryKeys.interruptedActions(), (held) => withSettledInterrupted(held, interrupted));
          pushNotice(verdictNotice(interrupted));
        } else {
          const entry = settleAction(receipt);
          pushNotice(settlingAction(settledNotice(receipt, entry?.label ?? null), entry, receipt.actionId));
        }
        void queryClient.invalidateQueries({ predicate: (query) => ACCOUNT_READS.has(String(query.queryKey.at(-1))) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
      }),
      bridge.on('action:progress', recordProgress),
      bridge.on('windDown:progress', recordWindDownProgress),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [queryClient]);
}
