import { useCallback, useRef } from 'react';
import type { AppError } from '../../shared/errors';

/**
 * A latch for a confirm button. State updates land a render later, so a double click or a held Enter can fire twice
 * before `disabled` takes effect; a ref flips synchronously and the second claim fails.
 */
export function useSendOnce(): { claim(): boolean; release(): void; releaseIfUnsent(error: AppError): boolean } {
  const sent = useRef(false);
  const claim = useCallback(() => {
    if (sent.current) return false;
    sent.current = true;
    return true;
  }, []);
  const release = useCallback(() => {
    sent.current = false;
  }, []);
  // Only a request that certainly did not take effect may be sent again from the same dialog.
  const releaseIfUnsent = useCallback((error: AppError) => {
    const unsent = error.outcome === 'not_sent' || error.outcome === 'rejected';
    if (unsent) sent.current = false;
    return unsent;
  }, []);
  return { claim, release, releaseIfUnsent };
}
