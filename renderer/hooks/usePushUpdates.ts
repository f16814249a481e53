import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { receiptNotice } from '../lib/notices';
import { pushNotice } from '../state/notifications';

const ACCOUNT_READS = new Set(['positions', 'orders', 'closeCheck']);

/** Shows outcomes the main process settles later (e.g. an unknown close reconciled) and re-reads what they touch. */
export function usePushUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof window.closeout?.on !== 'function') return undefined;
    return window.closeout.on('action:updated', (receipt) => {
      pushNotice(receiptNotice(receipt));
      void queryClient.invalidateQueries({ predicate: (query) => ACCOUNT_READS.has(String(query.queryKey.at(-1))) });
    });
  }, [queryClient]);
}
