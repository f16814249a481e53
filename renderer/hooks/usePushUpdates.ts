import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { receiptNotice } from '../lib/notices';
import { pushNotice } from '../state/notifications';
import { recordProgress } from '../state/progress';

const ACCOUNT_READS = new Set(['positions', 'orders', 'history', 'closeCheck']);

/**
 * Listens to the main process: outcomes it settles later (an unknown close reconciled) become notices and re-read
 * what they touch; close-all progress feeds the dialog's counter.
 */
export function usePushUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const bridge = window.closeout;
    if (typeof bridge?.on !== 'function') return undefined;
    const unsubscribes = [
      bridge.on('action:updated', (receipt) => {
        pushNotice(receiptNotice(receipt));
        void queryClient.invalidateQueries({ predicate: (query) => ACCOUNT_READS.has(String(query.queryKey.at(-1))) });
      }),
      bridge.on('action:progress', recordProgress),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [queryClient]);
}
